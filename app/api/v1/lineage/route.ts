import { NextResponse, type NextRequest } from 'next/server';
import { receiveLineage } from '@/lib/sync/receive-lineage';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/lineage: the OpenLineage HTTP transport's endpoint. One RunEvent, DatasetEvent or
 * JobEvent, or a JSON array of them (all or nothing); gzip accepted. 201 when stored and indexed.
 */
export async function POST(request: NextRequest) {
  const result = await receiveLineage(request);
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (result.status === 401) headers['www-authenticate'] = 'Bearer realm="Runlens ingest"';
  return NextResponse.json(result.body, { status: result.status, headers });
}
