import { REDACTED } from '@/lib/security/redact';

/** What pages, the API and reports say of a param whose values are secret: never "same" or "unchanged". */
export const SECRET_NOT_COMPARED = 'secret, not compared';

/**
 * True when a param's value was redacted at parse time (its name looks secret): two redacted values
 * read alike whatever the secrets were, so they cannot be compared.
 */
export function isSecretValue(value: string | null | undefined): boolean {
  return value === REDACTED;
}

/** A param row of both sides (OpenLineage, MLflow) whose values are secret, so "disagrees" could not be told. */
export function paramRowIsSecret(row: { lineage: string | null; experiment: string | null }): boolean {
  return isSecretValue(row.lineage) || isSecretValue(row.experiment);
}

/** The audit's "disagree" cell of a param row. */
export function disagreeCell(row: { disagrees: boolean; secret: boolean }): string {
  return row.secret ? SECRET_NOT_COMPARED : row.disagrees ? 'yes' : '';
}
