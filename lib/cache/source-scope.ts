import { createHash } from 'node:crypto';
import type { RunlensEnv } from '@/lib/env';
import { displayUrl } from '@/lib/http/display-url';

/**
 * A short digest of where the sources are (URLs without credentials, file paths, W&B projects): the
 * shared cache's keys carry it, so replicas configured differently never serve each other's answers.
 * Credentials stay out, so rotating a token keeps the cache.
 */
export function sourceScope(env: Pick<RunlensEnv, 'openLineageEvents' | 'marquez' | 'mlflow' | 'wandb'>): string {
  const mlflow = env.mlflow === null ? null : env.mlflow.kind === 'http' ? { http: displayUrl(env.mlflow.url) } : { [env.mlflow.kind]: env.mlflow.path };
  const where = {
    events: env.openLineageEvents,
    marquez: env.marquez === null ? null : displayUrl(env.marquez.url),
    mlflow,
    wandb: env.wandb === null ? null : { baseUrl: displayUrl(env.wandb.baseUrl), entity: env.wandb.entity, projects: env.wandb.projects },
  };
  return createHash('sha256').update(JSON.stringify(where)).digest('hex').slice(0, 12);
}
