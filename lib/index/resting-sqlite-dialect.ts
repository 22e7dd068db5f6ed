import { SqliteDialect, type DatabaseConnection, type Driver, type QueryResult, type CompiledQuery } from 'kysely';

/** Queries run back to back for this long (ms) without the event loop turning, then the next one waits for a rest. */
export const HOLD_BUDGET_MS = 40;

type Rest = (heldMs: number) => Promise<void>;
let rest: Rest | null = null;

/**
 * A transaction whose statements took this long (ms) commits on a fresh turn of the loop: its COMMIT alone takes tens
 * of ms (SQLite writes and re-checksums the WAL frames of a 100,000-row run: 50–65 ms), too long to follow other work.
 */
export const BIG_TRANSACTION_MS = 100;

/** How often the loop marks that it turned while queries may rest: a query after a long stretch of other work sees it. */
const TURN_MARK_MS = 10;
let lastTurn = performance.now();
let turnMarker: NodeJS.Timeout | null = null;

/**
 * How queries rest once the loop has been held past the budget (lib/sync sets lib/sources' restAfter at start-up;
 * lib/index imports only lib/model). Until set, queries never rest.
 */
export function restQueriesWith(how: Rest | null): void {
  rest = how;
  if (turnMarker !== null) clearInterval(turnMarker);
  turnMarker = how === null ? null : setInterval(() => (lastTurn = performance.now()), TURN_MARK_MS).unref();
  lastTurn = performance.now();
}

/**
 * How long the event loop has been held since it last turned: the turn marker's last tick (so work before the first
 * query counts, a 500 ms parse then queries is one stretch), or the setImmediate queued by the last query, if later.
 */
function loopHoldClock(): () => number {
  let immediateQueued = false;
  return () => {
    const now = performance.now();
    if (!immediateQueued) {
      immediateQueued = true;
      setImmediate(() => {
        immediateQueued = false;
        lastTurn = Math.max(lastTurn, performance.now());
      });
    }
    return now - lastTurn;
  };
}

/** A connection whose queries first rest when the loop has been held past the budget (SQLite answers synchronously). */
function restingConnection(inner: DatabaseConnection, heldFor: () => number, budgetMs: number): DatabaseConnection {
  const restIfHeld = async (always = false) => {
    if (rest === null) return;
    const held = heldFor();
    if (always || held >= budgetMs) await rest(held);
  };
  // Time the statements of the open transaction took (Kysely's SQLite driver sends `begin` and `commit` as they are).
  let transactionMs = 0;
  return {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      await restIfHeld(query.sql === 'commit' && transactionMs >= BIG_TRANSACTION_MS);
      if (query.sql === 'begin') transactionMs = 0;
      const started = performance.now();
      try {
        return await inner.executeQuery<R>(query);
      } finally {
        transactionMs += performance.now() - started;
      }
    },
    async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
      await restIfHeld();
      yield* inner.streamQuery<R>(query, chunkSize);
    },
  };
}

/**
 * Kysely's SQLite dialect, with rests between queries: a long run of queries (one huge lineage run's thousands of
 * dataset rows, inside one transaction) gives the event loop back every HOLD_BUDGET_MS, so /api/live and timers
 * run meanwhile. Other index users still wait for the transaction to end (one connection, Kysely's mutex).
 */
export class RestingSqliteDialect extends SqliteDialect {
  readonly #budgetMs: number;

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0], budgetMs = HOLD_BUDGET_MS) {
    super(config);
    this.#budgetMs = budgetMs;
  }

  override createDriver(): Driver {
    const inner = super.createDriver();
    const heldFor = loopHoldClock();
    const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
    const wrap = (connection: DatabaseConnection) => {
      let resting = wrapped.get(connection);
      if (!resting) wrapped.set(connection, (resting = restingConnection(connection, heldFor, this.#budgetMs)));
      return resting;
    };
    return {
      init: () => inner.init(),
      acquireConnection: async () => wrap(await inner.acquireConnection()),
      beginTransaction: (connection, settings) => inner.beginTransaction(connection, settings),
      commitTransaction: (connection) => inner.commitTransaction(connection),
      rollbackTransaction: (connection) => inner.rollbackTransaction(connection),
      savepoint: inner.savepoint ? (connection, name, compile) => inner.savepoint!(connection, name, compile) : undefined,
      rollbackToSavepoint: inner.rollbackToSavepoint ? (connection, name, compile) => inner.rollbackToSavepoint!(connection, name, compile) : undefined,
      releaseSavepoint: inner.releaseSavepoint ? (connection, name, compile) => inner.releaseSavepoint!(connection, name, compile) : undefined,
      releaseConnection: (connection) => inner.releaseConnection(connection),
      destroy: () => inner.destroy(),
    };
  }
}
