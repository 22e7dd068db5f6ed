import { NextResponse } from 'next/server';
import { getRunIndex } from '@/lib/catalog/run-index';
import { resolveRun } from '@/lib/catalog/run-lookup';
import { runIdFromDecodedSegments, runIdSchema } from '@/lib/model/run-id';
import { API_LIST_LIMIT, API_RUN_LISTS, toApiRun } from '@/lib/catalog/serialize';
import { withInputsAt } from '@/lib/catalog/run-inputs-block';
import { zodMessage } from '@/lib/api/zod-message';
import { searchedSources } from '@/lib/catalog/searched';
import { offsetParam } from '@/lib/model/bounded-list';
import { answeringThrottled } from '@/lib/api/throttled-answer';
import { redactDeep } from '@/lib/security/secrets';

export const dynamic = 'force-dynamic';

async function answer(request: Request, { params }: { params: Promise<{ id: string[] }> }) {
  const parsed = runIdSchema.safeParse(runIdFromDecodedSegments((await params).id));
  if (!parsed.success) return NextResponse.json({ error: zodMessage(parsed.error) }, { status: 400 });
  const index = await getRunIndex();
  const resolved = await resolveRun(index, parsed.data, undefined, 'stored'); // the answer pages through inputs (withInputsAt)
  if (!resolved) {
    return NextResponse.json({ error: `No run with id "${parsed.data}" in ${searchedSources(index)}.` }, { status: 404 });
  }
  const query = new URL(request.url).searchParams;
  // ?facet=<name>: one run facet as a download (pages show facets over 64 KB cut, and link here), under the
  // same redaction as every other answer: an index written before events were redacted as parsed leaks nothing.
  const facet = query.get('facet');
  if (facet !== null) {
    const facets = resolved.run.lineage?.facets ?? {};
    const value = Object.hasOwn(facets, facet) ? facets[facet] : undefined;
    if (value === undefined) return NextResponse.json({ error: `Run "${parsed.data}" has no run facet "${facet}".` }, { status: 404 });
    return new Response(JSON.stringify(redactDeep(value)), { headers: { 'content-type': 'application/json', 'content-disposition': `attachment; filename="facet-${facet.replace(/[^A-Za-z0-9._-]+/g, '_')}.json"` } });
  }
  const offsets = Object.fromEntries(API_RUN_LISTS.map((list) => [list, offsetParam(query.get(list) ?? undefined)]));
  const run = await withInputsAt(index, resolved.run, offsets.inputs ?? 0, API_LIST_LIMIT);
  return NextResponse.json({ ...toApiRun(run, true, offsets), versionBasis: resolved.versionBasis, versionError: resolved.versionError });
}

export function GET(request: Request, context: { params: Promise<{ id: string[] }> }): Promise<Response> {
  return answeringThrottled(() => answer(request, context));
}
