import { describe, expect, it } from 'vitest';
import { transactionSizer } from '@/lib/sync/transaction-size';

describe('index transactions are sized to hold the event loop at most about the budget', () => {
  it('halves the records per transaction while they take longer than the budget, down to one', () => {
    const sizer = transactionSizer({ max: 50, budgetMs: 30 });
    const sizes = [sizer.size()];
    for (const ms of [90, 60, 45, 40, 35, 31, 200]) {
      sizer.took(ms);
      sizes.push(sizer.size());
    }
    expect(sizes).toEqual([50, 25, 12, 6, 3, 1, 1, 1]);
  });

  it('doubles back to the maximum while they are quick, and keeps the size in between', () => {
    const sizer = transactionSizer({ max: 50, budgetMs: 30 });
    for (let i = 0; i < 4; i++) sizer.took(100);
    expect(sizer.size()).toBe(3);
    sizer.took(20);
    expect(sizer.size()).toBe(3);
    const sizes: number[] = [];
    for (let i = 0; i < 6; i++) {
      sizer.took(5);
      sizes.push(sizer.size());
    }
    expect(sizes).toEqual([6, 12, 24, 48, 50, 50]);
  });
});
