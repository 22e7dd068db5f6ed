import 'server-only';
import type { DatasetFields } from '@/lib/graph/explorer-api';
import type { NodeRef } from '@/lib/graph/explorer-node-param';
import { lineageNodeDetail } from './lineage-view';

/** Fields an expanded dataset node lists; the rest are counted ("showing 50 of 1,200 fields"). */
export const FIELDS_SHOWN = 50;

/** The first `limit` fields of a dataset's schema facet, from the same detail the side panel reads; null for an unknown dataset. */
export async function datasetFields(ref: NodeRef, limit = FIELDS_SHOWN): Promise<DatasetFields | null> {
  const detail = await lineageNodeDetail({ ...ref, kind: 'dataset' });
  if (!detail?.dataset) return null;
  const { fields, totalFields } = detail.dataset;
  return { id: detail.id, fields: fields.slice(0, limit), total: totalFields };
}
