import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MarquezStub } from '@/tests/stubs/marquez';
import { enc, get, list, record, startShared } from './helpers';
import { buildContract, isRecord, loadSpec, okResponse as ok, propertyOf, schemaOf, stripNulls, type Contract, type SpecDeviation } from './spec';

/**
 * Where Marquez's spec (0.51.2-SNAPSHOT) is wrong or silent, and what Marquez really sends. Each
 * entry corrects the spec for exactly that place; nothing else is loosened. Nulls are handled once,
 * generally, by stripNulls (the spec has no `nullable` anywhere while Marquez writes nulls).
 */
const SPEC_DEVIATIONS: SpecDeviation[] = [
  {
    where: 'GET /jobs',
    reason: 'The server lists all jobs of all namespaces here (with lastRunStates) but the spec omits the path; it answers a JobList.',
    patch: (doc) => void (doc.paths['/jobs'] = { get: ok('JobList') }),
  },
  {
    where: 'GET /namespaces/{namespace}/datasets 200',
    reason: 'The spec says one Dataset; the server answers a DatasetList {datasets, totalCount}.',
    patch: (doc) => void (doc.paths['/namespaces/{namespace}/datasets'] = { get: ok('DatasetList') }),
  },
  {
    where: 'SearchResult.name, SearchResult.updatedAt',
    reason: 'Written as `type:` with no value (YAML null), which is not a JSON Schema type; both are strings.',
    patch: (doc) => {
      propertyOf(doc, 'SearchResult', 'name').type = 'string';
      Object.assign(propertyOf(doc, 'SearchResult', 'updatedAt'), { type: 'string', format: 'date-time' });
    },
  },
  {
    where: 'FacetsResult.facets (GET /jobs/runs/{id}/facets)',
    reason: 'Typed as ONE CustomFacet (so `_producer`/`_schemaURL` required at the top); the server sends a map of facet name to facet, like RunFacets.',
    patch: (doc) => {
      schemaOf(doc, 'FacetsResult').properties = {
        runId: { type: 'string', format: 'uuid' },
        facets: { type: 'object', additionalProperties: { $ref: '#/components/schemas/CustomFacet' } },
      };
    },
  },
  {
    where: 'DatasetVersion.required',
    reason: '`description` is required, but Marquez writes `description: null` for a dataset without a documentation facet (nulls are stripped before validation).',
    patch: (doc) => {
      const version = schemaOf(doc, 'DatasetVersion');
      version.required = Array.isArray(version.required) ? version.required.filter((name) => name !== 'description') : version.required;
    },
  },
  {
    where: 'DatasetVersion.tags',
    reason: 'Typed `string`; Marquez sends an array of tag names, as Dataset.tags is typed.',
    patch: (doc) => void Object.assign(propertyOf(doc, 'DatasetVersion', 'tags'), { type: 'array', items: { type: 'string' } }),
  },
  {
    where: 'Run (anyOf IncompleteRun | {jobVersion, inputDatasetVersions, ...})',
    reason:
      'IncompleteRun has no required fields, so anyOf stops at it and jobVersion / inputDatasetVersions / outputDatasetVersions are never checked. Made allOf so they are (a tightening).',
    patch: (doc) => {
      const run = schemaOf(doc, 'Run');
      run.allOf = run.anyOf;
      delete run.anyOf;
    },
  },
  {
    where: 'InputDatasetVersion.facets, OutputDatasetVersion.facets',
    reason: 'Typed as a map of strings; they are the inputFacets / outputFacets of the events, a map of facet objects.',
    patch: (doc) => {
      for (const name of ['InputDatasetVersion', 'OutputDatasetVersion']) {
        Object.assign(propertyOf(doc, name, 'facets'), { additionalProperties: { $ref: '#/components/schemas/CustomFacet' } });
      }
    },
  },
  {
    where: 'GraphNode.data (GET /lineage)',
    reason:
      'oneOf Dataset|Job with a discriminator on `data.type`: neither schema has required fields, so every node matches both and oneOf always fails, and the discriminator names the NODE type, not data.type (DB_TABLE/BATCH). Validated instead as Job when the node type is JOB, Dataset when DATASET.',
    patch: (doc) => {
      const data = propertyOf(doc, 'GraphNode', 'data');
      for (const key of Object.keys(data)) delete data[key];
      Object.assign(data, { type: 'object' });
      Object.assign(schemaOf(doc, 'GraphNode'), {
        required: ['id', 'type', 'data', 'inEdges', 'outEdges'],
        if: { properties: { type: { const: 'JOB' } } },
        then: { properties: { data: { $ref: '#/components/schemas/Job' } } },
        else: { properties: { data: { $ref: '#/components/schemas/Dataset' } } },
      });
    },
  },
  {
    where: 'UpstreamRunLineage.runs[] and .job (GET /runlineage/upstream)',
    reason:
      'Spelled `propoerties`, an unknown keyword that would leave job/run/inputs unchecked; renamed to `properties` so they ARE checked. (The operation\'s `paramteters` typo only hides runId/depth from readers of the spec.)',
    patch: (doc) => {
      const rename = (node: unknown): void => {
        if (!isRecord(node)) return;
        if ('propoerties' in node) {
          node.properties = node.propoerties;
          delete node.propoerties;
        }
        Object.values(node).forEach(rename);
      };
      rename(schemaOf(doc, 'UpstreamRunLineage'));
    },
  },
  {
    where: 'GET /column-lineage 200',
    reason:
      'The spec reuses LineageGraph, whose NodeType allows only JOB and DATASET; column lineage answers DATASET_FIELD nodes whose data is {namespace, dataset, field, fieldType, transformationDescription, transformationType, inputFields}. A ColumnLineageGraph schema, written from Marquez\'s column_lineage/node.json sample, checks it.',
    patch: (doc) => {
      const edges = { type: 'array', items: { $ref: '#/components/schemas/GraphEdge' } };
      const inputField = { type: 'object', required: ['namespace', 'dataset', 'field'], properties: { namespace: { type: 'string' }, dataset: { type: 'string' }, field: { type: 'string' } } };
      doc.components.schemas.ColumnLineageGraph = {
        type: 'object',
        required: ['graph'],
        properties: {
          graph: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'type', 'data', 'inEdges', 'outEdges'],
              properties: {
                id: { type: 'string', pattern: '^datasetField:' },
                type: { const: 'DATASET_FIELD' },
                data: {
                  type: 'object',
                  required: ['namespace', 'dataset', 'field', 'inputFields'],
                  properties: { namespace: { type: 'string' }, dataset: { type: 'string' }, field: { type: 'string' }, fieldType: { type: 'string' }, inputFields: { type: 'array', items: inputField } },
                },
                inEdges: edges,
                outEdges: edges,
              },
            },
          },
        },
      };
      doc.paths['/column-lineage'] = { get: ok('ColumnLineageGraph') };
    },
  },
];

