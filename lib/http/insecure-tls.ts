import 'server-only';
import type { Agent } from 'undici';

let agent: Promise<Agent> | null = null;

/**
 * A dispatcher that skips certificate verification, for one source that asked for it
 * (MLFLOW_TRACKING_INSECURE_TLS). Passed per request, so no other upstream is affected.
 */
export function insecureTlsDispatcher(): Promise<Agent> {
  // undici is loaded only for such a source: bundled into every server layer, it lengthened each first load.
  agent ??= import('undici').then(({ Agent }) => new Agent({ connect: { rejectUnauthorized: false } }));
  return agent;
}
