import 'server-only';
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { MetricPoint } from '@/lib/model';
import { MetricLineReader, type MetricLineVisitor } from './metric-file';

/**
 * Metric files (mlruns/<exp>/<run>/metrics/<key>) read in chunks, never whole: a metric logged 10,000,000
 * times is a 300 MB file. Opened without blocking and read only when a regular file (a FIFO named like a
 * metric would otherwise wait for a writer forever).
 */

const CHUNK_BYTES = 64 * 1024;
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

const isMissing = (error: unknown): boolean => error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');

/** The first `maxPoints` points of a metric file in file order (logging order), and whether it has more; null when it does not exist. */
export async function readMetricHistory(file: string, maxPoints: number): Promise<{ points: MetricPoint[]; more: boolean } | null> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, OPEN_FLAGS);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  try {
    if (!(await handle.stat()).isFile()) return null;
    const points: MetricPoint[] = [];
    let more = false;
    const reader = new MetricLineReader({
      point: (p) => {
        if (points.length === maxPoints) {
          more = true;
          return false;
        }
        points.push(p);
        return true;
      },
      problem: () => {}, // the scan reports bad lines (read-run.ts); a history just skips them
    });
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      if (!reader.feed(decoder.write(buffer.subarray(0, bytesRead)))) return { points, more };
    }
    reader.feed(decoder.end());
    reader.end();
    return { points, more };
  } finally {
    await handle.close();
  }
}

/** Feeds every line of a metric file to `visitor` in chunks (the scan's latest value); a reason when it is not a regular file. */
export function visitMetricFileSync(file: string, visitor: MetricLineVisitor): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return 'not a regular file; skipped';
    const reader = new MetricLineReader(visitor);
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const bytesRead = fs.readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      if (!reader.feed(decoder.write(buffer.subarray(0, bytesRead)))) return null;
    }
    reader.feed(decoder.end());
    reader.end();
    return null;
  } finally {
    fs.closeSync(fd);
  }
}
