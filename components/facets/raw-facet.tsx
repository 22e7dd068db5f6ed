import { runHref } from '@/lib/api/links';
import type { FacetPreview } from '@/lib/model/facet-preview';

const formatBytes = (n: number): string => `${n.toLocaleString('en-US')} bytes`;

/** One run facet as pages show it: cut past its preview size, with its size and a download of the raw value. */
export function RawFacet({ facet, runId, className }: { facet: FacetPreview; runId: string; className?: string }) {
  return (
    <div data-testid="raw-facet">
      <h3 className="mono">{facet.name}</h3>
      {facet.truncated ? (
        <p className="subtle" data-testid="facet-truncated">
          {formatBytes(facet.bytes)}: the first {formatBytes(facet.json.length)} are shown. <a href={`/api${runHref(runId)}?facet=${encodeURIComponent(facet.name)}`} download>Download the whole facet (JSON)</a>
        </p>
      ) : null}
      <pre className={className}>{facet.json}{facet.truncated ? '\n…' : ''}</pre>
    </div>
  );
}
