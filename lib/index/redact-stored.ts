import { sql, type Kysely } from 'kysely';
import { redactJson } from '@/lib/security/redact-json';
import { OffThreadParseError, parseJsonOffThread } from '@/lib/model/json-off-thread';
import type { IndexDatabase } from './schema';

/**
 * Re-applies the parse-time redaction rule (lib/security/redact-json.ts) to what an index written by an older
 * version stored as it came: facet maps of runs, jobs, datasets, versions and raw events (job SQL, dataSource
 * URLs), and experiment params and tags. Only those parts: ids, names and namespaces stay as the columns hold them.
 */

const FACET_FIELDS = new Set(['facets', 'inputFacets', 'outputFacets']);
const EXPERIMENT_FIELDS = new Set(['params', 'tags']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every facet map at any depth of a stored value redacted; the same object back when nothing changed. */
export function redactFacetMaps(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    value.forEach((item, i) => {
      const next = redactFacetMaps(item);
      if (next !== item) (out ??= value.slice())[i] = next;
    });
    return out ?? value;
  }
  if (!isRecord(value)) return value;
  let out: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value)) {
    const next = FACET_FIELDS.has(key) && isRecord(item) ? redactJson(item) : redactFacetMaps(item);
    if (next !== item) (out ??= { ...value })[key] = next;
  }
  return out ?? value;
}

/** An experiment record's params and tags redacted (they are maps of name → value, as parsed). */
function redactExperimentFields(value: unknown): unknown {
  if (!isRecord(value)) return value;
  let out: Record<string, unknown> | null = null;
  for (const key of EXPERIMENT_FIELDS) {
    const item = value[key];
    const next = isRecord(item) ? redactJson(item) : item;
    if (next !== item) (out ??= { ...value })[key] = next;
  }
  return out ?? value;
}

// JSON in which no secret-looking name or credential pattern can appear (lib/security/secret-names.ts, redact.ts):
// returned without parsing. Escaped text (\u…) may spell anything, so it is always parsed.
const MAY_HOLD_SECRET = /pass|pwd|secret|credential|key|token|auth|cookie|bearer|basic|identified|sig|@|\\u/i;

/** The JSON text redacted, or null when it holds nothing to redact (or is not JSON: left as it is). */
function redactedText(text: string, redact: (value: unknown) => unknown): string | null {
  if (!MAY_HOLD_SECRET.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const next = redact(parsed);
  return next === parsed ? null : JSON.stringify(next);
}

/** A raw event as stored: its facets redacted as parsing redacts them, so no secret rests in the index. */
export function redactEventBody(body: string): string {
  return redactedText(body, redactFacetMaps) ?? body;
}

/** Characters scanned per turn of the event loop; the slices overlap by more than the longest word looked for. */
const SCAN_SLICE_CHARS = 1_000_000;
const SCAN_OVERLAP_CHARS = 16;
/** Events were refused past MAX_JSON_DEPTH when read: this only keeps the worker's scan from refusing one. */
const OWN_JSON_DEPTH = 100_000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * redactEventBody with the event loop free: a 13 MB body (a run reading 100,000 datasets) is scanned a slice at a
 * time (the scan alone held the loop 40–80 ms), and one that may hold a secret is parsed on the worker thread.
 */
export async function redactEventBodyInSlices(body: string): Promise<string> {
  if (body.length <= SCAN_SLICE_CHARS) return redactEventBody(body);
  let mayHold = false;
  for (let start = 0; start < body.length && !mayHold; start += SCAN_SLICE_CHARS) {
    mayHold = MAY_HOLD_SECRET.test(body.slice(Math.max(0, start - SCAN_OVERLAP_CHARS), start + SCAN_SLICE_CHARS));
    await nextTurn();
  }
  if (!mayHold) return body;
  let parsed: unknown;
  try {
    parsed = await parseJsonOffThread(body, OWN_JSON_DEPTH);
  } catch (error) {
    if (error instanceof OffThreadParseError) return body; // not JSON: left as it is, as redactEventBody leaves it
    throw error;
  }
  const next = redactFacetMaps(parsed);
  return next === parsed ? body : JSON.stringify(next);
}

/** A param's value as parse time keeps it: [redacted] under a secret name, URL passwords and named credentials removed. */
export function redactParamValue(key: string, value: string): string {
  const redacted = redactJson({ [key]: value })[key];
  return typeof redacted === 'string' ? redacted : value;
}

interface StoredTable {
  table: keyof IndexDatabase;
  keys: readonly string[];
  column: string;
  redact: (text: string, row: Record<string, unknown>) => string | null;
}

const STORED_TABLES: readonly StoredTable[] = [
  { table: 'lineage_records', keys: ['source', 'run_key'], column: 'payload', redact: (t) => redactedText(t, redactFacetMaps) },
  { table: 'lineage_jobs', keys: ['source', 'job_key'], column: 'payload', redact: (t) => redactedText(t, redactFacetMaps) },
  { table: 'lineage_datasets', keys: ['source', 'dataset_key'], column: 'payload', redact: (t) => redactedText(t, redactFacetMaps) },
  { table: 'dataset_versions', keys: ['source', 'dataset_key', 'version_id'], column: 'payload', redact: (t) => redactedText(t, redactFacetMaps) },
  { table: 'received_events', keys: ['seq'], column: 'body', redact: (t) => redactedText(t, redactFacetMaps) },
  { table: 'experiment_records', keys: ['source', 'run_key'], column: 'payload', redact: (t) => redactedText(t, redactExperimentFields) },
  {
    table: 'run_params', keys: ['run_id', 'key'], column: 'value',
    redact: (value, row) => {
      const next = redactParamValue(String(row.key), value);
      return next === value ? null : next;
    },
  },
];

/** Rows read per query: a large index is rewritten in bounded steps (a keyset over the primary key), never loaded whole. */
const ROWS_PER_STEP = 500;

/** Redacts one table's stored text in place; returns how many rows changed. */
async function redactTable(db: Kysely<IndexDatabase>, spec: StoredTable): Promise<number> {
  const untyped = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const keyRefs = sql.join(spec.keys.map((k) => sql.ref(k)));
  let after: unknown[] | null = null;
  let changed = 0;
  for (;;) {
    let query = untyped.selectFrom(spec.table).select([...spec.keys, spec.column]);
    if (after !== null) query = query.where(sql<boolean>`(${keyRefs}) > (${sql.join(after)})`);
    for (const key of spec.keys) query = query.orderBy(key);
    const rows = await query.limit(ROWS_PER_STEP).execute();
    for (const row of rows) {
      const text = row[spec.column];
      const next = typeof text === 'string' ? spec.redact(text, row) : null;
      if (next === null) continue;
      let update = untyped.updateTable(spec.table).set({ [spec.column]: next });
      for (const key of spec.keys) update = update.where(key, '=', row[key]);
      await update.execute();
      changed++;
    }
    if (rows.length < ROWS_PER_STEP) return changed;
    const last = rows[rows.length - 1]!;
    after = spec.keys.map((k) => last[k]);
  }
}

/** Redacts every stored table; returns the rows changed per table. */
export async function redactStoredRows(db: Kysely<IndexDatabase>): Promise<Record<string, number>> {
  const changed: Record<string, number> = {};
  for (const spec of STORED_TABLES) changed[spec.table] = await redactTable(db, spec);
  return changed;
}
