import 'server-only';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type BodyResult = { ok: true; text: string } | { ok: false; status: 400 | 413 | 415; message: string };

const gunzip = promisify(zlib.gunzip);

const tooLarge = (maxBytes: number, what: string): BodyResult => ({ ok: false, status: 413, message: `the ${what} is larger than ${maxBytes.toLocaleString('en-US')} bytes` });

/** Reads the raw body, refusing (and no longer reading) past `maxBytes`: a declared or streamed size too big is 413. */
async function readBytes(request: Request, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (request.body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A request body as UTF-8 text, at most `maxBytes` both as sent and once decompressed (gzip, as the
 * OpenLineage transport's `compression: gzip` sends it; a small bomb cannot expand past the bound).
 */
export async function readBoundedText(request: Request, maxBytes: number): Promise<BodyResult> {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') return { ok: false, status: 415, message: `Content-Encoding "${encoding.slice(0, 40)}" is not supported: send identity or gzip` };
  const raw = await readBytes(request, maxBytes);
  if (raw === null) return tooLarge(maxBytes, 'body');
  if (encoding === 'identity') return { ok: true, text: raw.toString('utf8') };
  try {
    return { ok: true, text: (await gunzip(raw, { maxOutputLength: maxBytes })).toString('utf8') };
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return tooLarge(maxBytes, 'decompressed body');
    return { ok: false, status: 400, message: `the body is not valid gzip: ${error instanceof Error ? error.message : String(error)}` };
  }
}
