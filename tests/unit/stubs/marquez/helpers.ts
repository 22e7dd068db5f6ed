import path from 'node:path';
import { loadEventsFromFiles, startMarquezStub, type MarquezStub } from '@/tests/stubs/marquez';

export const SHARED_DATA = path.resolve(process.cwd(), '..', 'shared', 'data');

/** Every shared OpenLineage event: Marquez's seed and API-test events, then the groot-a pipeline. */
export function allSharedEvents(): unknown[] {
  return loadEventsFromFiles([path.join(SHARED_DATA, 'openlineage'), path.join(SHARED_DATA, 'groot-a', 'openlineage', 'events.ndjson')]);
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

export async function get(stub: MarquezStub, apiPath: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${stub.url}/api/v1${apiPath}`, { headers });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    // Plain-text answers (400s, 401) stay text.
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function record(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw new Error(`expected a JSON object, got ${JSON.stringify(value)?.slice(0, 200)}`);
  return value;
}

export function list(value: unknown, key: string): Array<Record<string, unknown>> {
  const items = record(value)[key];
  if (!Array.isArray(items)) throw new Error(`expected an array at ${key}`);
  return items.map(record);
}

export const enc = encodeURIComponent;

export async function startShared(): Promise<MarquezStub> {
  return startMarquezStub({ events: allSharedEvents() });
}
