import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { zodMessage } from '@/lib/api/zod-message';
import { datasetFields } from '@/lib/catalog/dataset-fields';
import { nodeRefSchema } from '@/lib/graph/explorer-query';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  node: nodeRefSchema.refine((ref) => ref.kind === 'dataset', 'node must be a dataset (dataset:<namespace>:<name>)'),
});

/** GET /api/lineage/fields?node=<dataset:ns:name> → `datasetFieldsSchema`: the first fields of its schema facet and their total. */
export async function GET(request: NextRequest) {
  const parsed = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return NextResponse.json({ error: zodMessage(parsed.error) }, { status: 400 });
  const { node } = parsed.data;
  const fields = await datasetFields(node);
  if (!fields) return NextResponse.json({ error: `No dataset ${node.namespace} / ${node.name} in the configured lineage sources.` }, { status: 404 });
  return NextResponse.json(fields);
}
