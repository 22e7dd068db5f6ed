import 'server-only';
import { StringDecoder } from 'node:string_decoder';
import { restAfter } from '@/lib/sources/event-loop-rest';

/** Bytes decoded per turn of the event loop: a few ms each. */
const DECODE_SLICE_BYTES = 1024 * 1024;

/**
 * UTF-8 bytes as text, a slice per turn of the event loop for a long chunk: one 13.6 MB line (a run reading 100,000
 * datasets) decoded at once held the loop ~54 ms. The decoder carries a character split between two slices over.
 */
export async function decodeInSlices(bytes: Buffer): Promise<string> {
  if (bytes.length <= DECODE_SLICE_BYTES) return bytes.toString('utf8');
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += DECODE_SLICE_BYTES) {
    const started = performance.now();
    parts.push(decoder.write(bytes.subarray(at, at + DECODE_SLICE_BYTES)));
    await restAfter(performance.now() - started);
  }
  parts.push(decoder.end());
  return parts.join('');
}
