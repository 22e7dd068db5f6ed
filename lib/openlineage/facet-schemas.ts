import { z } from 'zod';
import { formatIssues } from './schema';

/**
 * The required fields and types of the standard facets Runlens reads, from the OpenLineage facet
 * schemas (../shared/specs/openlineage/facets). A facet that fails here does not replace a valid one
 * of the same name; custom and unknown facets always pass.
 */

export type FacetPlace = 'run' | 'job' | 'dataset' | 'input' | 'output';

const str = z.string();
const named = z.looseObject({ namespace: str, name: str });
const inputField = z.looseObject({ namespace: str, name: str, field: str });

const RUN: Record<string, z.ZodType> = {
  parent: z.looseObject({ run: z.looseObject({ runId: str }), job: named }),
  errorMessage: z.looseObject({ message: str, programmingLanguage: str }),
  nominalTime: z.looseObject({ nominalStartTime: str, nominalEndTime: str.nullish() }),
  processing_engine: z.looseObject({ version: str, name: str.nullish() }),
  environmentVariables: z.looseObject({ environmentVariables: z.array(z.looseObject({ name: str, value: str })) }),
};
const JOB: Record<string, z.ZodType> = {
  sql: z.looseObject({ query: str }),
  jobType: z.looseObject({ processingType: str, integration: str, jobType: str.nullish() }),
  ownership: z.looseObject({ owners: z.array(z.looseObject({ name: str })).nullish() }),
  documentation: z.looseObject({ description: str }),
};
const assertions = z.looseObject({ assertions: z.array(z.looseObject({ assertion: str, success: z.boolean() })) });
const metrics = z.looseObject({ columnMetrics: z.record(str, z.looseObject({})) });
const DATASET: Record<string, z.ZodType> = {
  schema: z.looseObject({ fields: z.array(z.looseObject({ name: str })).nullish() }),
  symlinks: z.looseObject({ identifiers: z.array(z.looseObject({ namespace: str, name: str, type: str })) }),
  lifecycleStateChange: z.looseObject({ lifecycleStateChange: z.enum(['ALTER', 'CREATE', 'DROP', 'OVERWRITE', 'RENAME', 'TRUNCATE']) }),
  columnLineage: z.looseObject({ fields: z.record(str, z.looseObject({ inputFields: z.array(inputField) })), dataset: z.array(inputField).nullish() }),
  version: z.looseObject({ datasetVersion: str }),
  documentation: z.looseObject({ description: str }),
  ownership: z.looseObject({ owners: z.array(z.looseObject({ name: str })).nullish() }),
  // dbt writes its assertions as a dataset facet; the spec defines them as an input facet.
  dataQualityAssertions: assertions,
  dataQualityMetrics: metrics,
};
const INPUT: Record<string, z.ZodType> = { dataQualityAssertions: assertions, dataQualityMetrics: metrics };
const OUTPUT: Record<string, z.ZodType> = {};
const BY_PLACE: Record<FacetPlace, Record<string, z.ZodType>> = { run: RUN, job: JOB, dataset: DATASET, input: INPUT, output: OUTPUT };

/** Why a facet fails its standard schema, or null when it passes (or Runlens knows no schema for it). */
export function facetSchemaProblem(place: FacetPlace, name: string, facet: unknown): string | null {
  const schema = Object.hasOwn(BY_PLACE[place], name) ? BY_PLACE[place][name] : undefined;
  if (schema === undefined) return null;
  const parsed = schema.safeParse(facet);
  return parsed.success ? null : formatIssues(parsed.error);
}
