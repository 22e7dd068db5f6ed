import 'server-only';

export interface OpenLineageName {
  namespace: string;
  name: string;
}

const URI = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s;

/** Object stores name a dataset by its key without the leading slash (OpenLineage client FilesystemDatasetUtils). */
const OBJECT_STORES: readonly { prefix: string; scheme: string }[] = [
  { prefix: 's3', scheme: 's3' }, // s3a://, s3n:// name the same bucket
  { prefix: 'gs', scheme: 'gs' },
  { prefix: 'wasb', scheme: 'wasbs' },
  { prefix: 'abfs', scheme: 'abfss' },
];

function trimTrailingSlash(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function localName(path: string): OpenLineageName | null {
  return path === '' ? null : { namespace: 'file', name: trimTrailingSlash(path) };
}

/**
 * OpenLineage naming of a dataset URI: `scheme://authority` is the namespace and the path the name
 * (s3://b/a/b → s3://b + a/b; hdfs://nn:8020/a → hdfs://nn:8020 + /a); a local path or file: URI is
 * namespace `file` with the absolute path. Null when the text is not a usable location.
 */
export function openLineageName(uri: string): OpenLineageName | null {
  const text = uri.trim();
  if (text === '') return null;
  const match = URI.exec(text);
  // A one-letter "scheme" is a Windows drive (C:\data), i.e. a local path.
  if (!match || match[1]?.length === 1) return localName(text);
  const scheme = (match[1] ?? '').toLowerCase();
  const rest = match[2] ?? '';
  if (scheme === 'file') {
    // file:///a, file:/a and file://localhost/a all name /a.
    const path = rest.startsWith('//') ? rest.slice(2).replace(/^[^/]*/, '') : rest;
    return localName(decodePath(path));
  }
  if (!rest.startsWith('//')) {
    // No authority (dbfs:/a, bigquery:p.d.t): the scheme alone is the namespace.
    return rest === '' ? null : { namespace: scheme, name: decodePath(rest) };
  }
  const slash = rest.indexOf('/', 2);
  const authority = slash === -1 ? rest.slice(2) : rest.slice(2, slash);
  const path = decodePath(slash === -1 ? '' : rest.slice(slash).replace(/[?#].*$/s, ''));
  if (authority === '') return localName(path);
  const store = OBJECT_STORES.find((s) => scheme.startsWith(s.prefix));
  if (store) {
    const key = path.replace(/^\/+/, '');
    return { namespace: `${store.scheme}://${authority}`, name: key === '' ? '/' : trimTrailingSlash(key) };
  }
  return { namespace: `${scheme}://${authority}`, name: trimTrailingSlash(path === '' ? '/' : path) };
}
