import { NextResponse, type NextRequest } from 'next/server';
import { parseCompareRuns } from '@/lib/audit/compare-query';
import { loadComparison, toApiComparison } from '@/lib/catalog/compare-model';
import { getRunIndex } from '@/lib/catalog/run-index';
import { searchedSources } from '@/lib/catalog/searched';
import { COMPARE_LISTS } from '@/lib/audit/compare-bounds';
import { offsetParam } from '@/lib/model/bounded-list';
import { answeringThrottled } from '@/lib/api/throttled-answer';

export const dynamic = 'force-dynamic';

/**
 * GET /api/compare?runs=<id>,<id>[,…] (two to six, any ids /api/runs accepts) → the comparison; ids
 * no source knows are listed in `missing` while the rest compare; 404 when fewer than two are found.
 * Lists are windows of 200: ?params=, ?metrics=, ?inputs=, ?outputs=, ?stages= give their offsets.
 */
async function answer(request: NextRequest) {
  const parsed = parseCompareRuns(request.nextUrl.searchParams.getAll('runs'));
  if (!parsed.ok) return NextResponse.json({ error: parsed.error }, { status: 400 });
  const index = await getRunIndex();
  const loaded = await loadComparison(index, parsed.ids);
  if (!loaded.comparison) {
    const missing = loaded.missing.map((id) => `"${id}"`).join(', ');
    const error = loaded.missing.length > 0
      ? `No run with id ${missing} in ${searchedSources(index)}; fewer than two runs are left to compare.`
      : 'The ids given name fewer than two different runs.';
    return NextResponse.json({ error }, { status: 404 });
  }
  const query = request.nextUrl.searchParams;
  const offsets = Object.fromEntries(COMPARE_LISTS.map((list) => [list, offsetParam(query.get(list) ?? undefined)]));
  return NextResponse.json(toApiComparison({ ...loaded, comparison: loaded.comparison }, offsets));
}

export function GET(request: NextRequest): Promise<Response> {
  return answeringThrottled(() => answer(request));
}
