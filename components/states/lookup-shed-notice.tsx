/**
 * A run page whose direct look-up was shed by the per-source rate limit (a flood of unknown ids): the id may
 * exist, so the page says "try again" and reloads itself once the limit has room, never "not found".
 */
export function LookupShedNotice({ message, retryAfterSeconds }: { message: string; retryAfterSeconds: number }) {
  return (
    <>
      <meta httpEquiv="refresh" content={String(retryAfterSeconds)} />
      <section className="notice notice-warn" role="status" data-testid="lookup-shed">
        <strong>Runlens is looking up many unknown run ids right now; this one was not asked yet.</strong> {message}.
        {' '}This page reloads itself in {retryAfterSeconds} s.
      </section>
    </>
  );
}
