import { readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadEventsFromFiles, startMarquezStub, type MarquezStub } from '@/tests/stubs/marquez';
import { readJson, sharedPath } from './paths';

const TESTS_DIR = sharedPath('data', 'openlineage', 'marquez-tests');

export const GROOT_EVENTS = sharedPath('data', 'groot-a', 'openlineage', 'events.ndjson');

/** The real events the stub and the file source both load: groot-a, Marquez's seed, Marquez's API test events. */
export const EVENT_FILES = [
  GROOT_EVENTS,
  sharedPath('data', 'openlineage', 'marquez-seed', 'food-delivery-events.json'),
  ...readdirSync(TESTS_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(TESTS_DIR, f)),
];

export function startStub(options: { apiKey?: string; latencyMs?: number; extraEvents?: unknown[] } = {}): Promise<MarquezStub> {
  return startMarquezStub({ events: [...loadEventsFromFiles(EVENT_FILES), ...(options.extraEvents ?? [])], apiKey: options.apiKey, latencyMs: options.latencyMs });
}

const io = z.object({ namespace: z.string(), name: z.string(), version: z.string(), rowCount: z.number() });
const expectedSchema = z.object({
  executions: z.array(z.object({
    pipeline: z.object({ openlineage_run_id: z.string() }),
    stages: z.array(z.object({ stage: z.string(), openlineage_run_id: z.string(), mlflow_run_id: z.string(), job: z.string(), input: io, output: io })),
  })),
});

/** groot-a/EXPECTED.json, the parts these tests read. */
export const EXPECTED = expectedSchema.parse(readJson(sharedPath('data', 'groot-a', 'EXPECTED.json')));

/** Request log entries for one API path (still URL-encoded, as the stub records it). */
export function requestsTo(stub: MarquezStub, pathname: string): MarquezStub['requests'] {
  return stub.requests.filter((r) => r.path === pathname);
}
