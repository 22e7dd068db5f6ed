import 'server-only';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/**
 * Opens event files so that nothing but a regular file is ever read: O_NONBLOCK makes opening a FIFO
 * (or a device) return at once instead of waiting for a writer, and fstat on the open descriptor (not a
 * stat before it, which a swapped symlink could outrun) decides whether it is read. What is not a
 * regular file gets a sentence for /health instead of vanishing.
 */

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** What a non-regular file is, in words; null for a regular file. */
export function nonRegularKind(stat: Stats): string | null {
  if (stat.isFile()) return null;
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Why `file` (an entry named like an event file) cannot be read as one, or null when it is a regular
 * file (through any symlinks): symlink loops, dangling links, FIFOs, devices, sockets, directories.
 */
export function unreadableReason(file: string): string | null {
  let target: Stats;
  try {
    target = statSync(file);
  } catch (error) {
    const code = errorCode(error);
    const link = (() => {
      try {
        return lstatSync(file).isSymbolicLink();
      } catch {
        return false;
      }
    })();
    if (code === 'ELOOP') return 'is a symlink loop';
    if (code === 'ENOENT' && link) return 'is a dangling symlink (its target does not exist)';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    return code === 'ENOENT' ? null : `cannot be looked at (${code ?? 'error'})`;
  }
  const kind = nonRegularKind(target);
  return kind === null ? null : `is ${kind}, not an event file`;
}

/** A descriptor of a regular file, opened without blocking; throws with a readable message for anything else. */
export function openRegularFile(file: string): { fd: number; stat: Stats } {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ELOOP') throw new Error('is a symlink loop');
    throw error;
  }
  const stat = fstatSync(fd);
  const kind = nonRegularKind(stat);
  if (kind !== null) {
    closeSync(fd);
    throw new Error(`is ${kind}, not an event file`);
  }
  return { fd, stat };
}

/** Reads `length` bytes from `start` (fewer at the end of the file). */
export function readRange(fd: number, start: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, start + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/** A whole regular file as UTF-8 text; throws for anything else (see openRegularFile). */
export function readRegularFile(file: string): string {
  const { fd, stat } = openRegularFile(file);
  try {
    return readRange(fd, 0, stat.size).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
