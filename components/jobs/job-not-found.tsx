'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Reads namespace and name from the URL: Next's not-found boundary receives no route params. */
export function JobNotFound({ searched }: { searched: string[] }) {
  const [namespace = '', name = ''] = (usePathname() ?? '').replace(/^\/jobs\//, '').split('/').map(decode);
  return (
    <section className="panel" data-testid="not-found">
      <h1>Job not found</h1>
      <p>No job <code>{name}</code> in namespace <code>{namespace}</code> was reported by {searched.length === 0
        ? 'any lineage source: none is configured'
        : <>the lineage sources searched: <strong>{searched.join(', ')}</strong></>}.</p>
      <p className="subtle">Jobs come from OpenLineage events (namespace and name exactly as the producer sent them); experiment trackers have no jobs.</p>
      <p><Link href="/">Back to all runs</Link> · <Link href="/health">Check source health</Link></p>
    </section>
  );
}
