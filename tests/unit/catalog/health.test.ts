import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getHealth } from '@/lib/catalog/health';

const holder = globalThis as { __runlensSources?: unknown };
const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  delete holder.__runlensSources;
});

function configure(env: Record<string, string>) {
  process.env = { ...saved, OPENLINEAGE_EVENTS: '', MLFLOW_TRACKING_URI: '', ...env };
  delete holder.__runlensSources;
}

describe('getHealth', () => {
  it('says plainly that an HTTP tracking server is not supported yet, and keeps the other source', async () => {
    configure({
      MLFLOW_TRACKING_URI: 'https://mlflow.example.com',
      OPENLINEAGE_EVENTS: path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a', 'openlineage', 'events.ndjson'),
    });
    const health = await getHealth();
    const mlflow = health.sources.find((s) => s.kind === 'experiment');
    expect(mlflow?.status).toBe('unavailable');
    expect(mlflow?.error).toContain('HTTP');
    expect(health.sources.find((s) => s.id === 'openlineage-files')?.counts.runs).toBe(5);
    expect(health.status).toBe('degraded');
  });

  it('reports an unconfigured app as such, and env problems by variable', async () => {
    configure({ MLFLOW_TRACKING_URI: 'postgresql://db/mlflow' });
    const health = await getHealth();
    expect(health.status).toBe('unconfigured');
    expect(health.envProblems).toEqual([expect.objectContaining({ variable: 'MLFLOW_TRACKING_URI' })]);
  });
});
