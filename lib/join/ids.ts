/** Run identifiers as users paste them: OpenLineage dashed UUIDs, MLflow 32-hex ids, anything else verbatim. */

const DASHED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX32 = /^[0-9a-f]{32}$/i;

/** The 128-bit value of a UUID-like id as 32 lower-case hex digits, or null if it is not one. */
export function uuidHex(id: string): string | null {
  const trimmed = id.trim();
  if (DASHED_UUID.test(trimmed)) return trimmed.replaceAll('-', '').toLowerCase();
  if (HEX32.test(trimmed)) return trimmed.toLowerCase();
  return null;
}

/** 32 hex digits as a dashed UUID (how OpenLineage and Marquez write the same value). */
export function dashedUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The key two ids are compared by: the UUID value when they are UUIDs, else the exact string. */
export function idKey(id: string): string {
  return uuidHex(id) ?? id.trim();
}
