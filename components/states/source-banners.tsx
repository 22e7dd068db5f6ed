import Link from 'next/link';

export interface SourceFailureView {
  source: string;
  error: string;
}

/** One banner per failed source, naming it and what failed; the rest of the page still renders. */
export function SourceBanners({ failures }: { failures: SourceFailureView[] }) {
  if (failures.length === 0) return null;
  return (
    <>
      {failures.map((f) => (
        <div key={f.source} className="notice notice-error" role="alert" data-testid="source-unavailable">
          <strong>{f.source} is unavailable.</strong> {f.error} Results below leave it out. See <Link href="/health">Health</Link>.
        </div>
      ))}
    </>
  );
}
