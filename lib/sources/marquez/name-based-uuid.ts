import 'server-only';
import { createHash } from 'node:crypto';

/** Java's `UUID.nameUUIDFromBytes`: MD5 of the bytes with the version nibble set to 3 and the IETF variant. */
export function nameUuidFromBytes(bytes: Uint8Array): string {
  const hash = createHash('md5').update(bytes).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x30;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  return dashed(hash.toString('hex'));
}

/** The name-based UUID of a string's UTF-8 bytes, as Marquez keys a run whose runId is not a UUID. */
export function nameUuid(name: string): string {
  return nameUuidFromBytes(Buffer.from(name, 'utf8'));
}

function dashed(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// Java's UUID.fromString is lenient about group widths ("1-2-3-4-5") but needs the four dashes.
const JAVA_UUID = /^([0-9a-f]{1,8})-([0-9a-f]{1,4})-([0-9a-f]{1,4})-([0-9a-f]{1,4})-([0-9a-f]{1,12})$/i;
const GROUP_WIDTHS = [8, 4, 4, 4, 12];
const HEX32 = /^[0-9a-f]{32}$/i;

/** The canonical (lower-case, full-width) form of what `UUID.fromString` accepts, else null. */
export function javaUuid(value: string): string | null {
  const match = JAVA_UUID.exec(value);
  if (match === null) return null;
  return match.slice(1).map((group, i) => group.toLowerCase().padStart(GROUP_WIDTHS[i] ?? 0, '0')).join('-');
}

/** An MLflow run id (32 hex digits) as the dashed UUID it stands for, else null. */
export function dashedFromHex32(value: string): string | null {
  return HEX32.test(value) ? dashed(value.toLowerCase()) : null;
}

/** How Marquez keys a run (OpenLineageDao.runToUuid): a UUID stays itself, anything else is name-based. */
export function marquezRunUuid(runId: string): string {
  return javaUuid(runId) ?? nameUuid(runId);
}

/**
 * The Marquez run UUIDs an id may stand for, most likely first. A 32-hex MLflow id is usually the
 * dashed OpenLineage runId; a producer that sent it undashed made Marquez key it name-based.
 */
export function runUuidCandidates(id: string): string[] {
  const trimmed = id.trim();
  const hex = dashedFromHex32(trimmed);
  return hex === null ? [marquezRunUuid(trimmed)] : [hex, nameUuid(trimmed)];
}
