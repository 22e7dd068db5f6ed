import { NextResponse } from 'next/server';
import type { ApiModelList } from '@/lib/api/contract';
import { modelListModel } from '@/lib/catalog/model-page-model';
import { getRunIndex } from '@/lib/catalog/run-index';
import { boundList, offsetParam } from '@/lib/model/bounded-list';
import type { NextRequest } from 'next/server';

export const dynamic = 'force-dynamic';

/** GET /api/models?offset=N → 200 registered models from N, with the total (`apiModelListSchema`). */
export async function GET(request: NextRequest) {
  const index = await getRunIndex();
  const models = boundList(modelListModel(index), offsetParam(request.nextUrl.searchParams.get('offset') ?? undefined));
  const body: ApiModelList = { models: models.items, offset: models.offset, total: models.total, unavailableSources: index.failures };
  return NextResponse.json(body);
}
