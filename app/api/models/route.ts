import { NextResponse } from 'next/server';
import type { ApiModelList } from '@/lib/api/contract';
import { modelListModel } from '@/lib/catalog/model-page-model';
import { getRunIndex } from '@/lib/catalog/run-index';

export const dynamic = 'force-dynamic';

/** GET /api/models → every registered model (`apiModelListSchema`). */
export async function GET() {
  const index = await getRunIndex();
  const body: ApiModelList = { models: modelListModel(index), unavailableSources: index.failures };
  return NextResponse.json(body);
}
