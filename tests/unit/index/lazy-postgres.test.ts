import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { openIndex } from '@/lib/index/open';

// Start-up cost: a SQLite index never loads the Postgres driver (pg and its type parsers).
describe('opening a SQLite index', () => {
  it('loads no Postgres driver', async () => {
    const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((file) => /node_modules\/pg(-[a-z-]+)?\//.test(file));
    expect(loaded()).toEqual([]);
    const index = await openIndex({ kind: 'sqlite', file: ':memory:' });
    await index.close();
    expect(loaded()).toEqual([]);
  });
});
