import 'server-only';

/** Sets `rec[key]`; a plain assignment would silently drop a key named "__proto__". */
export function putEntry<V>(rec: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') {
    Object.defineProperty(rec, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    rec[key] = value;
  }
}

/** Reads `rec[key]` as an own property only, so "constructor" or "__proto__" never leak in. */
export function getEntry<V>(rec: Record<string, V>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}
