import { afterEach, describe, expect, it } from 'vitest';
import { getSources } from '@/lib/sources';

const holder = globalThis as { __runlensSources?: unknown };
const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  delete holder.__runlensSources;
});

/** The feeds as the server builds them from these variables. */
function feedsWith(env: Record<string, string>) {
  delete holder.__runlensSources;
  process.env = { ...saved, OPENLINEAGE_EVENTS: '', MLFLOW_TRACKING_URI: '', ...env };
  return new Map(getSources().feeds.map((f) => [f.id, f.followIntervalMs]));
}

describe('how often a remote source is asked what changed', () => {
  it('Marquez: every 20 s, or RUNLENS_REFRESH_INTERVAL_MS when that is longer (as the README says)', () => {
    expect(feedsWith({ MARQUEZ_URL: 'http://127.0.0.1:9' }).get('marquez')).toBe(20_000);
    expect(feedsWith({ MARQUEZ_URL: 'http://127.0.0.1:9', RUNLENS_REFRESH_INTERVAL_MS: '60000' }).get('marquez')).toBe(60_000);
  });
});
