import 'server-only';
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { readRange } from './safe-read';

/**
 * Tells an appended file from a rewritten one. Inode and size catch rotation and truncation seen in time;
 * a copy-truncate rewritten to at least its old length within one refresh keeps both, so the first bytes
 * already read are fingerprinted and compared, and the byte before the read offset must still end a line.
 */
export interface FileIdentity {
  dev: number;
  ino: number;
  /** Bytes covered by the fingerprint: the first min(read offset, FINGERPRINT_BYTES). */
  prefixBytes: number;
  fingerprint: string;
}

export const FINGERPRINT_BYTES = 4096;

function digest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The identity of an open file whose first `offset` bytes have been read. */
export function identityOf(fd: number, stat: Stats, offset: number): FileIdentity {
  const prefixBytes = Math.min(offset, FINGERPRINT_BYTES, stat.size);
  return { dev: stat.dev, ino: stat.ino, prefixBytes, fingerprint: digest(readRange(fd, 0, prefixBytes)) };
}

/**
 * True when the open file is the one `known` describes, grown or unchanged: same device and inode, at
 * least `offset` bytes long, the same first bytes, and a newline just before `offset` (reads stop after one)
 * unless `midLine` (the read stopped inside an overlong line being skipped).
 */
export function isSameFile(fd: number, stat: Stats, known: FileIdentity | null, offset: number, midLine = false): boolean {
  if (known === null) return offset === 0;
  if (stat.dev !== known.dev || stat.ino !== known.ino || stat.size < offset) return false;
  if (known.prefixBytes > 0 && digest(readRange(fd, 0, known.prefixBytes)) !== known.fingerprint) return false;
  return offset === 0 || midLine || readRange(fd, offset - 1, 1)[0] === 0x0a;
}
