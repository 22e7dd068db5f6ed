import { describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';

const cwd = '/srv/runlens';

describe('readEnv — W&B', () => {
  it('is off when no WANDB_* variable is set', () => {
    expect(readEnv({}, cwd).wandb).toBeNull();
  });

  it('reads key, entity and comma-separated projects; the base defaults to the W&B cloud API', () => {
    const env = readEnv({ WANDB_API_KEY: 'k', WANDB_ENTITY: 'groot-team', WANDB_PROJECT: ' groot-data-etl, groot-eval ,groot-eval' }, cwd);
    expect(env.wandb).toEqual({ baseUrl: 'https://api.wandb.ai', apiKey: 'k', entity: 'groot-team', projects: ['groot-data-etl', 'groot-eval'] });
    expect(env.problems).toEqual([]);
  });

  it('takes a self-hosted base without its trailing slash', () => {
    expect(readEnv({ WANDB_API_KEY: 'k', WANDB_ENTITY: 'e', WANDB_PROJECT: 'p', WANDB_BASE_URL: 'https://wandb.corp.example/' }, cwd).wandb?.baseUrl).toBe('https://wandb.corp.example');
  });

  it('names each missing or malformed variable and builds no source', () => {
    const env = readEnv({ WANDB_PROJECT: 'p/q', WANDB_BASE_URL: 'wandb.corp' }, cwd);
    expect(env.wandb).toBeNull();
    expect(env.problems.map((p) => p.variable)).toEqual(['WANDB_BASE_URL', 'WANDB_API_KEY', 'WANDB_ENTITY', 'WANDB_PROJECT']);
    expect(env.problems.find((p) => p.variable === 'WANDB_API_KEY')?.message).toMatch(/^is not set/);
    expect(env.problems.find((p) => p.variable === 'WANDB_PROJECT')?.message).toBe('"p/q" is not a W&B project name (letters, digits, \'-\', \'_\', \'.\')');
  });
});
