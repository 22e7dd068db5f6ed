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

/** Keys of records that logged one of the versioned datasets these records logged: candidates of the dataset rule. */
export async function datasetPartners(db: Db, keys: KeySets, limit = 2_000): Promise<KeySets> {
  const found: KeySets = { lineage: new Set(), experiment: new Set() };
  for (const side of ['lineage', 'experiment'] as const) {
    const mine = [...keys[side]];
    if (mine.length === 0) continue;
    const rows = await db.selectFrom('record_datasets as mine')
      .innerJoin('record_datasets as other', (join) => join
        .onRef('other.namespace', '=', 'mine.namespace').onRef('other.name', '=', 'mine.name').onRef('other.version', '=', 'mine.version'))
      .select('other.run_key')
      .where('mine.side', '=', side).where('mine.run_key', 'in', mine).where('mine.version', 'is not', null)
      .where('other.side', '!=', side)
      .limit(limit)
      .execute();
    const into = side === 'lineage' ? found.experiment : found.lineage;
    for (const r of rows) into.add(r.run_key);
  }
  return found;
}
