import { describe, expect, it } from 'vitest';
import { LIVE_REFRESH_MS, anyRunningApiRun, isRunningApiRun, livePollQuery } from '@/lib/queries/live-refresh';

describe('isRunningApiRun', () => {
  it('reads the lineage state when there is a lineage side, else the MLflow status (the run page rule)', () => {
    expect(isRunningApiRun({ lineage: { state: 'RUNNING' }, experiment: { status: 'FINISHED' } })).toBe(true);
    expect(isRunningApiRun({ lineage: { state: 'COMPLETED' }, experiment: { status: 'RUNNING' } })).toBe(false);
    expect(isRunningApiRun({ lineage: null, experiment: { status: 'RUNNING' } })).toBe(true);
    expect(isRunningApiRun({ lineage: null, experiment: { status: 'KILLED' } })).toBe(false);
    expect(isRunningApiRun({ error: 'No run' })).toBe(false);
  });

  it('a list is live while any run on it is running', () => {
    expect(anyRunningApiRun({ runs: [{ lineage: { state: 'FAILED' } }, { experiment: { status: 'RUNNING' } }] })).toBe(true);
    expect(anyRunningApiRun({ runs: [{ lineage: { state: 'FAILED' } }] })).toBe(false);
    // Grouped lists (group=stages) nest stages under their parent: a running stage keeps the list live.
    expect(anyRunningApiRun({ runs: [{ lineage: { state: 'COMPLETED' } }], stages: [{ runs: [{ lineage: { state: 'RUNNING' } }] }] })).toBe(true);
    expect(anyRunningApiRun({ runs: [{ lineage: { state: 'COMPLETED' } }], stages: [{ runs: [{ lineage: { state: 'FAILED' } }] }] })).toBe(false);
  });
});

describe('livePollQuery', () => {
  const interval = (live: boolean) => {
    const { refetchInterval } = livePollQuery('/api/runs/x', live);
    return typeof refetchInterval === 'function' ? (refetchInterval as () => unknown)() : refetchInterval;
  };

  it('polls until the page itself is rendered finished, so a lost refresh is retried', () => {
    expect(interval(true)).toBe(LIVE_REFRESH_MS);
  });

  it('never polls a page rendered finished', () => {
    expect(interval(false)).toBe(false);
    const { enabled } = livePollQuery('/api/runs/x', false);
    expect(typeof enabled === 'function' ? (enabled as () => boolean)() : enabled).toBe(false);
  });
});
