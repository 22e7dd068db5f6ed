/** What an audit id names: `model:<name>/<version>` is a registered model version, anything else a run id. */
export type AuditTarget = { kind: 'run'; id: string } | { kind: 'model-version'; name: string; version: string };

export const MODEL_PREFIX = 'model:';

/** Null when a `model:` id lacks its name or version (the caller answers 400 with the expected form). */
export function parseAuditTarget(id: string): AuditTarget | null {
  if (!id.startsWith(MODEL_PREFIX)) return { kind: 'run', id };
  const rest = id.slice(MODEL_PREFIX.length);
  // Model names may hold '/', versions never do: the version is after the last one.
  const cut = rest.lastIndexOf('/');
  const name = rest.slice(0, cut).trim();
  const version = rest.slice(cut + 1).trim();
  return cut <= 0 || name === '' || version === '' ? null : { kind: 'model-version', name, version };
}

export function modelVersionAuditId(name: string, version: string): string {
  return `${MODEL_PREFIX}${name}/${version}`;
}
