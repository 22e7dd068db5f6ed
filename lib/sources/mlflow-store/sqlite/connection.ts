import 'server-only';
import fs from 'node:fs';
import Database from 'better-sqlite3';

/** How long a read waits for MLflow's write lock before giving up (rollback-journal databases). */
const BUSY_TIMEOUT_MS = 2_000;

export function openReadOnly(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
}

export interface FileState {
  /** Changes when the file is replaced (a new inode), which an open connection would never notice. */
  inode: number;
  /** size/mtime of the database and its -wal file: data_version only sees commits while the connection stays open. */
  stamp: string;
}

/** Null when the file does not exist; throws a readable error for a directory or unreadable path. */
export function fileState(file: string): FileState | null {
  let main: fs.Stats;
  try {
    main = fs.statSync(file);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
  if (!main.isFile()) throw new Error('not a file');
  const wal = fs.statSync(`${file}-wal`, { throwIfNoEntry: false });
  // An empty -wal holds no data and appears on a reader's first read, so it counts as no -wal.
  const walStamp = wal && wal.size > 0 ? `${wal.size}:${wal.mtimeMs}` : '-';
  return { inode: main.ino, stamp: `${main.ino}:${main.size}:${main.mtimeMs}|${walStamp}` };
}

/** Increments whenever another connection commits (PRAGMA data_version). */
export function dataVersion(db: Database.Database): string {
  return String(db.pragma('data_version', { simple: true }));
}

export function errorCode(error: unknown): string | null {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
