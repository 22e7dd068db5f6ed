'use client';

// Rendered per request, never prerendered: a prerendered copy (served as /_global-error and as the 500
// page) carries Next's inline scripts without the request's CSP nonce.
export const dynamic = 'force-dynamic';

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main role="alert" style={{ fontFamily: 'system-ui, sans-serif', margin: '4rem auto', maxWidth: '32rem' }}>
          <h1>Runlens could not show this page</h1>
          <p>A server error occurred{error.digest ? ` (reference ${error.digest})` : ''}.</p>
          <button type="button" onClick={reset}>Try again</button>
        </main>
      </body>
    </html>
  );
}
