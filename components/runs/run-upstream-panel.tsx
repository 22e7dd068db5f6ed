import { Suspense } from 'react';
import { RunUpstream } from '@/components/runs/run-upstream';
import { runUpstreamModel } from '@/lib/catalog/upstream';
import type { RunIndex } from '@/lib/catalog/run-index';
import type { UnifiedRun } from '@/lib/model';

async function Loaded({ index, run }: { index: RunIndex; run: UnifiedRun }) {
  return <RunUpstream model={await runUpstreamModel(index, run)} />;
}

/** Streams in on its own: a slow lineage source (Marquez /runlineage) never holds back the rest of the run page. */
export function RunUpstreamPanel({ index, run }: { index: RunIndex; run: UnifiedRun }) {
  return (
    <Suspense fallback={<section className="panel" data-testid="run-upstream-loading"><h2>The graph as this run saw it</h2><div className="skeleton" style={{ height: 80 }} /></section>}>
      <Loaded index={index} run={run} />
    </Suspense>
  );
}
