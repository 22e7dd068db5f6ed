import { HttpError } from './errors';

/** Marquez's list parameters: `limit` (default 100) and `offset` (default 0), both `@Min(0)`. */
export interface Page {
  limit: number;
  offset: number;
}

export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  // Jersey cannot convert a non-number to int: Marquez answers 404 for that, like an unknown path.
  if (!/^-?\d+$/.test(raw)) throw HttpError.json(404, 'HTTP 404 Not Found');
  const value = Number(raw);
  if (value < 0) throw HttpError.validation(`query param ${name} must be greater than or equal to 0`);
  return value;
}

export function pageParams(query: URLSearchParams, defaultLimit = 100): Page {
  return { limit: intParam(query, 'limit', defaultLimit), offset: intParam(query, 'offset', 0) };
}

export function page<T>(items: readonly T[], { limit, offset }: Page): T[] {
  return items.slice(offset, offset + limit);
}
