import { loadEventsFromFiles } from './files';
import { ingest, ingestMore } from './ingest';
import { serve, type RecordedRequest } from './server';
import { syntheticGraphEvents } from './synthetic';

/**
 * A Marquez 0.51 stand-in on loopback: it "ingests" OpenLineage events the way Marquez does and
 * answers the read API under /api/v1 in Marquez's wire format, quirks included (see README.md).
 */
export interface MarquezStubOptions {
  /** OpenLineage events to load (already parsed JSON objects), in the order Marquez received them. */
  events: unknown[];
  /** Added to every response, to imitate a remote server. Default 0. */
  latencyMs?: number;
  /** Port on 127.0.0.1; 0 = any free port. */
  port?: number;
  /** Require `Authorization: Bearer <apiKey>` like an auth proxy; 401 plain text otherwise. */
  apiKey?: string;
}

export interface MarquezStub {
  /** e.g. http://127.0.0.1:40123 (the API is under /api/v1). */
  url: string;
  /** Every request, in arrival order, for fan-out assertions. `path` is as sent (still encoded). */
  requests: RecordedRequest[];
  /** Events received after start (pipelines still running), ingested as Marquez would. */
  addEvents(events: unknown[]): void;
  close(): Promise<void>;
}

export async function startMarquezStub(options: MarquezStubOptions): Promise<MarquezStub> {
  const requests: RecordedRequest[] = [];
  const state = ingest(options.events);
  const server = await serve({
    state,
    latencyMs: options.latencyMs ?? 0,
    port: options.port ?? 0,
    apiKey: options.apiKey,
    requests,
  });
  return { url: server.url, requests, addEvents: (events) => void ingestMore(state, events), close: server.close };
}

export { loadEventsFromFiles, syntheticGraphEvents, type RecordedRequest };
