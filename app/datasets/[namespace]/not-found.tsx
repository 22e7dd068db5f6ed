import Link from 'next/link';

export default function DatasetNotFound() {
  return (
    <section className="panel" data-testid="not-found">
      <h1>Dataset not found</h1>
      <p>No configured lineage source has reported this dataset (by OpenLineage namespace and name).</p>
      <p><Link href="/">Back to all runs</Link> · <Link href="/health">Check source health</Link></p>
    </section>
  );
}
