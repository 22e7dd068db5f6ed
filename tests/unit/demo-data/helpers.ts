// Shared by the demo-data tests: temp dirs, the OpenLineage JSON Schema validator, file readers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import Database from 'better-sqlite3';

export const SHARED = path.resolve(process.cwd(), '..', 'shared');
export const OL_SPECS = path.join(SHARED, 'specs', 'openlineage');
export const REAL_DB = path.join(SHARED, 'data', 'groot-a', 'mlflow-server', 'mlflow.db');
export const REAL_EVENTS = path.join(SHARED, 'data', 'groot-a', 'openlineage', 'events');
export const RUN_EVENT = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-demo-'));
}

/** Ajv (draft 2020-12, the specs' $schema) holding the core spec and every standard facet schema. */
export function openLineageValidator(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(OL_SPECS, 'OpenLineage.json'), 'utf8')));
  for (const f of fs.readdirSync(path.join(OL_SPECS, 'facets'))) {
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(OL_SPECS, 'facets', f), 'utf8')));
  }
  return ajv;
}

/** Every `*.json` under `dir` (recursively), as [relative path, text]. */
export function readEventFiles(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) out.push([path.relative(dir, p), fs.readFileSync(p, 'utf8')]);
    }
  };
  walk(dir);
  return out;
}

/** Every facet of an event with where it sits, e.g. ["run.facets.parent", {...}]. */
export function facetsOf(event: JsonObject): Array<[string, JsonObject]> {
  const out: Array<[string, JsonObject]> = [];
  const add = (where: string, facets: Json | undefined) => {
    if (facets && typeof facets === 'object' && !Array.isArray(facets)) {
      for (const [k, v] of Object.entries(facets)) out.push([`${where}.${k}`, v as JsonObject]);
    }
  };
  add('run.facets', (event.run as JsonObject).facets);
  add('job.facets', (event.job as JsonObject).facets);
  for (const d of event.inputs as JsonObject[]) {
    add('inputs.facets', d.facets);
    add('inputs.inputFacets', d.inputFacets);
  }
  for (const d of event.outputs as JsonObject[]) {
    add('outputs.facets', d.facets);
    add('outputs.outputFacets', d.outputFacets);
  }
  return out;
}

/** Key paths of a JSON value with array indices collapsed: its shape, not its values. */
export function shape(v: Json, prefix = ''): string[] {
  if (Array.isArray(v)) return [...new Set(v.flatMap((x) => shape(x, `${prefix}[]`)))].sort();
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [`${prefix}.${k}`, ...shape(x, `${prefix}.${k}`)]).sort();
  return [];
}

export function openReadonly(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

/** Every row of every table, each table sorted, for comparing two databases. */
export function dumpRows(file: string): Record<string, unknown[]> {
  const db = openReadonly(file);
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(
      tables.map((t) => {
        const columns = db.prepare(`PRAGMA table_info("${t}")`).all().map((_, i) => i + 1);
        return [t, db.prepare(`SELECT * FROM "${t}" ORDER BY ${columns.join(', ')}`).raw().all()];
      }),
    );
  } finally {
    db.close();
  }
}
