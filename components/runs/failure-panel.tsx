export interface FailureView {
  message: string;
  stackTrace: string | null;
  language: string | null;
}

export function FailurePanel({ failure }: { failure: FailureView }) {
  return (
    <section className="notice notice-error" data-testid="failure">
      <strong>This run failed:</strong> {failure.message}
      {failure.stackTrace ? (
        <details><summary>Stack trace{failure.language ? ` (${failure.language})` : ''}</summary><pre>{failure.stackTrace}</pre></details>
      ) : null}
    </section>
  );
}
