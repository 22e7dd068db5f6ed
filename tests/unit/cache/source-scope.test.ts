import { describe, expect, it } from 'vitest';
import { sourceScope } from '@/lib/cache/source-scope';

const base: Parameters<typeof sourceScope>[0] = {
  openLineageEvents: [],
  marquez: { url: 'http://marquez:5000', apiKey: null, timeoutMs: 10_000 },
  mlflow: { kind: 'http', url: 'http://mlflow:5000' },
  wandb: null,
};

describe('sourceScope (the shared cache key prefix)', () => {
  it('is the same for replicas configured alike, and differs when a source is elsewhere', () => {
    expect(sourceScope(base)).toBe(sourceScope({ ...base }));
    expect(sourceScope(base)).toMatch(/^[0-9a-f]{12}$/);
    expect(sourceScope({ ...base, marquez: { url: 'http://marquez-staging:5000', apiKey: null, timeoutMs: 10_000 } })).not.toBe(sourceScope(base));
    expect(sourceScope({ ...base, mlflow: { kind: 'sqlite', path: '/data/mlflow.db' } })).not.toBe(sourceScope(base));
    expect(sourceScope({ ...base, openLineageEvents: ['/data/events'] })).not.toBe(sourceScope(base));
    const wandb = { baseUrl: 'https://api.wandb.ai', apiKey: 'k', entity: 'groot', projects: ['groot/etl'] };
    expect(sourceScope({ ...base, wandb })).not.toBe(sourceScope({ ...base, wandb: { ...wandb, projects: ['groot/other'] } }));
  });

  it('ignores credentials, so a rotated key keeps the cache', () => {
    expect(sourceScope({ ...base, marquez: { url: 'http://marquez:5000', apiKey: 'secret', timeoutMs: 10_000 } })).toBe(sourceScope(base));
    expect(sourceScope({ ...base, mlflow: { kind: 'http', url: 'http://ada:pw@mlflow:5000' } })).toBe(sourceScope(base));
  });
});
