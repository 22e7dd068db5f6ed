// Issue #14 item 3: a dataset is found by its symlink aliases (the Hive table by its warehouse path).
import { describe, expect, it } from 'vitest';
import { matchAliases } from '@/lib/graph/explorer-search';
import { buildModel } from '@/lib/openlineage/build-model';
import { loadFixtures } from '../openlineage/integration-fixtures';

describe('search by alias', () => {
  const m = buildModel(loadFixtures('data-rentgen/events_spark.jsonl', 'data-rentgen/events_hive.jsonl'), 's');
  const datasets = [...m.datasets.values()].map((d) => ({ ref: { kind: 'dataset' as const, namespace: d.namespace, name: d.name }, aliases: (d.aliases ?? []).map((a) => ({ kind: 'dataset' as const, ...a })) }));

  it('finds the Hive table by a piece of its warehouse path, once', () => {
    expect(matchAliases(datasets, 'mydatabase.db/source', 10)).toEqual([{ kind: 'dataset', namespace: 'hive://test-hadoop:9083', name: 'mydatabase.source_table' }]);
    expect(matchAliases(datasets, 'warehouse', 10).map((r) => r.name).sort()).toEqual(['mydatabase.source_table', 'mydatabase.target_table']);
  });

  it('finds nothing by a name no alias has', () => {
    expect(matchAliases(datasets, 'clickhouse-table-that-is-not-there', 10)).toEqual([]);
  });
});
