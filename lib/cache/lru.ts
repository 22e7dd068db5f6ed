interface Entry<V> {
  value: V;
  expiresAt: number;
  bytes: number;
}

export interface LruLimits {
  maxEntries: number;
  /** Total size the entries may take, as `sizeOf` counts it; Infinity: no byte bound. */
  maxBytes?: number;
  /** Size of one value; only needed with `maxBytes`. */
  sizeOf?: (value: unknown) => number;
}

/**
 * A Map kept in least-recently-used order: reads move an entry to the end, inserts past `maxEntries`
 * or `maxBytes` drop the front. Every entry has its own expiry; an expired entry reads as missing.
 */
export class LruMap<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private totalBytes = 0;
  private readonly limits: Required<LruLimits>;

  constructor(
    limits: number | LruLimits,
    private readonly now: () => number = Date.now,
  ) {
    const given = typeof limits === 'number' ? { maxEntries: limits } : limits;
    this.limits = { maxBytes: Infinity, sizeOf: () => 0, ...given };
  }

  get size(): number {
    return this.entries.size;
  }

  /** What the entries take together, as `sizeOf` counts it (0 without a byte bound). */
  get bytes(): number {
    return this.totalBytes;
  }

  /** The value and its expiry (ms since the epoch), or undefined when missing or expired. */
  get(key: string): { value: V; expiresAt: number } | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.totalBytes -= entry.bytes;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, value: V, expiresAt: number): void {
    this.delete(key);
    if (expiresAt <= this.now()) return;
    const bytes = this.limits.maxBytes === Infinity ? 0 : this.limits.sizeOf(value);
    // A value bigger than the whole budget would only flush everything else: it is not kept.
    if (bytes > this.limits.maxBytes) return;
    this.entries.set(key, { value, expiresAt, bytes });
    this.totalBytes += bytes;
    while (this.entries.size > this.limits.maxEntries || this.totalBytes > this.limits.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.delete(oldest.value);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }
}
