import { NextResponse, type NextRequest } from 'next/server';
import { throttledResponse } from '@/lib/api/throttled-answer';
import { zodMessage } from '@/lib/api/zod-message';
import { modelPageModel } from '@/lib/catalog/model-page-model';
import { modelNameFromParams, modelQuerySchema, type ModelParams } from '@/lib/catalog/model-params';
import { getRunIndex } from '@/lib/catalog/run-index';
import { searchedSources } from '@/lib/catalog/searched';
import { offsetParam } from '@/lib/model/bounded-list';

export const dynamic = 'force-dynamic';

/** GET /api/models/{name}?version=N → the model, its versions and the trace of version N (default: newest); `apiModelSchema`. */
export async function GET(request: NextRequest, { params }: { params: ModelParams }) {
  const name = await modelNameFromParams(params);
  if (name === null) return NextResponse.json({ error: 'name: a registered model name is required' }, { status: 400 });
  const query = modelQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return NextResponse.json({ error: zodMessage(query.error) }, { status: 400 });
  const index = await getRunIndex();
  const search = request.nextUrl.searchParams;
  const offsets = { versions: offsetParam(search.get('versions') ?? undefined), inputs: offsetParam(search.get('inputs') ?? undefined) };
  const lookup = await modelPageModel(index, name, query.data.version ?? null, offsets);
  if (!lookup.found) return NextResponse.json({ error: `No registered model "${name}" in ${searchedSources(index)}.` }, { status: 404 });
  if (lookup.model.unknownVersion !== null) {
    return NextResponse.json({ error: `Registered model "${name}" has no version ${lookup.model.unknownVersion}.` }, { status: 404 });
  }
  const shed = lookup.model.trace?.lookupShed;
  if (shed) return throttledResponse(shed.message, shed.retryAfterSeconds);
  return NextResponse.json({ ...lookup.model, unavailableSources: index.failures });
}
