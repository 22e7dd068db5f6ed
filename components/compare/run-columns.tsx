import Link from 'next/link';
import { SECRET_NOT_COMPARED } from '@/lib/audit/secret-param';
import { runHref } from '@/lib/api/links';

export interface RunColumn {
  id: string;
  label: string;
}

/** Runs are lettered A, B, C… in the order compared; A is the baseline every delta is measured against. */
export const runLetter = (i: number) => String.fromCharCode(65 + i);

/** One header cell per run, so every table of the page lines its runs up the same way. */
export function RunHeads({ runs }: { runs: RunColumn[] }) {
  return runs.map((r, i) => (
    <th key={r.id} title={r.id}>
      <Link href={runHref(r.id)}>{runLetter(i)}</Link> <span className="subtle">{r.label}</span>
    </th>
  ));
}

/** A value that may be missing: the run does not have the field at all. */
export function Cell({ value }: { value: string | null }) {
  return value === null ? <span className="subtle">—</span> : <>{value}</>;
}

const statusText: Record<string, string> = {
  same: 'same',
  changed: 'changed',
  'only-in': 'only in some runs',
  'changed-version': 'changed version',
  unversioned: 'no version recorded',
  secret: SECRET_NOT_COMPARED,
};

export function DiffBadge({ status }: { status: string }) {
  const tone = status === 'same' ? 'badge-ok' : status === 'unversioned' || status === 'secret' ? 'badge' : 'badge-unmatched';
  return <span className={`badge ${tone}`} data-testid="diff-status">{statusText[status] ?? status}</span>;
}
