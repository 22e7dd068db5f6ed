export interface FailureView {
  message: string;
  stackTrace: string | null;
  language: string | null;
}

/** First thing under the title of a failed run: the message in full, the stack trace folded. */
export function FailurePanel({ failure }: { failure: FailureView }) {
  return (
    <section className="notice notice-error" data-testid="failure" id="failure" role="region" aria-label="Failure">
      <strong>This run failed:</strong> {failure.message}
      {failure.stackTrace ? (
        <details><summary>Stack trace{failure.language ? ` (${failure.language})` : ''}</summary><pre>{failure.stackTrace}</pre></details>
      ) : null}
    </section>
  );
}
