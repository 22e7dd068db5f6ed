import { NextResponse, type NextRequest } from 'next/server';
import { parseCompareRuns } from '@/lib/audit/compare-query';
import { loadComparison, toApiComparison } from '@/lib/catalog/compare-model';
import { getRunIndex } from '@/lib/catalog/run-index';
import { searchedSources } from '@/lib/catalog/searched';
import { answeringThrottled } from '@/lib/api/throttled-answer';

export const dynamic = 'force-dynamic';

/**
 * GET /api/compare?runs=<id>,<id>[,…] (two to six, any ids /api/runs accepts) → the comparison; ids
 * no source knows are listed in `missing` while the rest compare; 404 when fewer than two are found.
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
  return NextResponse.json(toApiComparison({ ...loaded, comparison: loaded.comparison }));
}

export function GET(request: NextRequest): Promise<Response> {
  return answeringThrottled(() => answer(request));
}
