import 'server-only';
import { z } from 'zod';

/**
 * The reconciliation sweep's allowance of upstream bytes (RUNLENS_SWEEP_KB_PER_MINUTE): bytes accrue with time,
 * at most `burstMinutes` worth, and each re-read spends what its answer measured. A page is sized from the
 * bytes a run has cost so far, so a server whose runs are 3.6 KB gets fewer per page than one whose are 1.2 KB.
 */
export const sweepBudgetSchema = z.object({
  /** Bytes the sweep may still spend (negative after a page that cost more than foreseen: the next waits). */
  bytes: z.number(),
  /** When `bytes` was last topped up (epoch ms of the feed's clock). */
  at: z.number(),
  /** Measured bytes per run (a moving average of every page read); null before the first. */
  bytesPerRun: z.number().nullable(),
});
export type SweepBudget = z.infer<typeof sweepBudgetSchema>;

/** Before any page was measured: a real MLflow 2.12 run with its params, tags and latest metrics (3.6 KB). */
const ASSUMED_BYTES_PER_RUN = 4_000;
/** How many minutes of allowance may pile up (after an idle spell, a restart, a failed ask). */
const BURST_MINUTES = 3;

export const freshSweepBudget = (now: number): SweepBudget => ({ bytes: 0, at: now, bytesPerRun: null });

/** The allowance topped up for the time since it was last. */
export function accrue(budget: SweepBudget, bytesPerMinute: number, now: number): SweepBudget {
  const earned = (Math.max(0, now - budget.at) / 60_000) * bytesPerMinute;
  return { ...budget, bytes: Math.min(budget.bytes + earned, bytesPerMinute * BURST_MINUTES), at: now };
}

/** Runs one page may hold within the allowance (0: not yet), at most `max`. */
export function affordableRuns(budget: SweepBudget, max: number): number {
  const perRun = budget.bytesPerRun ?? ASSUMED_BYTES_PER_RUN;
  return Math.max(0, Math.min(max, Math.floor(budget.bytes / perRun)));
}

/** Learns the size of a run from a page (backfill, polls and sweeps alike): bytes of the answer over its runs. */
export function measured(budget: SweepBudget, bytes: number, runs: number): SweepBudget {
  if (runs <= 0) return budget;
  const perRun = bytes / runs;
  return { ...budget, bytesPerRun: budget.bytesPerRun === null ? perRun : budget.bytesPerRun * 0.7 + perRun * 0.3 };
}

/** The allowance after a re-read that cost `bytes`. */
export const spent = (budget: SweepBudget, bytes: number): SweepBudget => ({ ...budget, bytes: budget.bytes - bytes });
