import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { getRunIndex, loadRuns } from '@/lib/catalog/run-index';
import { metricHistoryView } from '@/lib/catalog/metric-history';
import { runIdSchema } from '@/lib/model/run-id';
import { DEFAULT_MAX_POINTS, MAX_MAX_POINTS, MIN_MAX_POINTS } from '@/lib/series/downsample';
import { zodMessage } from '@/lib/api/zod-message';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  run: runIdSchema,
  key: z.string().min(1).max(250).regex(/^[^\p{Cc}]+$/u, 'key contains control characters'),
  maxPoints: z.coerce.number().int().min(MIN_MAX_POINTS).max(MAX_MAX_POINTS).default(DEFAULT_MAX_POINTS),
});

/**
 * GET /api/metric-history?run=<any run id>&key=<metric>&maxPoints=<2–10,000, default 1,000> → the history,
 * min-max downsampled past maxPoints; `total` is the raw count, `gaps` counts the raw NaN/±Infinity values.
 */
export async function GET(request: NextRequest) {
  const parsed = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return NextResponse.json({ error: zodMessage(parsed.error) }, { status: 400 });
  const index = await getRunIndex();
  const [run] = await loadRuns(index, [parsed.data.run]);
  if (!run) return NextResponse.json({ error: `No run with id "${parsed.data.run}".` }, { status: 404 });
  try {
    const history = await metricHistoryView(run, parsed.data.key, parsed.data.maxPoints);
    if (!history) return NextResponse.json({ error: `Run ${run.id} has no metric "${parsed.data.key}".` }, { status: 404 });
    return NextResponse.json(history);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return NextResponse.json({ error: `${run.experiment?.source ?? 'experiment source'} could not read the history: ${message}` }, { status: 502 });
  }
}
