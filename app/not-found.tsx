import Link from 'next/link';
import { connection } from 'next/server';

export default async function NotFound() {
  // Rendered per request, not prerendered: the CSP nonce (proxy.ts) must reach this page's scripts too.
  await connection();
  return (
    <section className="panel" data-testid="not-found">
      <h1>Page not found</h1>
      <p><Link href="/">Back to all runs</Link></p>
    </section>
  );
}
