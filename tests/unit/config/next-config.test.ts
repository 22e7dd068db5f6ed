import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// First page after a restart: Next would load every route's modules at start (4-5 s on a busy 2-core machine
// before /api/live answered); routes load when first asked instead.
describe('next.config.js', () => {
  it('does not preload every route at start', () => {
    const config = createRequire(import.meta.url)('../../../next.config.js') as { experimental?: { preloadEntriesOnStart?: boolean } };
    expect(config.experimental?.preloadEntriesOnStart).toBe(false);
  });
});
