import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { AuditReport, AuditReportContent } from './report-schema';

export const HASH_COVERS = 'SHA-256 (hex) of the canonical JSON (keys sorted, no whitespace, UTF-8) of the report without its "hash" and "generatedAt" members: identical content gives an identical hash whenever it is generated. Values that look like secrets (by name, URL passwords, configured credentials) read [redacted] in the content that is hashed: the hash covers the report as served, never a secret.';

/** The hash of a report's content; `generatedAt` and `hash` itself are left out (see HASH_COVERS). */
export function contentHash(report: AuditReportContent | AuditReport): string {
  const { hash: _hash, generatedAt: _generatedAt, ...content } = report as AuditReport;
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** Stamps the content with its generation time and hash. */
export function sealReport(content: AuditReportContent, generatedAt: Date): AuditReport {
  return { ...content, generatedAt: generatedAt.toISOString(), hash: { algorithm: 'sha256', value: contentHash(content), covers: HASH_COVERS } };
}

/** True when the report's hash matches its content (for auditors re-checking a downloaded report). */
export function verifyReport(report: AuditReport): boolean {
  return report.hash.value === contentHash(report);
}
