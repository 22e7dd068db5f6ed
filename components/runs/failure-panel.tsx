import type { RunFailureView } from '@/lib/model/run-failure';

/** First thing under the title: a failed run's error (message in full, stack trace folded), or a warning when a run that has not failed carries an errorMessage facet. */
export function FailurePanel({ failure }: { failure: RunFailureView }) {
  const failed = failure.severity === 'failed';
  return (
    <section className={`notice ${failed ? 'notice-error' : 'notice-warn'}`} data-testid="failure" data-severity={failure.severity} id="failure" role="region" aria-label={failed ? 'Failure' : 'Reported error'}>
      <strong>{failed ? 'This run failed:' : 'The run reported an error but has not failed:'}</strong> {failure.message}
      {failure.stackTrace ? (
        <details><summary>Stack trace{failure.language ? ` (${failure.language})` : ''}</summary><pre>{failure.stackTrace}</pre></details>
      ) : null}
    </section>
  );
}
