// Every fixture is what the integration emitted, checked against the OpenLineage specs (../shared/specs/openlineage).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { facetSchemaProblem, type FacetPlace } from '@/lib/openlineage/facet-schemas';
import { OL_SPECS, openLineageValidator, RUN_EVENT } from '../demo-data/helpers';
import { fixtureFiles, INTEGRATIONS, rawEvents } from './integration-fixtures';

type Obj = Record<string, unknown>;
const ajv = openLineageValidator();
const facetFiles = fs.readdirSync(path.join(OL_SPECS, 'facets')).map((f) => JSON.parse(fs.readFileSync(path.join(OL_SPECS, 'facets', f), 'utf8')) as { $id: string; properties?: Obj });
const SUFFIX: Record<FacetPlace, RegExp> = { run: /RunFacet\.json$/, job: /JobFacet\.json$/, dataset: /[^tu]DatasetFacet\.json$|BaseSubsetDatasetFacet\.json$/, input: /InputDatasetFacet\.json$/, output: /OutputDatasetFacet\.json$/ };

/** The spec's schema of a standard facet by where it sits and its name; undefined for custom facets. */
function specFacet(place: FacetPlace, name: string) {
  const file = facetFiles.find((s) => SUFFIX[place].test(s.$id) && s.properties?.[name] !== undefined);
  return file === undefined ? undefined : ajv.getSchema(`${file.$id}#/properties/${name}`) ?? ajv.compile({ $ref: `${file.$id}#/properties/${name}` });
}

function facetsOf(event: Obj): Array<[FacetPlace, string, unknown]> {
  const out: Array<[FacetPlace, string, unknown]> = [];
  const add = (place: FacetPlace, facets: unknown) => Object.entries((facets ?? {}) as Obj).forEach(([n, f]) => out.push([place, n, f]));
  add('run', (event.run as Obj).facets);
  add('job', (event.job as Obj).facets);
  for (const d of (event.inputs ?? []) as Obj[]) { add('dataset', d.facets); add('input', d.inputFacets); }
  for (const d of (event.outputs ?? []) as Obj[]) { add('dataset', d.facets); add('output', d.outputFacets); }
  return out;
}

// Producers' deviations kept on purpose (see the fixtures' README): they are what Runlens must cope with.
const KNOWN_DEVIATIONS = [
  'marquez/event_full.json: dataset.dataSource',
  'marquez/event_full.json: input.dataQualityMetrics',
  'marquez/event_large.json: dataset.dataSource',
  'marquez/event_required_no_timezone.json: RunEvent',
];

describe('real integration fixtures', () => {
  const files = fixtureFiles();
  const validate = ajv.getSchema(RUN_EVENT)!;

  it('are the files the README names, each with its origin', () => {
    const readme = fs.readFileSync(path.join(INTEGRATIONS, 'README.md'), 'utf8');
    expect(files.length).toBe(22);
    for (const dir of ['compatibility-tests/spark-dataproc', 'compatibility-tests/airflow', 'data-rentgen', 'openlineage', 'marquez']) {
      expect(readme).toContain(`\`${dir}/`);
      expect(files.some((f) => f.startsWith(`${dir}/`))).toBe(true);
    }
  });

  it('validate against the OpenLineage RunEvent and facet schemas, but for the known deviations', () => {
    const failing: string[] = [];
    for (const file of files) {
      for (const event of rawEvents(file) as Obj[]) {
        if (!validate(event)) failing.push(`${file}: RunEvent`);
        for (const [place, name, facet] of facetsOf(event)) {
          const schema = specFacet(place, name);
          if (schema && !schema(facet)) failing.push(`${file}: ${place}.${name}`);
        }
      }
    }
    expect([...new Set(failing)].sort()).toEqual(KNOWN_DEVIATIONS);
  });

  it('agree with Runlens on which facets fail their schema (the facets it keeps a valid copy of)', () => {
    for (const file of files) {
      for (const event of rawEvents(file) as Obj[]) {
        for (const [place, name, facet] of facetsOf(event)) {
          // Runlens checks a facet's own fields, not the URI format of dataSource.uri; where it has a schema, the spec agrees.
          if (facetSchemaProblem(place, name, facet) !== null) expect(specFacet(place, name)?.(facet), `${file} ${place}.${name}`).toBe(false);
        }
      }
    }
    const full = rawEvents('marquez/event_full.json')[0] as { inputs: Array<{ inputFacets: Obj }> };
    expect(facetSchemaProblem('input', 'dataQualityMetrics', full.inputs[0]!.inputFacets.dataQualityMetrics)).toMatch(/columnMetrics/);
  });
});
