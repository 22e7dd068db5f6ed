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

/**
 * GET /events/lineage: raw events with `after <= eventTime < before`, sorted by eventTime
 * (`sortDirection` desc by default), paged; totalCount counts every event in the window.
 */
export function lineageEvents(state: MarquezState, query: URLSearchParams): JsonObject {
  const before = timeParam(query, 'before', Number.POSITIVE_INFINITY);
  const after = timeParam(query, 'after', Number.NEGATIVE_INFINITY);
  const direction = (query.get('sortDirection') ?? 'desc').toLowerCase();
  if (direction !== 'asc' && direction !== 'desc') throw HttpError.json(404, 'HTTP 404 Not Found');
  const window = state.events.filter((e) => e.time >= after && e.time < before);
  window.sort((a, b) => a.time - b.time || a.index - b.index);
  if (direction === 'desc') window.reverse();
  return { events: page(window, pageParams(query)).map((e) => e.event), totalCount: window.length };
}
