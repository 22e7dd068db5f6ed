import { NextResponse, type NextRequest } from 'next/server';
import { lineageView } from '@/lib/catalog/lineage-view';
import { parseExplorerQuery } from '@/lib/graph/explorer-query';

export const dynamic = 'force-dynamic';

/**
 * GET /api/lineage?node=<kind:ns:name>&depth=&dir=&full=&columns=&expand=&limit= → the subgraph
 * around a job or dataset (lib/graph/explorer-api.ts `explorerGraphSchema`); 400 on a bad query, 404 for an unknown node.
 */
export async function GET(request: NextRequest) {
  const parsed = parseExplorerQuery(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.ok) return NextResponse.json({ error: parsed.message }, { status: 400 });
  const { node } = parsed.view;
  if (!node) return NextResponse.json({ error: 'node is required, e.g. node=job:<namespace>:<name> (parts URI-encoded)' }, { status: 400 });
  const result = await lineageView({ ...parsed.view, node });
  if (!result.ok) return NextResponse.json({ error: result.error }, { status: 404 });
  return NextResponse.json(result.graph);
}
