import 'server-only';
import type { SourceProblem } from '@/lib/model';
import type { SourceError } from '@/lib/http/source-error';
import type { MlflowCredentials } from './client';

export interface ConfigReport {
  /** Settings that cannot be honoured; always listed on /health. */
  problems: SourceProblem[];
  details: Record<string, string>;
  /** Extra words for an error that a setting explains (a certificate refused while insecure TLS was asked for). */
  errorHint(error: SourceError): string;
}

const TLS_TROUBLE = /CERT|SELF_SIGNED|TLS|SSL/i;

/** Settings worth saying on /health: half-set credentials (a problem), certificate checks turned off (a detail). */
export function configProblems(options: MlflowCredentials & { insecureTls?: boolean }, location: string): ConfigReport {
  const problems: SourceProblem[] = [];
  const { username, password, token } = options;
  const auth = username && password ? 'basic' : token ? 'bearer' : 'none';
  if (Boolean(username) !== Boolean(password)) {
    // MLflow's client also sends Basic auth only when both are set.
    problems.push({ where: location, message: 'MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD must be set together; Basic auth is not sent' });
  }
  return {
    problems,
    // Shown on /health: turning certificate checks off weakens this server's connection (and only this one's).
    details: { auth, ...(options.insecureTls ? { insecureTls: "on: the server's TLS certificate is not verified" } : {}) },
    errorHint: (error) => (!options.insecureTls && TLS_TROUBLE.test(error.message) ? ' (a private CA? add it with NODE_EXTRA_CA_CERTS, or set MLFLOW_TRACKING_INSECURE_TLS=true)' : ''),
  };
}
