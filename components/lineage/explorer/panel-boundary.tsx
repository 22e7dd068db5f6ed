'use client';

import { Component, type ReactNode } from 'react';

interface Props {
  /** What failed, for people: "The lineage graph", "The node panel". */
  label: string;
  children: ReactNode;
}

/** One failing panel (a layout error, a bad response) shows its own message; the rest of the page stays. */
export class PanelBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="notice notice-error" role="alert" data-testid="panel-error">
        <strong>{this.props.label} could not be shown.</strong> {error.message}{' '}
        <button type="button" onClick={() => this.setState({ error: null })}>Try again</button>
      </div>
    );
  }
}
