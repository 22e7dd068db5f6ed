import { describe, expect, it } from 'vitest';
import type { NodeRef } from '@/lib/graph/explorer-node-param';
import { matchNodes } from '@/lib/graph/explorer-search';

const refs: NodeRef[] = [
  { kind: 'dataset', namespace: 's3://bucket', name: 'groot/staging/deduplicated' },
  { kind: 'job', namespace: 'groot-data-etl', name: 'groot-data-etl.deduplication' },
  { kind: 'job', namespace: 'groot-data-etl', name: 'dedup' },
  { kind: 'dataset', namespace: 'postgres://dedup-host:5432', name: 'public.orders' },
  { kind: 'job', namespace: 'other', name: 'undeduplicate' },
];

describe('matchNodes', () => {
  it('ranks exact, prefix, word prefix, substring, then namespace matches', () => {
    expect(matchNodes(refs, 'DEDUP', 20).map((r) => r.name)).toEqual([
      'dedup',
      // Two word-prefix matches: the shorter name first.
      'groot/staging/deduplicated',
      'groot-data-etl.deduplication',
      'undeduplicate',
      'public.orders',
    ]);
  });

  it('limits the hits and ignores a blank query', () => {
    expect(matchNodes(refs, 'dedup', 2)).toHaveLength(2);
    expect(matchNodes(refs, '   ', 20)).toEqual([]);
  });
});
