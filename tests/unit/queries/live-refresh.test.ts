import { describe, expect, it } from 'vitest';
import { anyRunningApiRun, isRunningApiRun } from '@/lib/queries/live-refresh';

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
  });
});
