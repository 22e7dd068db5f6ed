import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatTime } from '@/components/ui/format';

interface ReaderView {
  id: string;
  label: string;
  status: string;
  href: string;
  version: string | null;
  /** When the reader started (the read's date). */
  startMs: number | null;
  /** Where the version comes from, when it is not simply as reported (e.g. "from the run's own events"). */
  versionBasis?: string;
  versionLabel?: string;
}

/**
 * A raw input has no versions of its own; what is known is who read it, and which version they say they read.
 * `total`: how many runs read it in all, when the list holds only the newest of them (it says how many it shows).
 */
export function RawInputReaders({ readers, title = 'Runs that read it', total = readers.length }: { readers: ReaderView[]; title?: string; total?: number }) {
  // The count the page gives for the dataset's versions: those its readers name (a raw input has no writer's list).
  const versions = new Set(readers.flatMap((r) => (r.version ? [r.version] : []))).size;
  return (
    <section className="panel" data-testid="raw-input-readers">
      <h2>{title} ({Math.max(total, readers.length).toLocaleString('en-US')}) <span className="subtle" data-testid="versions-read">· {versions} version{versions === 1 ? '' : 's'} read{readers.length < total ? ' by those shown' : ''}</span></h2>
      {readers.length < total ? <p className="subtle" data-testid="readers-shown">Showing the newest {readers.length.toLocaleString('en-US')} of {total.toLocaleString('en-US')} runs that read it.</p> : null}
      {readers.length === 0 ? <p className="subtle">No loaded run reads it either; it is only named by a dataset or job event.</p> : (
        <table>
          <thead><tr><th>Run</th><th>Started</th><th>Version read</th></tr></thead>
          <tbody>
            {readers.map((r) => (
              <tr key={r.id} data-testid="raw-input-reader">
                <td><Link href={r.href}>{r.label}</Link> <StatusBadge status={r.status} /></td>
                <td className="nowrap" data-testid="reader-started">{formatTime(r.startMs)}</td>
                <td><span className="mono">{r.version ?? <span className="subtle">{r.versionBasis === 'unavailable' ? 'exact version unavailable' : 'not reported'}</span>}</span>
                  {r.versionBasis && r.versionBasis !== 'as-loaded' ? <div className="subtle" data-testid="reader-version-basis">{r.versionLabel}</div> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
