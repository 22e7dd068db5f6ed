import type { Kysely, Transaction } from 'kysely';
import { experimentRecordKeys, joinRuns, lineageRecordKeys, pastableIdKeys } from '@/lib/join';
import type { IndexDatabase } from '@/lib/index/schema';
import { datasetPartners, evidencePartners, type KeySets } from '@/lib/index/neighbourhood';
import { loadExperimentRecords, loadLineageRecords, type RecordRef } from '@/lib/index/records';
import { withSharedInputs } from '@/lib/index/lineage-inputs';
import { replaceJoinedRuns, runsHoldingKeys, type JoinedRunWrite } from '@/lib/index/joined-runs';

/** A link's neighbourhood is small (a run, its partner, rivals named by conflicting evidence); this bounds a pathological one. */
const MAX_KEYS = 2_000;

function add(into: KeySets, from: KeySets): boolean {
  const before = size(into);
  for (const k of from.lineage) into.lineage.add(k);
  for (const k of from.experiment) into.experiment.add(k);
  return size(into) > before;
}

const size = (k: KeySets) => k.lineage.size + k.experiment.size;

type Db = Kysely<IndexDatabase> | Transaction<IndexDatabase>;

/** Grows `keys` to everything linked to them by evidence or by their current pairing, until nothing new is found. */
async function closeOver(db: Db, keys: KeySets): Promise<void> {
  for (let grew = true; grew && size(keys) < MAX_KEYS;) {
    grew = add(keys, await evidencePartners(db, keys));
    const paired: KeySets = { lineage: new Set(), experiment: new Set() };
    for (const r of await runsHoldingKeys(db, [...keys.lineage], [...keys.experiment])) {
      if (r.lineage_key) paired.lineage.add(r.lineage_key);
      if (r.experiment_key) paired.experiment.add(r.experiment_key);
    }
    grew = add(keys, paired) || grew;
  }
}

/**
 * The records whose pairing may change when these records changed: everything their evidence and
 * current pairings reach (a record re-joined without its partner would lose its link), and the
 * dataset-rule candidates of those, with what those reach in turn.
 */
async function affectedKeys(db: Db, changed: readonly RecordRef[]): Promise<KeySets> {
  const keys: KeySets = { lineage: new Set(), experiment: new Set() };
  for (const ref of changed) (ref.side === 'lineage' ? keys.lineage : keys.experiment).add(ref.key);
  await closeOver(db, keys);
  if (size(keys) < MAX_KEYS && add(keys, await datasetPartners(db, keys))) await closeOver(db, keys);
  return keys;
}

/**
 * The incremental join: re-joins only the records a change can affect, found by key lookups, and
 * rewrites their joined runs in one transaction. Same rules as joinRuns over everything (lib/join).
 */
export async function joinChanged(db: Db, changed: readonly RecordRef[], now = Date.now()): Promise<number> {
  if (changed.length === 0) return 0;
  const keys = await affectedKeys(db, changed);
  const lineageKeys = [...keys.lineage];
  const experimentKeys = [...keys.experiment];
  const [stored, experimentRuns] = await Promise.all([loadLineageRecords(db, lineageKeys), loadExperimentRecords(db, experimentKeys)]);
  // A record keeps its first inputs; those it left out that these experiment runs logged are read for the dataset rule.
  const lineageRuns = await withSharedInputs(db, stored, (run) => lineageRecordKeys(run).key, experimentRuns);
  const joined = joinRuns(lineageRuns, experimentRuns, now);
  const writes: JoinedRunWrite[] = joined.map((run) => {
    const lineage = run.lineage ? lineageRecordKeys(run.lineage) : null;
    const experiment = run.experiment ? experimentRecordKeys(run.experiment) : null;
    return {
      run: { ...run, parentId: null, childIds: [] },
      lineageKey: lineage?.key ?? null,
      experimentKey: experiment?.key ?? null,
      parentLineageKey: lineage?.parentKey ?? null,
      parentExperimentKey: experiment?.parentKey ?? null,
      idKeys: pastableIdKeys(run),
    };
  });
  await replaceJoinedRuns(db, lineageKeys, experimentKeys, writes);
  return writes.length;
}
