import fs from 'node:fs';
import os from 'node:os';

/** Pages in the WAL, and how many of them a checkpoint has copied into the database file. */
export interface WalState {
  walPages: number;
  copiedPages: number;
}

// The wal-index header SQLite keeps in the -shm file, in the machine's byte order (sqlite.org/walformat.html §2):
// mxFrame (the WAL's last valid frame) at byte 16, nBackfill (frames copied by checkpoints) at byte 96.
const HEADER_BYTES = 100;
const MX_FRAME_AT = 16;
const N_BACKFILL_AT = 96;

/**
 * Reads the WAL's state as every connection sees it, at the cost of one small read: unlike a checkpoint's report,
 * it is never late. Null when it cannot be read (no -shm file yet, or not a WAL database).
 */
export function walIndexReader(databaseFile: string): { read(): WalState | null; close(): void } {
  const header = Buffer.alloc(HEADER_BYTES);
  const littleEndian = os.endianness() === 'LE';
  const u32 = (at: number) => (littleEndian ? header.readUInt32LE(at) : header.readUInt32BE(at));
  let fd: number | null = null;
  return {
    read() {
      try {
        fd ??= fs.openSync(`${databaseFile}-shm`, 'r');
        if (fs.readSync(fd, header, 0, HEADER_BYTES, 0) < HEADER_BYTES) return null;
        return { walPages: u32(MX_FRAME_AT), copiedPages: u32(N_BACKFILL_AT) };
      } catch {
        return null;
      }
    },
    close() {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };
}
