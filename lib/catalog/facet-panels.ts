import { datasetUri, type Facets, type LineageRun, type RunDataset } from '@/lib/model';
import { sqlTokens, type SqlToken } from '@/lib/model/sql-tokens';
import { descriptionOf } from '@/lib/openlineage/facets';
import {
  dataQualityOf, environmentVariablesOf, jobTypeViewOf, nominalTimeOf, ownersOf, processingEngineOf, sqlOf,
  type DataQualityView, type EngineView, type EnvironmentVariableView, type JobTypeView, type NominalTimeView, type OwnerView,
} from '@/lib/openlineage/facet-views';

/** What a job's facets say, ready to draw: null when it reported none of them. */
export interface JobFacetPanel {
  sql: { query: string; dialect: string | null; tokens: SqlToken[] } | null;
  jobType: JobTypeView | null;
  owners: OwnerView[];
  description: string | null;
}

export function jobFacetPanel(facets: Facets | null): JobFacetPanel | null {
  if (facets === null) return null;
  const sql = sqlOf(facets);
  const panel = { sql: sql && { ...sql, tokens: sqlTokens(sql.query) }, jobType: jobTypeViewOf(facets), owners: ownersOf(facets), description: descriptionOf(facets) };
  return panel.sql === null && panel.jobType === null && panel.owners.length === 0 && panel.description === null ? null : panel;
}

export interface RunFacetPanel {
  nominalTime: NominalTimeView | null;
  engine: EngineView | null;
  environment: { rows: EnvironmentVariableView[]; total: number };
}

export function runFacetPanel(run: LineageRun | null): RunFacetPanel | null {
  if (run === null) return null;
  const panel = { nominalTime: nominalTimeOf(run.facets, run.startedAt), engine: processingEngineOf(run.facets), environment: environmentVariablesOf(run.facets) };
  return panel.nominalTime === null && panel.engine === null && panel.environment.total === 0 ? null : panel;
}

/** One block of the data-quality panel. */
export interface DataQualityEntry {
  key: string;
  /** What was checked: the dataset on the run page, the run on the dataset page. */
  title: string;
  href: string;
  note?: string;
  view: DataQualityView;
}

export interface DataQualityResult {
  /** The dataset's URI and page. */
  label: string;
  href: string;
  /** Whether the run read or wrote the dataset, for the run page. */
  side: 'input' | 'output';
  view: DataQualityView;
}

/** The data-quality results a run reported on its inputs and outputs (dbt tests report them on the dataset tested). */
export function runDataQuality(run: LineageRun | null, href: (d: RunDataset) => string): DataQualityResult[] {
  if (run === null) return [];
  const of = (side: 'input' | 'output') => (d: RunDataset): DataQualityResult[] => {
    const view = dataQualityOf(d.facets, d.ioFacets);
    return view === null ? [] : [{ label: datasetUri(d), href: href(d), side, view }];
  };
  return [...run.inputs.flatMap(of('input')), ...run.outputs.flatMap(of('output'))];
}
