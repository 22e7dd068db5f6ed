import Link from 'next/link';

export default function ModelNotFound() {
  return (
    <section className="panel" data-testid="not-found">
      <h1>Model not found</h1>
      <p>No configured experiment source has a registered model by this name.</p>
      <p><Link href="/models">All registered models</Link> · <Link href="/health">Check source health</Link></p>
    </section>
  );
}
