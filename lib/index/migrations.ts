import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { IndexDialect } from './open';
import { redactStoredRows } from './redact-stored';
import type { IndexDatabase } from './schema';

/**
 * Schema versions, in order. One definition for both dialects through Kysely's schema builder; only
 * substring search differs (SQLite FTS5 trigram table, Postgres pg_trgm index).
 */
function migrations(dialect: IndexDialect): Record<string, Migration> {
  return {
    '0001_run_index': {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('lineage_records')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('run_key', 'text', (c) => c.notNull())
          .addColumn('run_id', 'text', (c) => c.notNull())
          .addColumn('job_namespace', 'text', (c) => c.notNull())
          .addColumn('job_name', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('started_ms', 'double precision')
          .addColumn('ended_ms', 'double precision')
          .addColumn('parent_key', 'text')
          .addColumn('digest', 'text', (c) => c.notNull())
          .addColumn('pass', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('payload', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('lineage_records_pk', ['source', 'run_key'])
          .execute();
        await db.schema.createIndex('lineage_records_key').on('lineage_records').column('run_key').execute();

        await db.schema.createTable('experiment_records')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('run_key', 'text', (c) => c.notNull())
          .addColumn('run_id', 'text', (c) => c.notNull())
          .addColumn('experiment_id', 'text', (c) => c.notNull())
          .addColumn('experiment_name', 'text')
          .addColumn('run_name', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('start_ms', 'double precision')
          .addColumn('end_ms', 'double precision')
          .addColumn('parent_key', 'text')
          .addColumn('digest', 'text', (c) => c.notNull())
          .addColumn('pass', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('payload', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('experiment_records_pk', ['source', 'run_key'])
          .execute();
        await db.schema.createIndex('experiment_records_key').on('experiment_records').column('run_key').execute();
        await db.schema.createIndex('experiment_records_running').on('experiment_records').columns(['source', 'status']).execute();

        await db.schema.createTable('evidence')
          .addColumn('owner_side', 'text', (c) => c.notNull())
          .addColumn('owner_source', 'text', (c) => c.notNull())
          .addColumn('owner_key', 'text', (c) => c.notNull())
          .addColumn('rule', 'text', (c) => c.notNull())
          .addColumn('lineage_key', 'text', (c) => c.notNull())
          .addColumn('experiment_key', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('evidence_owner').on('evidence').columns(['owner_side', 'owner_source', 'owner_key']).execute();
        await db.schema.createIndex('evidence_lineage').on('evidence').column('lineage_key').execute();
        await db.schema.createIndex('evidence_experiment').on('evidence').column('experiment_key').execute();

        await db.schema.createTable('record_datasets')
          .addColumn('side', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('run_key', 'text', (c) => c.notNull())
          .addColumn('namespace', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('version', 'text')
          .addColumn('direction', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('record_datasets_owner').on('record_datasets').columns(['side', 'source', 'run_key']).execute();
        await db.schema.createIndex('record_datasets_version').on('record_datasets').columns(['namespace', 'name', 'version']).execute();

        await db.schema.createTable('runs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('lineage_source', 'text')
          .addColumn('lineage_key', 'text')
          .addColumn('experiment_source', 'text')
          .addColumn('experiment_key', 'text')
          .addColumn('job_namespace', 'text')
          .addColumn('job_name', 'text')
          .addColumn('experiment_id', 'text')
          .addColumn('experiment_name', 'text')
          .addColumn('run_name', 'text')
          .addColumn('stage', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('sort_ms', 'double precision', (c) => c.notNull())
          .addColumn('start_ms', 'double precision')
          .addColumn('end_ms', 'double precision')
          .addColumn('parent_id', 'text')
          .addColumn('parent_lineage_key', 'text')
          .addColumn('parent_experiment_key', 'text')
          .addColumn('link', 'text')
          .addColumn('notes', 'text', (c) => c.notNull())
          .addColumn('search', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('runs_newest').on('runs').columns(['sort_ms desc', 'id']).execute();
        await db.schema.createIndex('runs_lineage').on('runs').columns(['lineage_source', 'lineage_key']).execute();
        await db.schema.createIndex('runs_experiment').on('runs').columns(['experiment_source', 'experiment_key']).execute();
        await db.schema.createIndex('runs_parent').on('runs').column('parent_id').execute();
        await db.schema.createIndex('runs_parent_lineage').on('runs').column('parent_lineage_key').execute();
        await db.schema.createIndex('runs_parent_experiment').on('runs').column('parent_experiment_key').execute();
        await db.schema.createIndex('runs_status').on('runs').columns(['status', 'sort_ms desc']).execute();
        await db.schema.createIndex('runs_stage').on('runs').columns(['stage', 'sort_ms desc']).execute();
        await db.schema.createIndex('runs_experiment_name').on('runs').columns(['experiment_name', 'sort_ms desc']).execute();

        await db.schema.createTable('run_ids')
          .addColumn('id_key', 'text', (c) => c.notNull())
          .addColumn('run_id', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('run_ids_pk', ['id_key', 'run_id'])
          .execute();
        await db.schema.createIndex('run_ids_run').on('run_ids').column('run_id').execute();

        await db.schema.createTable('run_metrics')
          .addColumn('run_id', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('value', 'double precision')
          .addPrimaryKeyConstraint('run_metrics_pk', ['run_id', 'key'])
          .execute();
        await db.schema.createIndex('run_metrics_sort').on('run_metrics').columns(['key', 'value', 'run_id']).execute();

        await db.schema.createTable('run_params')
          .addColumn('run_id', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('value', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('run_params_pk', ['run_id', 'key'])
          .execute();
        await db.schema.createIndex('run_params_sort').on('run_params').columns(['key', 'value', 'run_id']).execute();

        await db.schema.createTable('sync_state')
          .addColumn('source', 'text', (c) => c.primaryKey())
          .addColumn('cursor', 'text')
          .addColumn('phase', 'text', (c) => c.notNull())
          .addColumn('indexed', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('estimated_total', 'integer')
          .addColumn('last_error', 'text')
          .addColumn('updated_ms', 'double precision', (c) => c.notNull())
          .addColumn('lease_owner', 'text')
          .addColumn('lease_until_ms', 'double precision', (c) => c.notNull().defaultTo(0))
          .execute();

        await db.schema.createTable('received_events')
          .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('received_ms', 'double precision', (c) => c.notNull())
          .addColumn('run_id', 'text')
          .addColumn('body', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('received_events_run').on('received_events').column('run_id').execute();

        await createSearchIndex(db, dialect);
      },
    },
    '0002_lineage_entities': {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('lineage_jobs')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('job_key', 'text', (c) => c.notNull())
          .addColumn('namespace', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('latest_state', 'text')
          .addColumn('updated_ms', 'double precision')
          .addColumn('digest', 'text', (c) => c.notNull())
          .addColumn('pass', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('payload', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('lineage_jobs_pk', ['source', 'job_key'])
          .execute();
        await db.schema.createIndex('lineage_jobs_key').on('lineage_jobs').column('job_key').execute();
        await db.schema.createIndex('lineage_jobs_newest').on('lineage_jobs').columns(['updated_ms desc', 'job_key']).execute();

        await db.schema.createTable('lineage_edges')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('job_key', 'text', (c) => c.notNull())
          .addColumn('dataset_key', 'text', (c) => c.notNull())
          .addColumn('dataset_namespace', 'text', (c) => c.notNull())
          .addColumn('dataset_name', 'text', (c) => c.notNull())
          .addColumn('direction', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('lineage_edges_pk', ['source', 'job_key', 'dataset_key', 'direction'])
          .execute();
        await db.schema.createIndex('lineage_edges_job').on('lineage_edges').columns(['source', 'job_key']).execute();
        await db.schema.createIndex('lineage_edges_dataset').on('lineage_edges').column('dataset_key').execute();

        await db.schema.createTable('lineage_datasets')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('dataset_key', 'text', (c) => c.notNull())
          .addColumn('namespace', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('updated_ms', 'double precision')
          .addColumn('digest', 'text', (c) => c.notNull())
          .addColumn('pass', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('payload', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('lineage_datasets_pk', ['source', 'dataset_key'])
          .execute();
        await db.schema.createIndex('lineage_datasets_key').on('lineage_datasets').column('dataset_key').execute();

        await db.schema.createTable('dataset_aliases')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('alias_key', 'text', (c) => c.notNull())
          .addColumn('dataset_key', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('dataset_aliases_alias').on('dataset_aliases').column('alias_key').execute();
        await db.schema.createIndex('dataset_aliases_owner').on('dataset_aliases').columns(['source', 'dataset_key']).execute();

        await db.schema.createTable('dataset_versions')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('dataset_key', 'text', (c) => c.notNull())
          .addColumn('version_id', 'text', (c) => c.notNull())
          .addColumn('version', 'text')
          .addColumn('created_by_run_id', 'text')
          .addColumn('created_ms', 'double precision')
          .addColumn('digest', 'text', (c) => c.notNull())
          .addColumn('pass', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('payload', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('dataset_versions_pk', ['source', 'dataset_key', 'version_id'])
          .execute();
        await db.schema.createIndex('dataset_versions_newest').on('dataset_versions').columns(['dataset_key', 'created_ms desc']).execute();
        await db.schema.createIndex('dataset_versions_writer').on('dataset_versions').column('created_by_run_id').execute();
        await db.schema.createIndex('runs_job').on('runs').columns(['job_namespace', 'job_name', 'sort_ms desc']).execute();
      },
    },
    // The runs list nests stages under their pipeline execution: a parent's newest (or oldest) stages by index.
    '0003_run_groups': {
      async up(db: Kysely<unknown>) {
        await db.schema.createIndex('runs_parent_newest').on('runs').columns(['parent_id', 'sort_ms desc', 'id']).execute();
      },
    },
    '0004_lineage_event_feeds': {
      // Events of every lineage source (the receiver, local files, Marquez) share one store, per source.
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('received_events').addColumn('source', 'text', (c) => c.notNull().defaultTo('openlineage-receiver')).execute();
        await db.schema.alterTable('received_events').addColumn('event_time_ms', 'double precision').execute();
        await db.schema.alterTable('received_events').addColumn('digest', 'text').execute();
        await db.schema.createIndex('received_events_source_run').on('received_events').columns(['source', 'run_id', 'seq']).execute();
        await db.schema.createIndex('received_events_source_seq').on('received_events').columns(['source', 'seq']).execute();
        await db.schema.createIndex('received_events_source_digest').on('received_events').columns(['source', 'digest']).execute();
      },
    },
    // The end of a pass removes what it did not carry: found by range on (source, pass), not by reading every row.
    '0005_pass_indexes': {
      async up(db: Kysely<unknown>) {
        for (const table of ['lineage_records', 'experiment_records', 'lineage_jobs', 'lineage_datasets', 'dataset_versions']) {
          await db.schema.createIndex(`${table}_pass`).on(table).columns(['source', 'pass']).execute();
        }
      },
    },
    // The syncer's lookups by record key: without these, each of a transaction's runs-by-key and dataset-partner
    // look-ups read the whole runs / record_datasets table, so every write grew slower with the history.
    '0006_live_sync_lookups': {
      async up(db: Kysely<unknown>) {
        await db.schema.createIndex('runs_lineage_key').on('runs').column('lineage_key').execute();
        await db.schema.createIndex('runs_experiment_key').on('runs').column('experiment_key').execute();
        await db.schema.createIndex('record_datasets_run').on('record_datasets').columns(['run_key', 'side']).execute();
        await db.schema.createIndex('record_datasets_direction').on('record_datasets').columns(['namespace', 'name', 'direction', 'version']).execute();
      },
    },
    // The list sorted by name (run-page.ts byName) walks this index: a page costs the same at any size.
    '0007_name_sort_index': {
      async up(db: Kysely<unknown>) {
        await db.schema.createIndex('runs_name_sort').on('runs').expression(sql`coalesce(run_name, job_name, id), id`).execute();
      },
    },
    // Indexes written before facets, params and tags were redacted as parsed keep job SQL, dataSource URLs and
    // secret params as they came: redacted in place once, so an old index is safe without a re-sync.
    '0008_redact_stored_rows': {
      async up(db: Kysely<unknown>) {
        await redactStoredRows(db as Kysely<IndexDatabase>);
      },
    },
    // A dataset's writers (newest first) and readers (by start) were sorted after reading every one of them: the
    // lineage run's times are copied beside each dataset row and indexed, so LIMIT stops after the rows it needs.
    '0009_record_dataset_times': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('record_datasets').addColumn('started_ms', 'double precision').execute();
        await db.schema.alterTable('record_datasets').addColumn('time_ms', 'double precision').execute();
        await sql`UPDATE record_datasets SET
          started_ms = (SELECT r.started_ms FROM lineage_records r WHERE r.source = record_datasets.source AND r.run_key = record_datasets.run_key),
          time_ms = (SELECT coalesce(r.ended_ms, r.started_ms) FROM lineage_records r WHERE r.source = record_datasets.source AND r.run_key = record_datasets.run_key)
          WHERE side = 'lineage'`.execute(db);
        await db.schema.createIndex('record_datasets_writes').on('record_datasets').columns(['side', 'source', 'direction', 'namespace', 'name', 'time_ms']).execute();
        await db.schema.createIndex('record_datasets_reads').on('record_datasets').columns(['side', 'source', 'direction', 'namespace', 'name', 'started_ms']).execute();
      },
    },
    // Backfill progress told by time ("42,000 runs so far, back to 12 Mar 2026") rather than by a made-up total.
    '0010_backfill_reached_back_to': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('sync_state').addColumn('reached_back_to_ms', 'double precision').execute();
      },
    },
    // A lineage record keeps its first inputs (payload.ts STORED_INPUTS); the rest are read from these rows, in the
    // run's order, with the producer found when it was written. Rows written before have none: their payload is whole.
    '0011_bound_record_dataset_positions': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('record_datasets').addColumn('position', 'integer').execute();
        await db.schema.alterTable('record_datasets').addColumn('produced_by_run_id', 'text').execute();
        await db.schema.createIndex('record_datasets_position').on('record_datasets').columns(['run_key', 'side', 'position']).execute();
        // Its first columns are record_datasets_run's: one index fewer to write per row (a 100,000-input run writes 100,000).
        await db.schema.dropIndex('record_datasets_run').execute();
      },
    },
    // Replicas share one copy of MLflow's experiments and registry instead of each reading them (shared-reads.ts).
    '0012_shared_upstream_reads': {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('shared_reads')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('body', 'text')
          .addColumn('read_ms', 'double precision', (c) => c.notNull().defaultTo(0))
          .addColumn('claim_owner', 'text')
          .addColumn('claim_until_ms', 'double precision', (c) => c.notNull().defaultTo(0))
          .execute();
      },
    },
    // A long raw event is stored gzipped (event-body-codec.ts): writing a 13.6 MB body as text held the loop 107 ms.
    '0013_compressed_event_bodies': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('received_events').addColumn('body_gzip', dialect === 'postgres' ? 'bytea' : 'blob').execute();
      },
    },
  };
}

/** Substring search over `runs.search` in SQLite: an FTS5 trigram table kept in step by triggers. */
async function createSearchIndex(db: Kysely<unknown>, dialect: IndexDialect): Promise<void> {
  if (dialect !== 'sqlite') return; // Postgres: ensureTrigramIndex() after migrating (it may lack the extension).
  await sql`CREATE VIRTUAL TABLE runs_search USING fts5(search, content='runs', content_rowid='rowid', tokenize='trigram')`.execute(db);
  await sql`CREATE TRIGGER runs_search_insert AFTER INSERT ON runs BEGIN
    INSERT INTO runs_search(rowid, search) VALUES (new.rowid, new.search); END`.execute(db);
  await sql`CREATE TRIGGER runs_search_delete AFTER DELETE ON runs BEGIN
    INSERT INTO runs_search(runs_search, rowid, search) VALUES ('delete', old.rowid, old.search); END`.execute(db);
  await sql`CREATE TRIGGER runs_search_update AFTER UPDATE OF search ON runs BEGIN
    INSERT INTO runs_search(runs_search, rowid, search) VALUES ('delete', old.rowid, old.search);
    INSERT INTO runs_search(rowid, search) VALUES (new.rowid, new.search); END`.execute(db);
}

/**
 * Postgres: a pg_trgm index makes `search LIKE '%…%'` fast. pg_trgm is a trusted extension (a database
 * owner may create it); where it is refused, search still works, unindexed, and this says why.
 */
export async function ensureTrigramIndex(db: Kysely<unknown>): Promise<string | null> {
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`CREATE INDEX IF NOT EXISTS runs_search_trgm ON runs USING gin (search gin_trgm_ops)`.execute(db);
    return null;
  } catch (error) {
    return `search is not indexed (pg_trgm: ${error instanceof Error ? error.message : String(error)})`;
  }
}

export function migrationProvider(dialect: IndexDialect): MigrationProvider {
  return { getMigrations: () => Promise.resolve(migrations(dialect)) };
}
