import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { zodMessage } from '@/lib/api/zod-message';
import { lineageNodeDetail } from '@/lib/catalog/lineage-view';
import { nodeRefSchema } from '@/lib/graph/explorer-query';

export const dynamic = 'force-dynamic';

const querySchema = z.object({ node: nodeRefSchema });

/** GET /api/lineage/node?node=<kind:ns:name> → the side panel's detail (`nodeDetailSchema`): a job's runs, a dataset's schema and versions. */
export async function GET(request: NextRequest) {
  const parsed = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return NextResponse.json({ error: zodMessage(parsed.error) }, { status: 400 });
  const { node } = parsed.data;
  const detail = await lineageNodeDetail(node);
  if (!detail) return NextResponse.json({ error: `No ${node.kind} ${node.namespace} / ${node.name} in the configured lineage sources.` }, { status: 404 });
  return NextResponse.json(detail);
}
