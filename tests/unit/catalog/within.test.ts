import { afterEach, describe, expect, it, vi } from 'vitest';
import { within } from '@/lib/catalog/within';

afterEach(() => {
  vi.useRealTimers();
});

describe('within', () => {
  it("answers with the promise's value when it comes in time", async () => {
    expect(await within(Promise.resolve(7), 1_000, () => 0)).toBe(7);
  });

  it('stops waiting for a promise that never settles: the late answer, or its rejection, once the time has passed', async () => {
    vi.useFakeTimers();
    const never = new Promise<number>(() => {});
    const late = within(never, 15_000, () => -1);
    const failing = expect(within(never, 15_000, () => Promise.reject(new Error('mlflow did not answer within 15 s')))).rejects.toThrow('mlflow did not answer within 15 s');
    const settled = vi.fn();
    void late.then(settled);
    await vi.advanceTimersByTimeAsync(14_999);
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(await late).toBe(-1);
    await failing;
  });

  it('waits as long as it takes without a deadline', async () => {
    vi.useFakeTimers();
    let resolve!: (n: number) => void;
    const slow = within(new Promise<number>((r) => (resolve = r)), undefined, () => -1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    resolve(3);
    expect(await slow).toBe(3);
  });
});
