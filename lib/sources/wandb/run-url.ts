import 'server-only';
import { displayUrl } from '@/lib/http/display-url';

/** The W&B web app that belongs to an API base: the cloud API api.wandb.ai is served by wandb.ai; a self-hosted server serves both. */
export function wandbAppUrl(baseUrl: string): string {
  const shown = displayUrl(baseUrl);
  try {
    const url = new URL(shown);
    if (url.hostname === 'api.wandb.ai') url.hostname = 'wandb.ai';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return shown;
  }
}

/** The run's page in the W&B app, for the run page's "open in W&B" link. */
export function wandbRunUrl(baseUrl: string, entity: string, project: string, runId: string): string {
  return `${wandbAppUrl(baseUrl)}/${[entity, project, 'runs', runId].map(encodeURIComponent).join('/')}`;
}
