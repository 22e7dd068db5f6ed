import { describe, expect, test } from 'vitest';
import { parseNodeId } from '@/tests/stubs/marquez/node-id';

describe('parseNodeId, as Marquez NodeId.parts splits', () => {
  test.each([
    ['job:food_delivery:etl_orders', { type: 'job', namespace: 'food_delivery', name: 'etl_orders', version: null }],
    ['dataset:s3://bucket:groot/raw/multimodal', { type: 'dataset', namespace: 's3://bucket', name: 'groot/raw/multimodal', version: null }],
    ['dataset:postgres://db:5432:public.orders', { type: 'dataset', namespace: 'postgres://db:5432', name: 'public.orders', version: null }],
    ['job:ns:name:with:colons', { type: 'job', namespace: 'ns', name: 'name:with:colons', version: null }],
    ['dataset:ns:table#5d41402a-bc4b-3a76-b971-9d911017c592', { type: 'dataset', namespace: 'ns', name: 'table', version: '5d41402a-bc4b-3a76-b971-9d911017c592' }],
    ['datasetField:food_delivery:public.orders:order_id', { type: 'datasetField', namespace: 'food_delivery', name: 'public.orders', field: 'order_id' }],
  ])('%s', (value, expected) => {
    expect(parseNodeId(value)).toEqual(expected);
  });

  test('a namespace with a colon followed by a letter is cut there, as Marquez does', () => {
    expect(parseNodeId('job:team:etl:daily')).toEqual({ type: 'job', namespace: 'team', name: 'etl:daily', version: null });
  });

  test.each(['run:1234', 'job:only', 'job:ns:', 'table:ns:name', ''])('%s is not a job or dataset id', (value) => {
    expect(parseNodeId(value)).toBeNull();
  });
});