/** Every read operation the stub serves (paths as the spec, plus the deviations, write them). */
const EXPECTED_OPERATIONS = [
  '/namespaces', '/namespaces/{namespace}', '/jobs', '/namespaces/{namespace}/jobs', '/namespaces/{namespace}/jobs/{job}',
  '/namespaces/{namespace}/jobs/{job}/runs', '/jobs/runs/{id}', '/jobs/runs/{id}/facets', '/namespaces/{namespace}/datasets',
  '/namespaces/{namespace}/datasets/{dataset}', '/namespaces/{namespace}/datasets/{dataset}/versions',
  '/namespaces/{namespace}/datasets/{dataset}/versions/{version}', '/lineage', '/column-lineage', '/runlineage/upstream', '/search', '/events/lineage',
];

let stub: MarquezStub;
let contract: Contract;
/** Distinct schema errors, `<operation>: <instance path with indexes as *> <message>`, with one example request each. */
const failures = new Map<string, string>();
const checked = new Map<string, number>();

/** GET one path, expect 200, and validate the body against the operation's response schema. */
async function check(apiPath: string): Promise<unknown> {
  const answer = await get(stub, apiPath);
  expect(answer.status, `${apiPath}: ${answer.text.slice(0, 300)}`).toBe(200);
  const pathOnly = apiPath.split('?')[0] ?? apiPath;
  const op = contract.validatorFor(pathOnly);
  if (op === null) throw new Error(`no spec operation for GET ${pathOnly}`);
  checked.set(op.template, (checked.get(op.template) ?? 0) + 1);
  if (!op.validate(stripNulls(answer.json))) {
    for (const e of op.validate.errors ?? []) {
      const key = `${op.template}: ${e.instancePath.replace(/\/\d+/g, '/*')} ${e.message ?? ''}`;
      if (!failures.has(key)) failures.set(key, `GET ${apiPath}`);
    }
  }
  return answer.json;
}

beforeAll(async () => {
  stub = await startShared();
  contract = buildContract(loadSpec(SPEC_DEVIATIONS));
});

afterAll(async () => {
  await stub.close();
});

