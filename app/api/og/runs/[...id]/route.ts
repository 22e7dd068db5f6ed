import { createElement } from 'react';
import { ImageResponse } from 'next/og';
import { NextResponse } from 'next/server';
import { metricHistoryView } from '@/lib/catalog/metric-history';
import { findRun, getRunIndex, loadNeighbourhood } from '@/lib/catalog/run-index';
import { runUnfurl } from '@/lib/catalog/run-unfurl';
import { runIdFromSegments, runIdSchema } from '@/lib/model/run-id';
import { sparklinePoints } from '@/lib/series/sparkline';
import { OG_SIZE, OgRunCard } from '@/components/og/og-run-card';

export const dynamic = 'force-dynamic';

/** The Open Graph image of a run link: its state, key metrics and its first chart, 1200×630 PNG. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string[] }> }) {
  const parsed = runIdSchema.safeParse(runIdFromSegments((await params).id));
  if (!parsed.success) return NextResponse.json({ error: 'Not a run id.' }, { status: 400 });
  const index = await getRunIndex();
  await loadNeighbourhood(index, [parsed.data]);
  const run = findRun(index, parsed.data);
  if (!run) return NextResponse.json({ error: `No run with id "${parsed.data}".` }, { status: 404 });
  const unfurl = runUnfurl(index, run);
  // A chart that cannot be read leaves the card without one; the preview still names the run and its state.
  const history = unfurl.mainMetric ? await metricHistoryView(run, unfurl.mainMetric, 300).catch(() => null) : null;
  const line = history ? sparklinePoints(history.points, OG_SIZE.chartWidth, OG_SIZE.chartHeight) : null;
  const chart = line && unfurl.mainMetric ? { key: unfurl.mainMetric, points: line } : null;
  return new ImageResponse(createElement(OgRunCard, { unfurl, chart }), {
    width: OG_SIZE.width,
    height: OG_SIZE.height,
    headers: { 'cache-control': 'public, max-age=300' },
  });
}
