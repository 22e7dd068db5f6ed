import net from 'node:net';
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
  it('names an unreachable MLflow server as unavailable, and keeps the other source', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    configure({
      MLFLOW_TRACKING_URI: `http://127.0.0.1:${port}`,
      OPENLINEAGE_EVENTS: path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a', 'openlineage', 'events.ndjson'),
    });
    const health = await getHealth();
    const mlflow = health.sources.find((s) => s.kind === 'experiment');
    expect(mlflow?.status).toBe('unavailable');
    expect(mlflow?.id).toBe('mlflow');
    expect(mlflow?.error).toBeTruthy();
    // The files answer from their feed's state (nothing parsed for /health; no feed has run in this test).
    expect(health.sources.find((s) => s.id === 'openlineage-files')).toMatchObject({ status: 'ok', error: null, details: { eventFeed: 'not read by this process yet' } });
    expect(health.status).toBe('degraded');
    // The breaker of its upstream, on its card and in the list.
    expect(mlflow?.details.circuitBreaker).toMatch(/^closed; 1 failed call in a row; failing since \d{4}-/);
    expect(health.breakers).toEqual([expect.objectContaining({ source: 'MLflow', state: 'closed', consecutiveFailures: 1, lastError: expect.stringMatching(/connection refused/) })]);
  });

  it('reports an unconfigured app as such, and env problems by variable', async () => {
    configure({ MLFLOW_TRACKING_URI: 'postgresql://db/mlflow' });
    const health = await getHealth();
    expect(health.status).toBe('unconfigured');
    expect(health.envProblems).toEqual([expect.objectContaining({ variable: 'MLFLOW_TRACKING_URI' })]);
  });
});
