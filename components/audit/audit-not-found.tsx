'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** Reads the id from the URL: Next's not-found boundary receives no route params. */
export function AuditNotFound({ searched }: { searched: string[] }) {
  const id = decodeURIComponent((usePathname() ?? '').replace(/^\/audit\//, ''));
  return (
    <section className="panel" data-testid="not-found">
      <h1>Nothing to audit</h1>
      <p>No run or model version <code>{id}</code> exists in {searched.length === 0 ? 'any source: none is configured' : <>the sources searched: <strong>{searched.join(', ')}</strong></>}.</p>
      <p className="subtle">Ids accepted: any run id the run page accepts (OpenLineage runId or MLflow run_id), or <code>model:&lt;name&gt;/&lt;version&gt;</code> for a registered model version.</p>
      <p><Link href="/">Back to all runs</Link> · <Link href="/health">Check source health</Link></p>
    </section>
  );
}
