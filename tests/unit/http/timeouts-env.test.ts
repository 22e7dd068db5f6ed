import { describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';

describe('per-source deadlines from the environment', () => {
  it('defaults to 10 s for MLflow and W&B', () => {
    const env = readEnv({}, '/srv');
    expect([env.mlflowTimeoutMs, env.wandbTimeoutMs]).toEqual([10_000, 10_000]);
  });

  it('reads MLFLOW_TIMEOUT_MS and WANDB_TIMEOUT_MS', () => {
    const env = readEnv({ MLFLOW_TIMEOUT_MS: '2500', WANDB_TIMEOUT_MS: ' 30000 ' }, '/srv');
    expect([env.mlflowTimeoutMs, env.wandbTimeoutMs]).toEqual([2500, 30_000]);
    expect(env.problems).toEqual([]);
  });

  it('keeps the default and names the variable when a value is unusable', () => {
    const env = readEnv({ MLFLOW_TIMEOUT_MS: 'soon', WANDB_TIMEOUT_MS: '50', MARQUEZ_URL: 'http://m:5000', MARQUEZ_TIMEOUT_MS: '999999' }, '/srv');
    expect([env.mlflowTimeoutMs, env.wandbTimeoutMs, env.marquez?.timeoutMs]).toEqual([10_000, 10_000, 5000]);
    expect(env.problems).toEqual([
      { variable: 'MARQUEZ_TIMEOUT_MS', message: '"999999" is not a whole number of milliseconds between 100 and 120000' },
      { variable: 'MLFLOW_TIMEOUT_MS', message: '"soon" is not a whole number of milliseconds between 100 and 120000' },
      { variable: 'WANDB_TIMEOUT_MS', message: '"50" is not a whole number of milliseconds between 100 and 120000' },
    ]);
  });
});
