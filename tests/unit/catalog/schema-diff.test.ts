import { describe, expect, it } from 'vitest';
import { diffSchemas, isEmptyDiff, schemaFields } from '@/lib/catalog/schema-diff';

const facet = (fields: unknown) => ({ schema: { _producer: 'x', fields } });

describe('schemaFields', () => {
  it('reads the schema facet in order, flattening struct fields to dotted names', () => {
    const fields = schemaFields(facet([
      { name: 'id', type: 'string' },
      { name: 'meta', type: 'struct', fields: [{ name: 'lang', type: 'string' }, { name: 'score' }] },
    ]));
    expect(fields).toEqual([
      { name: 'id', type: 'string' }, { name: 'meta', type: 'struct' }, { name: 'meta.lang', type: 'string' }, { name: 'meta.score', type: '' },
    ]);
  });

  it('tells "no schema facet" (null) apart from an empty schema, and skips malformed entries', () => {
    expect(schemaFields({})).toBeNull();
    expect(schemaFields({ schema: null })).toBeNull();
    expect(schemaFields(facet([]))).toEqual([]);
    expect(schemaFields(facet([null, 3, { type: 'long' }, { name: 'ok', type: 7 }]))).toEqual([{ name: 'ok', type: '' }]);
    expect(schemaFields({ schema: {} })).toEqual([]);
  });
});

describe('diffSchemas', () => {
  const older = [{ name: 'id', type: 'string' }, { name: 'bytes', type: 'long' }, { name: 'score', type: 'float' }];

  it('finds added, removed and type-changed fields by name', () => {
    const newer = [{ name: 'id', type: 'string' }, { name: 'score', type: 'double' }, { name: 'lang', type: 'string' }];
    expect(diffSchemas(older, newer)).toEqual({
      added: [{ name: 'lang', type: 'string' }],
      removed: [{ name: 'bytes', type: 'long' }],
      typeChanged: [{ name: 'score', from: 'float', to: 'double' }],
    });
  });

  it('ignores reordering, and an identical schema is an empty diff', () => {
    const diff = diffSchemas(older, [...older].reverse());
    expect(isEmptyDiff(diff)).toBe(true);
    expect(isEmptyDiff(diffSchemas([], [{ name: 'a', type: '' }]))).toBe(false);
  });

  it('treats everything as added from an empty schema and as removed into one', () => {
    expect(diffSchemas([], older).added).toEqual(older);
    expect(diffSchemas(older, []).removed).toEqual(older);
  });
});
