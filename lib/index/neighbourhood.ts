import type { Kysely, Transaction } from 'kysely';
import type { IndexDatabase } from './schema';

type Db = Kysely<IndexDatabase> | Transaction<IndexDatabase>;

export interface KeySets {
  lineage: Set<string>;
  experiment: Set<string>;
}

/** Keys any stored evidence pairs with these keys (the partners a record names, or that name it). */
export async function evidencePartners(db: Db, keys: KeySets): Promise<KeySets> {
  const found: KeySets = { lineage: new Set(), experiment: new Set() };
  const lineage = [...keys.lineage];
  const experiment = [...keys.experiment];
  if (lineage.length === 0 && experiment.length === 0) return found;
  const rows = await db.selectFrom('evidence').select(['lineage_key', 'experiment_key'])
    .where((eb) => eb.or([
      ...(lineage.length > 0 ? [eb('lineage_key', 'in', lineage)] : []),
      ...(experiment.length > 0 ? [eb('experiment_key', 'in', experiment)] : []),
    ]))
    .limit(2_000)
    .execute();
  for (const r of rows) {
    found.lineage.add(r.lineage_key);
    found.experiment.add(r.experiment_key);
  }
  return found;
}

/**
 * A record's datasets compared per statement: a run reading 100,000 versioned datasets made one statement of
 * 100,000 look-ups (~400 ms of the event loop); its rows are compared a range of positions at a time instead.
 */
const ROWS_PER_STATEMENT = 5_000;

/** Keys of records that logged one of the versioned datasets these records logged: candidates of the dataset rule. */
export async function datasetPartners(db: Db, keys: KeySets, limit = 2_000): Promise<KeySets> {
  const found: KeySets = { lineage: new Set(), experiment: new Set() };
  for (const side of ['lineage', 'experiment'] as const) {
    const mine = [...keys[side]];
    if (mine.length === 0) continue;
    const into = side === 'lineage' ? found.experiment : found.lineage;
    const partners = (runKeys: readonly string[], positions: [number, number] | null) => db.selectFrom('record_datasets as mine')
      .innerJoin('record_datasets as other', (join) => join
        .onRef('other.namespace', '=', 'mine.namespace').onRef('other.name', '=', 'mine.name').onRef('other.version', '=', 'mine.version'))
      .select('other.run_key')
      .where('mine.side', '=', side).where('mine.run_key', 'in', [...runKeys]).where('mine.version', 'is not', null)
      .$if(positions !== null, (q) => q.where('mine.position', '>=', positions![0]).where('mine.position', '<', positions![1]))
      .where('other.side', '!=', side)
      .limit(limit - into.size)
      .execute();
    // Records with many rows (positioned: lineage records written since positions were kept) go a range at a time.
    const sizes = side === 'lineage'
      ? await db.selectFrom('record_datasets').select(['run_key', (eb) => eb.fn.max('position').as('last')])
        .where('side', '=', side).where('run_key', 'in', mine).groupBy('run_key').execute()
      : [];
    const long = new Map(sizes.filter((s) => s.last !== null && Number(s.last) >= ROWS_PER_STATEMENT).map((s) => [s.run_key, Number(s.last)]));
    const short = mine.filter((k) => !long.has(k));
    if (short.length > 0) for (const r of await partners(short, null)) into.add(r.run_key);
    for (const [key, last] of long) {
      for (let from = 0; from <= last && into.size < limit; from += ROWS_PER_STATEMENT) {
        for (const r of await partners([key], [from, from + ROWS_PER_STATEMENT])) into.add(r.run_key);
      }
    }
  }
  return found;
}
