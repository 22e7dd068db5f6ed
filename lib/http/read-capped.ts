/** A response body read up to a byte cap; `overCap` when the upstream sent (or declared) more, of which nothing past the cap was read. */
export type CappedBody = { text: string; overCap: false } | { text: string; overCap: true };

/**
 * Reads a response body as UTF-8, counting decoded bytes (so a gzip bomb stops at the cap too) and
 * cancelling the stream at `maxBytes`: an endless or multi-GB body costs at most the cap in memory.
 */
export async function readCappedText(response: Response, maxBytes: number): Promise<CappedBody> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (response.body === null) return { text: '', overCap: false };
  if (Number.isFinite(declared) && declared > maxBytes && response.headers.get('content-encoding') === null) {
    await response.body.cancel().catch(() => undefined);
    return { text: '', overCap: true };
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), overCap: false };
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { text: text + decoder.decode(value.subarray(0, value.byteLength - (size - maxBytes))), overCap: true };
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** A size for messages: "64 MB", "512 KB". */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
