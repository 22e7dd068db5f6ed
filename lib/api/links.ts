/** The permalink of a run page; W&B ids (entity/project/runId) keep their slashes as path segments. */
export function runHref(id: string): string {
  return `/runs/${id.split('/').map(encodeURIComponent).join('/')}`;
}
