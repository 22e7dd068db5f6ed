import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** A parsed OpenAPI document; only the parts this helper reads are typed. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

/** One place where the stub (i.e. real Marquez) and the spec disagree, and how the spec is corrected. */
export interface SpecDeviation {
  where: string;
  reason: string;
  patch: (doc: OpenApiDoc) => void;
}

export const SPEC_PATH = path.resolve(process.cwd(), '..', 'shared', 'specs', 'marquez', 'openapi.yml');

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A named component schema, for deviations to patch; throws when the spec lost it (so a patch never silently misses). */
export function schemaOf(doc: OpenApiDoc, name: string): Record<string, unknown> {
  const found = doc.components.schemas[name];
  if (found === undefined) throw new Error(`spec has no schema ${name}`);
  return found;
}

export function propertyOf(doc: OpenApiDoc, name: string, prop: string): Record<string, unknown> {
  const props = schemaOf(doc, name).properties;
  const found = isRecord(props) ? props[prop] : undefined;
  if (!isRecord(found)) throw new Error(`spec schema ${name} has no property ${prop}`);
  return found;
}

/** A 200 response with a JSON body of the named schema, for operations the spec lacks or gets wrong. */
export function okResponse(schemaName: string): Record<string, unknown> {
  return { responses: { '200': { content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName}` } } } } } };
}

/** The spec as parsed from YAML, with every deviation applied (the only place they are applied). */
export function loadSpec(deviations: readonly SpecDeviation[]): OpenApiDoc {
  const raw: unknown = parse(readFileSync(SPEC_PATH, 'utf8'));
  if (!isRecord(raw) || !isRecord(raw.paths) || !isRecord(raw.components) || !isRecord(raw.components.schemas)) {
    throw new Error(`${SPEC_PATH}: not an OpenAPI document with paths and components.schemas`);
  }
  // Checked just above: the YAML has the shape OpenApiDoc names.
  const doc = raw as unknown as OpenApiDoc;
  for (const deviation of deviations) deviation.patch(doc);
  return doc;
}

/** Marquez writes null for absent values; the spec has no `nullable`, so nulls are dropped before validation. */
export function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, stripNulls(v)]));
}

export interface Contract {
  /** The validator for the 200 answer of `GET <path under /api/v1>`, or null when the spec has no such operation. */
  validatorFor(apiPath: string): { template: string; validate: ValidateFunction } | null;
}

function templateRegex(template: string): RegExp {
  const body = template.split('/').map((part) => (/^\{.+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return new RegExp(`^${body}$`);
}

function responseRef(operation: unknown): string | null {
  if (!isRecord(operation) || !isRecord(operation.responses)) return null;
  const ok = operation.responses['200'];
  const content = isRecord(ok) && isRecord(ok.content) ? ok.content['application/json'] : undefined;
  const schema = isRecord(content) ? content.schema : undefined;
  return isRecord(schema) && typeof schema.$ref === 'string' ? schema.$ref : null;
}

const COMPONENTS = '#/components/schemas/';

/** JSON Schema keeps shared schemas under `definitions`: the same schemas, refs pointed there. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace(COMPONENTS, '#/definitions/') : rewriteRefs(v)]),
  );
}

export function buildContract(doc: OpenApiDoc): Contract {
  // OpenAPI 3.0 schemas are a draft-07 subset plus a few annotations; `example` is the only unknown one.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  ajv.addVocabulary(['example']);
  // The spec's name for fields Marquez types as java.net.URL (Job.location, Source.connectionUrl).
  ajv.addFormat('URL', (value: string) => URL.canParse(value));
  ajv.addSchema({ $id: 'marquez', definitions: rewriteRefs(doc.components.schemas) });
  const operations = Object.entries(doc.paths)
    .flatMap(([template, item]) => {
      const ref = responseRef(item.get);
      return ref === null ? [] : [{ template, regex: templateRegex(template), ref }];
    })
    // A literal segment beats a parameter: /jobs/runs/{id} before /namespaces/{namespace}.
    .sort((a, b) => b.template.split('{').length - a.template.split('{').length)
    .reverse();
  const compiled = new Map<string, ValidateFunction>();
  return {
    validatorFor(apiPath) {
      const op = operations.find((o) => o.regex.test(apiPath));
      if (op === undefined) return null;
      let validate = compiled.get(op.ref);
      if (validate === undefined) {
        validate = ajv.compile({ $ref: `marquez${op.ref.replace(COMPONENTS, '#/definitions/')}` });
        compiled.set(op.ref, validate);
      }
      return { template: op.template, validate };
    },
  };
}
