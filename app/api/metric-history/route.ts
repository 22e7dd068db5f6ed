import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { findRun, getRunIndex } from '@/lib/catalog/run-index';
import { metricHistory } from '@/lib/catalog/run-detail';
import { runIdSchema } from '@/lib/catalog/run-id';
import { encodeMetricValue } from '@/lib/series/prepare';
import { zodMessage } from '@/lib/api/zod-message';

export const dynamic = 'force-dynamic';

const querySchema = z.object({ run: runIdSchema, key: z.string().min(1).max(250) });

/** GET /api/metric-history?run=<any run id>&key=<metric> → the metric's full history. */
export async function GET(request: NextRequest) {
  const parsed = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return NextResponse.json({ error: zodMessage(parsed.error) }, { status: 400 });
  const run = findRun(await getRunIndex(), parsed.data.run);
  if (!run) return NextResponse.json({ error: `No run with id "${parsed.data.run}".` }, { status: 404 });
  try {
    const points = await metricHistory(run, parsed.data.key);
    if (!points) return NextResponse.json({ error: `Run ${run.id} has no metric "${parsed.data.key}".` }, { status: 404 });
    return NextResponse.json({
      runId: run.id,
      key: parsed.data.key,
      points: points.map((p) => ({ step: p.step, timestamp: p.timestamp, value: encodeMetricValue(p.value) })),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return NextResponse.json({ error: `${run.experiment?.source ?? 'experiment source'} could not read the history: ${message}` }, { status: 502 });
  }
}
