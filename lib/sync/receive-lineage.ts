import 'server-only';
import { readBoundedText } from '@/lib/api/read-body';
import { hasIngestToken } from '@/lib/auth/ingest-token';
import { readEnv } from '@/lib/env';
import { getProcessIndex } from '@/lib/index/process-index';
import { logEvent } from '@/lib/observability/log';
import { parseReceivedBody } from '@/lib/sources/openlineage-receiver';
import { receiveEvents } from './receive-events';
import { ensureReceiverSource } from './receiver-source';

/** A body larger than this (sent or decompressed) is refused with 413. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface ReceiveResponse {
  status: 201 | 400 | 401 | 413 | 415 | 503;
  body: Record<string, unknown>;
}

const refuse = (status: ReceiveResponse['status'], error: string): ReceiveResponse => ({ status, body: { error } });

/** The receiver: token, bounded body, validation, then store-and-index in one transaction. */
export async function receiveLineage(request: Request): Promise<ReceiveResponse> {
  const token = readEnv().ingestToken;
  if (token !== null && !hasIngestToken(request.headers.get('authorization'), token)) {
    return refuse(401, 'Send the ingest token as "Authorization: Bearer <RUNLENS_INGEST_TOKEN>" (the transport\'s auth type api_key).');
  }
  const read = await readBoundedText(request, MAX_BODY_BYTES);
  if (!read.ok) return refuse(read.status, `OpenLineage receiver: ${read.message}`);
  const parsed = parseReceivedBody(read.text);
  if (!parsed.ok) return refuse(400, `OpenLineage receiver: ${parsed.message}`);
  let index;
  try {
    index = await getProcessIndex();
  } catch (error) {
    // Database errors stay in the server log (and /health); the sender learns only to retry.
    logEvent('error', 'lineage_receive_failed', { message: error instanceof Error ? error.message : String(error) });
    return refuse(503, 'OpenLineage receiver: the run index could not be opened (see /health); nothing was stored, send them again');
  }
  let result;
  try {
    result = await receiveEvents(index, parsed.events);
  } catch (error) {
    // The transaction rolled back: the sender may retry the whole body.
    logEvent('error', 'lineage_receive_failed', { message: error instanceof Error ? error.message : String(error) });
    return refuse(503, 'OpenLineage receiver: the events could not be stored (see the server log); nothing was stored, send them again');
  }
  ensureReceiverSource(index);
  logEvent('info', 'lineage_received', { events: result.stored, runs: result.runs, written: result.written, joined: result.joined });
  return { status: 201, body: { stored: result.stored, runs: result.runs } };
}