describe('every endpoint answers what the spec (with the listed deviations) describes', () => {
  test('namespaces, jobs, runs, facets', async () => {
    const namespaces = list(await check('/namespaces'), 'namespaces').map((n) => String(n.name));
    expect(namespaces).toContain('food_delivery');
    for (const ns of namespaces) {
      await check(`/namespaces/${enc(ns)}`);
      const jobs = list(await check(`/namespaces/${enc(ns)}/jobs`), 'jobs');
      for (const job of jobs) {
        const base = `/namespaces/${enc(ns)}/jobs/${enc(String(job.name))}`;
        await check(base);
        for (const run of list(await check(`${base}/runs`), 'runs')) {
          await check(`/jobs/runs/${String(run.id)}`);
          await check(`/jobs/runs/${String(run.id)}/facets?type=run`);
          await check(`/jobs/runs/${String(run.id)}/facets?type=job`);
        }
      }
    }
    await check('/jobs?limit=5&offset=5');
    await check('/jobs?lastRunStates=COMPLETED&lastRunStates=RUNNING');
  });

  test('datasets and their versions', async () => {
    const namespaces = list(await check('/namespaces'), 'namespaces').map((n) => String(n.name));
    for (const ns of namespaces) {
      for (const ds of list(await check(`/namespaces/${enc(ns)}/datasets`), 'datasets')) {
        const base = `/namespaces/${enc(ns)}/datasets/${enc(String(ds.name))}`;
        await check(base);
        for (const version of list(await check(`${base}/versions`), 'versions')) {
          await check(`${base}/versions/${String(version.version)}`);
        }
      }
    }
  });

  test('lineage, column lineage, upstream run lineage', async () => {
    for (const nodeId of ['job:food_delivery:etl_orders_7_days', 'dataset:food_delivery:public.delivery_7_days', 'job:groot-data-etl:groot-data-etl.filtering', 'dataset:s3://bucket:groot/raw/multimodal', 'job:grandmas.kitchen:prepare_apple_pie']) {
      for (const depth of [1, 20]) await check(`/lineage?nodeId=${enc(nodeId)}&depth=${depth}`);
    }
    await check(`/column-lineage?nodeId=${enc('dataset:food_delivery:public.delivery_7_days')}&depth=20`);
    await check(`/column-lineage?nodeId=${enc('datasetField:food_delivery:public.orders_7_days:order_id')}&depth=2&withDownstream=true`);
    const runs = list(await check('/namespaces/food_delivery/jobs/etl_delivery_7_days/runs'), 'runs');
    await check(`/runlineage/upstream?runId=${String(runs[0]?.id)}&depth=5`);
  });

  test('search and events', async () => {
    for (const q of ['orders', 'groot%', 'delivery_7_days', 'apple']) {
      await check(`/search?q=${enc(q)}`);
      await check(`/search?q=${enc(q)}&filter=DATASET&sort=UPDATE_AT&limit=3`);
    }
    const window = `after=${enc('2000-01-01T00:00:00Z')}&before=${enc('2100-01-01T00:00:00Z')}`;
    for (const offset of [0, 10, 20, 60]) await check(`/events/lineage?${window}&limit=10&offset=${offset}&sortDirection=asc`);
    record(await check(`/events/lineage?${window}&limit=10`));
  });

  test('the corrected spec still rejects wrong bodies (it was not loosened into accepting anything)', () => {
    const bad: Array<[string, unknown]> = [
      ['/jobs/runs/{id}', { id: 'x', state: 'DONE' }],
      ['/jobs/runs/{id}', { id: '00000000-0000-4000-8000-000000000000', inputDatasetVersions: [{ datasetVersionId: { namespace: 'n', name: 'd' }, facets: {} }] }],
      ['/namespaces/{namespace}/jobs/{job}', { inputs: 'not-a-list' }],
      ['/lineage', { graph: [{ id: 'job:n:j', type: 'JOB', data: { latestRun: { state: 'DONE' } }, inEdges: [], outEdges: [] }] }],
      ['/runlineage/upstream', { runs: [{ run: { id: 'not-a-uuid' } }] }],
      ['/jobs/runs/{id}/facets', { runId: 'x', facets: { nominalTime: { nominalStartTime: '2020-01-01T00:00:00Z' } } }],
    ];
    for (const [apiPath, body] of bad) {
      const op = contract.validatorFor(apiPath.replace(/\{[^}]+\}/g, 'x'));
      expect([apiPath, op?.validate(body)]).toEqual([apiPath, false]);
    }
  });

  test('no body broke its schema', () => {
    expect([...checked.keys()].sort()).toEqual([...EXPECTED_OPERATIONS].sort());
    expect(Object.fromEntries(failures)).toEqual({});
  });
});
