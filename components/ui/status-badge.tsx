const tone: Record<string, string> = {
  RUNNING: 'badge-running',
  COMPLETED: 'badge-ok',
  FINISHED: 'badge-ok',
  FAILED: 'badge-failed',
  ABORTED: 'badge-muted',
  KILLED: 'badge-muted',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${tone[status] ?? 'badge-muted'}`}>{status}</span>;
}
