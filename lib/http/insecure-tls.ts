import 'server-only';
import { Agent } from 'undici';

let agent: Agent | null = null;

/**
 * A dispatcher that skips certificate verification, for one source that asked for it
 * (MLFLOW_TRACKING_INSECURE_TLS). Passed per request, so no other upstream is affected.
 */
export function insecureTlsDispatcher(): Agent {
  agent ??= new Agent({ connect: { rejectUnauthorized: false } });
  return agent;
}
