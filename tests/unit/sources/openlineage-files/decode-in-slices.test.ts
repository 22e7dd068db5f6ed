// A long chunk of a file is decoded a slice at a time: the same text as decoding it whole, characters cut between
// slices included, with the event loop turning between the slices.
import { describe, expect, it } from 'vitest';
import { decodeInSlices } from '@/lib/sources/openlineage-files/decode-in-slices';
import { turnsDuring } from '../../turns-during';

describe('decoding a long chunk in slices', () => {
  it('gives the text decoding it whole gives, multi-byte characters across slice edges and bad bytes included', async () => {
    const unit = 'ab é 😀 π\n'; // 1, 2, 4 and 2 bytes: slices of 1 MiB end inside some of them
    const good = Buffer.from(unit.repeat(400_000));
    const bytes = Buffer.concat([good, Buffer.from([0xff, 0xc3]), good]); // invalid and truncated sequences too
    expect(bytes.length).toBeGreaterThan(8 * 1024 * 1024);
    const { result, turns } = await turnsDuring(() => decodeInSlices(bytes));
    expect(result).toBe(bytes.toString('utf8'));
    expect(turns).toBeGreaterThanOrEqual(5);
  });

  it('decodes a short chunk at once', async () => {
    expect(await decodeInSlices(Buffer.from('{"a":"é"}\n'))).toBe('{"a":"é"}\n');
  });
});
