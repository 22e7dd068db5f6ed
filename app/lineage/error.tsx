'use client';

export default function LineageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="notice notice-error" role="alert">
      <strong>The lineage explorer could not be shown.</strong> {error.message}
      {error.digest ? <span className="subtle"> (reference {error.digest})</span> : null}
      <div><button type="button" onClick={reset}>Try again</button></div>
    </section>
  );
}
