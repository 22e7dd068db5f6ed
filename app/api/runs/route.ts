import { NextResponse, type NextRequest } from 'next/server';
import { sharedRunCounts } from '@/lib/catalog/run-counts';
import { getRunIndex } from '@/lib/catalog/run-index';
import { pageRuns, runListQuerySchema } from '@/lib/catalog/run-list';
import { toApiRun } from '@/lib/catalog/serialize';
import type { ApiRunList } from '@/lib/api/contract';
import { zodMessage } from '@/lib/api/zod-message';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const parsed = runListQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return NextResponse.json({ error: zodMessage(parsed.error) }, { status: 400 });
  const index = await getRunIndex();
  const page = await pageRuns(index.store, parsed.data, false, sharedRunCounts(index));
  if ('error' in page) return NextResponse.json({ error: page.error }, { status: 400 });
  const body: ApiRunList = {
    runs: page.runs.map((run) => toApiRun(run, false)),
    nextCursor: page.nextCursor,
    total: page.total,
    unavailableSources: index.failures,
    ...(page.grouped === null ? {} : {
      stages: page.grouped.stages.map((g) => ({ parentId: g.parentId, runs: g.runs.map((run) => toApiRun(run, false)), total: g.total })),
      stagesTotal: page.grouped.stagesTotal,
    }),
  };
  return NextResponse.json(body);
}
