import { HttpError } from './errors';
import { parseQueryInstant } from './instant';
import { pageParams, page } from './paging';
import type { JsonObject, MarquezState } from './state';

function timeParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const parsed = parseQueryInstant(raw);
  // Jersey cannot build a ZonedDateTime from it: 404, as for every unconvertible query parameter.
  if (parsed === null) throw HttpError.json(404, 'HTTP 404 Not Found');
  return parsed;
}

// OpenLineageResource.getLineageEvents: @DefaultValue("2030-01-01T00:00:00+00:00") and ("1970-01-01T00:00:00+00:00").
const DEFAULT_BEFORE = Date.parse('2030-01-01T00:00:00Z');
const DEFAULT_AFTER = 0;

/**
 * GET /events/lineage as OpenLineageDao.getAllLineageEvents{Desc,Asc} answers it: RUN_EVENTs with
 * `after <= eventTime < before`, ordered by eventTime only (`sortDirection` desc by default; ties in
 * the order received here, which Postgres does not promise), LIMIT/OFFSET paged; totalCount
 * (getAllLineageTotalCount) counts every event of the window, JobEvents and DatasetEvents included.
 */
export function lineageEvents(state: MarquezState, query: URLSearchParams): JsonObject {
  const before = timeParam(query, 'before', DEFAULT_BEFORE);
  const after = timeParam(query, 'after', DEFAULT_AFTER);
  const direction = (query.get('sortDirection') ?? 'desc').toLowerCase();
  if (direction !== 'asc' && direction !== 'desc') throw HttpError.json(404, 'HTTP 404 Not Found');
  const window = state.events.filter((e) => e.time >= after && e.time < before);
  const runEvents = window.filter((e) => e.kind === 'RUN_EVENT');
  runEvents.sort((a, b) => a.time - b.time || a.index - b.index);
  if (direction === 'desc') runEvents.reverse();
  return { events: page(runEvents, pageParams(query)).map((e) => e.event), totalCount: window.length };
}
