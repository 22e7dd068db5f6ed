import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="panel" data-testid="not-found">
      <h1>Page not found</h1>
      <p><Link href="/">Back to all runs</Link></p>
    </section>
  );
}
