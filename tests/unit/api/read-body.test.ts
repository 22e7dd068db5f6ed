import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBoundedText } from '@/lib/api/read-body';

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request('http://runlens/api/v1/lineage', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

/** A body streamed without Content-Length, so only counting while reading can stop it. */
function streamed(chunks: number, chunkBytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ >= chunks) controller.close();
      else controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
  });
}

describe('readBoundedText', () => {
  it('reads plain and gzip bodies (the transport\'s compression: gzip)', async () => {
    expect(await readBoundedText(post('{"a":1}'), 100)).toEqual({ ok: true, text: '{"a":1}' });
    expect(await readBoundedText(post(zlib.gzipSync('{"b":2}'), { 'content-encoding': 'gzip' }), 100)).toEqual({ ok: true, text: '{"b":2}' });
  });

  it('refuses past the bound: declared, streamed, and once decompressed (a gzip bomb)', async () => {
    expect(await readBoundedText(post('x'.repeat(101)), 100)).toMatchObject({ ok: false, status: 413 });
    expect(await readBoundedText(post(streamed(1_000, 1_024)), 10_000)).toMatchObject({ ok: false, status: 413, message: 'the body is larger than 10,000 bytes' });
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    expect(await readBoundedText(post(bomb, { 'content-encoding': 'gzip' }), 1_000_000)).toMatchObject({ ok: false, status: 413, message: 'the decompressed body is larger than 1,000,000 bytes' });
  });

  it('says when gzip is broken or the encoding unknown', async () => {
    expect(await readBoundedText(post('not gzip', { 'content-encoding': 'gzip' }), 100)).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/^the body is not valid gzip/) });
    expect(await readBoundedText(post('{}', { 'content-encoding': 'br' }), 100)).toMatchObject({ ok: false, status: 415 });
  });
});
