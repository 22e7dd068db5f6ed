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

/** What the configuration asks for that Runlens does not do, said once instead of failing mysteriously. */
export function configProblems(options: MlflowCredentials & { insecureTls?: boolean }, location: string): ConfigReport {
  const problems: SourceProblem[] = [];
  const { username, password, token } = options;
  const auth = username && password ? 'basic' : token ? 'bearer' : 'none';
  if (Boolean(username) !== Boolean(password)) {
    // MLflow's client also sends Basic auth only when both are set.
    problems.push({ where: location, message: 'MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD must be set together; Basic auth is not sent' });
  }
  if (options.insecureTls) {
    // Node's fetch has no per-request switch, and turning verification off process-wide would cover every upstream.
    problems.push({
      where: location,
      message: 'MLFLOW_TRACKING_INSECURE_TLS is not supported yet: TLS certificates are still verified. Use a certificate Node trusts (NODE_EXTRA_CA_CERTS) instead.',
    });
  }
  return {
    problems,
    details: { auth, ...(options.insecureTls ? { insecureTls: 'requested, not supported yet' } : {}) },
    errorHint: (error) => (options.insecureTls && TLS_TROUBLE.test(error.message) ? ' (MLFLOW_TRACKING_INSECURE_TLS is not supported yet; add the CA with NODE_EXTRA_CA_CERTS)' : ''),
  };
}
