import { describe, expect, it } from 'vitest';
import { datasetUri, datasetUriParts } from '@/lib/model';

describe('datasetUri (OpenLineage naming: namespace + name as one URI)', () => {
  it('puts a path straight after an authority, never a double slash', () => {
    expect(datasetUri({ namespace: 'hdfs://test-hadoop:9820', name: '/user/hive/warehouse/mydatabase.db/source_table' })).toBe('hdfs://test-hadoop:9820/user/hive/warehouse/mydatabase.db/source_table');
    expect(datasetUri({ namespace: 'hdfs://dataproc-producer-test-m/', name: '/user/hive/warehouse/t1' })).toBe('hdfs://dataproc-producer-test-m/user/hive/warehouse/t1');
  });

  it('writes a local path in the bare `file` namespace as a file URI', () => {
    expect(datasetUri({ namespace: 'file', name: '/tmp/drop_test/drop_table_test' })).toBe('file:///tmp/drop_test/drop_table_test');
  });

  it('joins table and key names with one slash', () => {
    expect(datasetUri({ namespace: 'postgres://postgres:5432', name: 'food_delivery.public.top_delivery_times' })).toBe('postgres://postgres:5432/food_delivery.public.top_delivery_times');
    expect(datasetUri({ namespace: 's3://bucket', name: 'groot/raw' })).toBe('s3://bucket/groot/raw');
    expect(datasetUri({ namespace: null, name: 'mlflow-only' })).toBe('mlflow-only');
  });

  it('splits the muted namespace part from the name for the pages', () => {
    expect(datasetUriParts({ namespace: 'file', name: '/tmp/x' })).toEqual({ prefix: 'file://', name: '/tmp/x' });
    expect(datasetUriParts({ namespace: 'kafka://kafka-host1:9092', name: 'input_topic' })).toEqual({ prefix: 'kafka://kafka-host1:9092/', name: 'input_topic' });
  });
});
