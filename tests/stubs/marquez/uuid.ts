import { createHash } from 'node:crypto';

/** Java's `UUID.nameUUIDFromBytes`: MD5 of the bytes, version 3, IETF variant. */
export function nameUuid(name: string | Buffer): string {
  const bytes = createHash('md5').update(typeof name === 'string' ? Buffer.from(name, 'utf8') : name).digest();
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x30;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// Java's UUID.fromString also takes short groups ("1-2-3-4-5") and pads them; it never takes 32 bare hex digits.
const JAVA_UUID = /^([0-9a-f]{1,8})-([0-9a-f]{1,4})-([0-9a-f]{1,4})-([0-9a-f]{1,4})-([0-9a-f]{1,12})$/i;
const WIDTHS = [8, 4, 4, 4, 12];

/** The canonical form of a string `UUID.fromString` accepts, or null. */
export function parseJavaUuid(value: string): string | null {
  const match = JAVA_UUID.exec(value);
  if (match === null) return null;
  return match
    .slice(1)
    .map((group, i) => group.toLowerCase().padStart(WIDTHS[i] ?? 0, '0'))
    .join('-');
}

/**
 * How Marquez keys a run (OpenLineageDao.runToUuid): a runId that parses as a UUID is kept, any
 * other string (a 32-hex MLflow id included) becomes the name-based UUID of its UTF-8 bytes.
 */
export function runUuidFor(runId: string): string {
  return parseJavaUuid(runId) ?? nameUuid(runId);
}

const NAMESPACE_URL = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');

/** Utils.toNameBasedUuid: the parts joined by '.', prefixed by the RFC 4122 URL namespace, then hashed. */
export function toNameBasedUuid(...parts: string[]): string {
  return nameUuid(Buffer.concat([NAMESPACE_URL, Buffer.from(parts.join('.'), 'utf8')]));
}
