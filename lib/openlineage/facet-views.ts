import { z } from 'zod';
import type { Facets } from '@/lib/model';
import { readInstant } from './time';
import { isSecretName } from '@/lib/security/secret-names';

/**
 * The standard facets users look for, read for display: each reader takes what it can use and
 * returns null (or []) for a facet that is absent or of another shape. Lists are capped.
 */

const MAX_ROWS = 200;
const str = z.string();
const opt = str.nullish();

function read<T>(schema: z.ZodType<T>, facet: unknown): T | null {
  if (facet == null) return null;
  const parsed = schema.safeParse(facet);
  return parsed.success ? parsed.data : null;
}

export interface SqlView { query: string; dialect: string | null }
export function sqlOf(jobFacets: Facets): SqlView | null {
  const f = read(z.looseObject({ query: str, dialect: opt }), jobFacets.sql);
  return f === null || f.query.trim() === '' ? null : { query: f.query, dialect: f.dialect ?? null };
}

export interface JobTypeView { jobType: string | null; integration: string | null; processingType: string | null }
export function jobTypeViewOf(jobFacets: Facets): JobTypeView | null {
  const f = read(z.looseObject({ jobType: opt, integration: opt, processingType: opt }), jobFacets.jobType);
  return f === null ? null : { jobType: f.jobType ?? null, integration: f.integration ?? null, processingType: f.processingType ?? null };
}

export interface OwnerView { name: string; type: string | null }
export function ownersOf(facets: Facets): OwnerView[] {
  const f = read(z.looseObject({ owners: z.array(z.unknown()).nullish() }), facets.ownership);
  return (f?.owners ?? []).flatMap((o) => {
    const owner = read(z.looseObject({ name: str, type: opt }), o);
    return owner === null ? [] : [{ name: owner.name, type: owner.type ?? null }];
  }).slice(0, MAX_ROWS);
}

export interface EngineView { name: string | null; version: string; adapterVersion: string | null }
export function processingEngineOf(runFacets: Facets): EngineView | null {
  const f = read(z.looseObject({ name: opt, version: str, openlineageAdapterVersion: opt }), runFacets.processing_engine);
  return f === null ? null : { name: f.name ?? null, version: f.version, adapterVersion: f.openlineageAdapterVersion ?? null };
}

/** Values of variables whose names suggest a secret (the rule of lib/security/secret-names.ts) are never shown. */
export const HIDDEN_VALUE = '(hidden: the name suggests a secret)';

export interface EnvironmentVariableView { name: string; value: string; hidden: boolean }
export function environmentVariablesOf(runFacets: Facets): { rows: EnvironmentVariableView[]; total: number } {
  const f = read(z.looseObject({ environmentVariables: z.array(z.unknown()) }), runFacets.environmentVariables);
  const all = (f?.environmentVariables ?? []).flatMap((v) => {
    const e = read(z.looseObject({ name: str, value: z.unknown() }), v);
    if (e === null) return [];
    const hidden = isSecretName(e.name);
    return [{ name: e.name, value: hidden ? HIDDEN_VALUE : typeof e.value === 'string' ? e.value : JSON.stringify(e.value), hidden }];
  });
  return { rows: all.slice(0, MAX_ROWS), total: all.length };
}

export interface NominalTimeView {
  /** Scheduled start and end, ISO 8601 UTC. */
  scheduledStart: string;
  scheduledEnd: string | null;
  /** The producer's own text when it carried an offset other than UTC: the scheduler's local time, shown deliberately. */
  producerLocalStart: string | null;
  /** Actual start minus scheduled start, ms; null without an actual start. */
  delayMs: number | null;
}
export function nominalTimeOf(runFacets: Facets, actualStart: string | null): NominalTimeView | null {
  const f = read(z.looseObject({ nominalStartTime: str, nominalEndTime: opt }), runFacets.nominalTime);
  const start = f === null ? null : readInstant(f.nominalStartTime);
  if (f === null || start === null) return null;
  const end = f.nominalEndTime ? readInstant(f.nominalEndTime) : null;
  const local = /[+-]\d{2}:?\d{2}$/.test(f.nominalStartTime.trim()) && !/[+-]00:?00$/.test(f.nominalStartTime.trim()) ? f.nominalStartTime : null;
  const actual = actualStart === null ? null : readInstant(actualStart);
  return { scheduledStart: start.utc, scheduledEnd: end?.utc ?? null, producerLocalStart: local, delayMs: actual === null ? null : Math.round(actual.time - start.time) };
}

export interface AssertionView { assertion: string; column: string | null; success: boolean; severity: string | null }
export interface ColumnMetricView { column: string; nullCount: number | null; distinctCount: number | null; count: number | null; min: number | null; max: number | null }
export interface DataQualityView {
  assertions: AssertionView[];
  passed: number;
  failed: number;
  rowCount: number | null;
  bytes: number | null;
  columns: ColumnMetricView[];
  /** Rows past the cap. */
  leftOut: number;
}

const num = z.number().nullish();
const assertionSchema = z.looseObject({ assertion: str, success: z.boolean(), column: opt, severity: opt });
const metricsSchema = z.looseObject({ rowCount: num, bytes: num, columnMetrics: z.record(str, z.unknown()).nullish() });
const columnSchema = z.looseObject({ nullCount: num, distinctCount: num, count: num, min: num, max: num });

/**
 * dataQualityAssertions (dbt tests: pass/fail per assertion and column) and dataQualityMetrics, from the
 * input facets (the spec) or the dataset facets (dbt and older producers). Null when neither is there.
 */
// Built once: a zod schema costs far more to construct than to run, and pages read thousands of datasets.
const assertionsFacetSchema = z.looseObject({ assertions: z.array(z.unknown()) });

export function dataQualityOf(facets: Facets, ioFacets: Facets): DataQualityView | null {
  const raw = ioFacets.dataQualityAssertions ?? facets.dataQualityAssertions;
  const rawMetrics = ioFacets.dataQualityMetrics ?? facets.dataQualityMetrics;
  if (raw === undefined && rawMetrics === undefined) return null;
  const assertionsFacet = read(assertionsFacetSchema, raw);
  const metrics = read(metricsSchema, rawMetrics);
  if (assertionsFacet === null && metrics === null) return null;
  const assertions = (assertionsFacet?.assertions ?? []).flatMap((a) => {
    const parsed = read(assertionSchema, a);
    return parsed === null ? [] : [{ assertion: parsed.assertion, column: parsed.column ?? null, success: parsed.success, severity: parsed.severity ?? null }];
  });
  const columns = Object.entries(metrics?.columnMetrics ?? {}).flatMap(([column, m]) => {
    const c = read(columnSchema, m);
    return c === null ? [] : [{ column, nullCount: c.nullCount ?? null, distinctCount: c.distinctCount ?? null, count: c.count ?? null, min: c.min ?? null, max: c.max ?? null }];
  });
  const failed = assertions.filter((a) => !a.success).length;
  // Failures first: they are what a reader came for.
  const shownAssertions = [...assertions].sort((a, b) => Number(a.success) - Number(b.success)).slice(0, MAX_ROWS);
  return {
    assertions: shownAssertions, passed: assertions.length - failed, failed, rowCount: metrics?.rowCount ?? null, bytes: metrics?.bytes ?? null,
    columns: columns.slice(0, MAX_ROWS), leftOut: assertions.length - shownAssertions.length + columns.length - Math.min(columns.length, MAX_ROWS),
  };
}
