import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { NAME_SORT } from '@/lib/index/run-page';
import { withFreshIndexes } from './fresh-index';

const freshIndex = withFreshIndexes();

describe('the runs list sorted by name', () => {
  it('walks the runs_name_sort index in SQLite: no scan of every run and no sort of them', async () => {
    const index = await freshIndex('sqlite');
    const plan = await sql<{ detail: string }>`explain query plan select r.id from runs r order by ${NAME_SORT} asc, r.id asc limit 51`.execute(index.db);
    const details = plan.rows.map((r) => r.detail).join('\n');
    expect(details).toMatch(/USING (COVERING )?INDEX runs_name_sort/);
    expect(details).not.toContain('TEMP B-TREE');
  });

  it('has the same index in Postgres', async () => {
    const index = await freshIndex('postgres');
    const { rows } = await sql<{ indexdef: string }>`select indexdef from pg_indexes where indexname = 'runs_name_sort'`.execute(index.db);
    expect(rows[0]?.indexdef).toMatch(/COALESCE\(run_name, job_name, id\), id/);
  });
});
