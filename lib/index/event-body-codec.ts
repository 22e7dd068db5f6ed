import { pipeline } from 'node:stream/promises';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { createGzip, gunzip } from 'node:zlib';

/**
 * Raw events longer than this are stored gzipped. A run reading 100,000 datasets sends a 13.6 MB event: written as
 * text, its one INSERT held the event loop 107 ms (UTF-8 encoding and 3,300 pages); gzipped it is ~0.5 MB.
 */
export const GZIP_BODY_ABOVE_CHARS = 256 * 1024;

/** Characters encoded per turn of the event loop: a few ms of work each. */
const ENCODE_SLICE_CHARS = 1_000_000;

const gunzipAsync = promisify(gunzip);
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The text as UTF-8, a slice per turn; a slice never ends inside a surrogate pair, so each encodes whole. */
async function* utf8Slices(text: string): AsyncGenerator<Buffer> {
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + ENCODE_SLICE_CHARS);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield Buffer.from(text.slice(at, end), 'utf8');
    at = end;
    await nextTurn();
  }
}

/** How a raw event is stored: short ones as text, long ones gzipped on libuv's threadpool with `body` left empty. */
export async function encodeEventBody(body: string): Promise<{ body: string; body_gzip: Buffer | null }> {
  if (body.length <= GZIP_BODY_ABOVE_CHARS) return { body, body_gzip: null };
  const gzip = createGzip();
  const compressed = buffer(gzip);
  await pipeline(utf8Slices(body), gzip);
  return { body: '', body_gzip: await compressed };
}

/** A stored body back as text (null stays null: a body the caller chose not to read). */
export async function decodeEventBody(body: string | null, gzipped: Uint8Array | null): Promise<string | null> {
  if (gzipped === null) return body;
  return (await gunzipAsync(gzipped)).toString('utf8');
}
