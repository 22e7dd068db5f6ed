import Link from 'next/link';

export interface RunsFilterValues {
  q?: string;
  status?: string;
  job?: string;
  experiment?: string;
  columns?: string;
  sort?: string;
}

/** A plain GET form: every filter lands in the URL, so a filtered list can be shared as a link. */
export function RunsFilters({ values, jobs, experiments, statuses, columnChoices = [] }: {
  values: RunsFilterValues; jobs: string[]; experiments: string[]; statuses: string[]; columnChoices?: string[];
}) {
  return (
    <form className="filters" method="get" action="/" role="search">
      <label>Search<input name="q" defaultValue={values.q ?? ''} placeholder="job, run name or id" /></label>
      <label>Status
        <select name="status" defaultValue={values.status ?? ''}>
          <option value="">any</option>
          {statuses.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>Job / stage
        <select name="job" defaultValue={values.job ?? ''}>
          <option value="">any</option>
          {jobs.map((j) => <option key={j} value={j}>{j}</option>)}
        </select>
      </label>
      <label>Experiment
        <select name="experiment" defaultValue={values.experiment ?? ''}>
          <option value="">any</option>
          {experiments.map((e) => <option key={e} value={e}>{e}</option>)}
        </select>
      </label>
      <label>Columns
        <input name="columns" defaultValue={values.columns ?? ''} list="column-choices" placeholder="metrics.dedup_rate,params.threshold" data-testid="columns-input" />
        <datalist id="column-choices">{columnChoices.map((c) => <option key={c} value={c} />)}</datalist>
      </label>
      {values.sort ? <input type="hidden" name="sort" value={values.sort} /> : null}
      <button type="submit">Apply</button>
      <Link href="/">Clear</Link>
    </form>
  );
}
