import { describe, expect, it } from 'vitest';
import { buildNodeParam, fieldNodeId, parseNodeParam, type NodeRef } from '@/lib/graph/explorer-node-param';
import { datasetNodeId } from '@/lib/graph/ids';
import { datasetNodeId as olDatasetNodeId, jobNodeId as olJobNodeId } from '@/lib/openlineage/node-id';

const refs: NodeRef[] = [
  { kind: 'job', namespace: 'groot-data-etl', name: 'groot-data-etl.deduplication' },
  { kind: 'dataset', namespace: 'postgres://host:5432', name: 'public.orders' },
  { kind: 'dataset', namespace: 's3://bucket', name: 'groot/raw/multimodal' },
  { kind: 'dataset', namespace: 'postgres://user:pw@host:5432/db', name: 'schema:table:with:colons' },
  { kind: 'job', namespace: 'a,b', name: 'x%y ü/:?#&=' },
];

describe('node param', () => {
  it.each(refs)('round-trips $kind $namespace $name', (ref) => {
    const param = buildNodeParam(ref);
    expect(param.split(':')).toHaveLength(3);
    expect(param).not.toContain(',');
    expect(parseNodeParam(param)).toEqual({ ok: true, ref });
    // Through a real query string too (URLSearchParams encodes the '%' again and decodes it once).
    const viaUrl = new URLSearchParams(new URLSearchParams({ node: param }).toString()).get('node') ?? '';
    expect(parseNodeParam(viaUrl)).toEqual({ ok: true, ref });
  });

  it('equals the graph ids other modules build, so ids and URLs never diverge', () => {
    const ds = { namespace: 'postgres://host:5432', name: 'public.orders' };
    expect(buildNodeParam({ kind: 'dataset', ...ds })).toBe(datasetNodeId(ds.namespace, ds.name, null));
    expect(buildNodeParam({ kind: 'dataset', ...ds })).toBe(olDatasetNodeId(ds));
    expect(buildNodeParam({ kind: 'job', namespace: 'n:s', name: 'j' })).toBe(olJobNodeId({ namespace: 'n:s', name: 'j' }));
  });

  it('accepts a hand-typed value whose parts need no encoding', () => {
    expect(parseNodeParam('job:groot-data-etl:groot-data-etl.deduplication')).toEqual({
      ok: true,
      ref: { kind: 'job', namespace: 'groot-data-etl', name: 'groot-data-etl.deduplication' },
    });
  });

  it.each([
    ['run:a:b', 'must start with "job:" or "dataset:"'],
    ['job', 'must be job:<namespace>:<name>'],
    ['job:only-one-part', 'both parts URI-encoded'],
    ['dataset:postgres://host:5432:public.orders', 'both parts URI-encoded'],
    ['job:%E0%A4%A:x', 'not valid percent-encoding'],
    ['job::name', 'needs a namespace and a name'],
  ])('rejects %s with a message saying why', (value, message) => {
    const parsed = parseNodeParam(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('field ids are distinct from dataset ids and never parse as a node', () => {
    const id = fieldNodeId({ namespace: 'ns:1', name: 't' }, 'a:b');
    expect(id).toBe('field:ns%3A1:t:a%3Ab');
    expect(parseNodeParam(id).ok).toBe(false);
  });
});
