'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** Reads the id from the URL: Next's not-found boundary receives no route params. */
export function RunNotFound({ searched }: { searched: string[] }) {
  const id = decodeURIComponent((usePathname() ?? '').replace(/^\/runs\//, ''));
  return (
    <section className="panel" data-testid="not-found">
      <h1>Run not found</h1>
      <p>No run with id <code>{id}</code> exists in {searched.length === 0 ? 'any source: none is configured' : <>the sources searched: <strong>{searched.join(', ')}</strong></>}.</p>
      <p className="subtle">Ids accepted: an OpenLineage runId (dashed UUID or any string the producer used) an MLflow run_id (32 hex digits) or a W&B run path (entity/project/runId).</p>
      <p><Link href="/">Back to all runs</Link> · <Link href="/health">Check source health</Link></p>
    </section>
  );
}
