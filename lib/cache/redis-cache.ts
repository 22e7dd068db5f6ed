import 'server-only';
import type { createClient } from 'redis';
import { displayUrl } from '@/lib/http/display-url';
import { upstreamText } from '@/lib/security/secrets';
import { logEvent } from '@/lib/observability/log';
import { countOversizedSharedValue } from '@/lib/observability/runlens-metrics';
import { decodeJson, encodeJson } from './json-codec';
import type { CacheEntry, CacheStore } from './types';

/**
 * Values over this (JSON bytes) are neither written to Redis nor read from it: node-redis buffers a whole reply,
 * so one huge value (written by any client) would otherwise grow every replica's memory by its size.
 */
export const DEFAULT_REDIS_MAX_VALUE_BYTES = 8 * 1024 * 1024;

export interface RedisCacheOptions {
  url: string;
  /** Every key starts with it, so one Redis can hold other data too. */
  prefix?: string;
  /** Deadline of each GET/SET, so a hung Redis cannot hold pages; generous, since a busy event loop delays replies too. Default 1,000 ms. */
  timeoutMs?: number;
  /** Values larger than this many bytes of JSON are not cached in Redis (DEFAULT_REDIS_MAX_VALUE_BYTES). */
  maxValueBytes?: number;
}

export interface RedisCache extends CacheStore {
  readonly location: string;
  /** Null while Redis answers; otherwise why it does not, and since when. */
  problem(): string | null;
  close(): Promise<void>;
}

function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The shared tier on Redis: `SET key json PX ttl`. Every failure (not connected, timeout, error reply)
 * throws, so the tiered cache can fall back to memory; the client reconnects in the background and
 * queues nothing while disconnected (a queued command would wait instead of failing fast).
 */
export function createRedisCache(options: RedisCacheOptions): RedisCache {
  const location = displayUrl(options.url);
  const prefix = options.prefix ?? 'runlens:1:';
  const timeoutMs = options.timeoutMs ?? 1_000;
  const maxValueBytes = options.maxValueBytes ?? DEFAULT_REDIS_MAX_VALUE_BYTES;
  // Keys are `<cache namespace>:<key>` (lib/cache/cached-call.ts): the namespace labels the metric.
  const oversized = (key: string, direction: 'write' | 'read', bytes?: number) => {
    const cache = key.includes(':') ? key.slice(0, key.indexOf(':')) : key;
    countOversizedSharedValue(cache, direction);
    logEvent('warn', 'cache.redis-value-too-large', { cache, direction, bytes, limitBytes: maxValueBytes, action: direction === 'write' ? 'not written to Redis (kept in memory only)' : 'not read (served as a miss)' });
  };
  let failure: { message: string; since: Date } | null = null;
  const fail = (error: unknown) => {
    // Redis error replies may echo the AUTH / HELLO arguments, i.e. the password.
    const message = upstreamText(error instanceof Error ? error.message || error.name : String(error));
    failure = { message, since: failure?.since ?? new Date() };
  };
  // node-redis is loaded only when Redis is configured: bundled into every server layer, it lengthened each first load.
  let client: ReturnType<typeof createClient> | null = null;
  let closed = false;
  // Connect at once (node-redis keeps retrying in the background); the first calls wait for it briefly.
  const connecting: Promise<unknown> = import('redis').then(({ createClient }) => {
    if (closed) return;
    client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 1_000, reconnectStrategy: (retries: number) => Math.min(250 * 2 ** Math.min(retries, 5), 5_000) },
    });
    client.on('error', fail);
    client.on('ready', () => {
      failure = null;
    });
    return client.connect();
  }).catch(fail);
  let waitedForConnect = false;

  async function ready(): Promise<ReturnType<typeof createClient>> {
    if (client?.isReady) return client;
    if (!waitedForConnect) {
      waitedForConnect = true;
      await withDeadline(connecting, 2_000, 'connecting to Redis').catch(() => {});
      if (client?.isReady) return client;
    }
    // Disconnected: fail fast, pages use memory until the client reconnects.
    throw new Error(failure ? failure.message : 'not connected');
  }

  async function run<T>(what: string, command: (connected: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
    try {
      const result = await withDeadline(command(await ready()), timeoutMs, `Redis ${what}`);
      failure = null;
      return result;
    } catch (error) {
      fail(error);
      throw error;
    }
  }

  return {
    kind: 'redis',
    location,
    async get(key) {
      // GETRANGE 0..max returns at most max + 1 bytes: a longer value is seen to be too large without reading it.
      // A missing key reads as ''; no value we write is empty (it is a JSON object).
      const text = await run('GET', (connected) => connected.getRange(prefix + key, 0, maxValueBytes));
      if (text === null || text === '') return undefined;
      if (Buffer.byteLength(text) > maxValueBytes) {
        oversized(key, 'read');
        return undefined;
      }
      const entry = decodeJson(text) as CacheEntry;
      return entry.expiresAt > Date.now() ? entry : undefined;
    },
    async set(key, entry) {
      const ttl = Math.ceil(entry.expiresAt - Date.now());
      if (ttl <= 0) return;
      const text = encodeJson(entry);
      const bytes = Buffer.byteLength(text);
      if (bytes > maxValueBytes) return oversized(key, 'write', bytes);
      await run('SET', (connected) => connected.set(prefix + key, text, { expiration: { type: 'PX', value: ttl } }));
    },
    problem: () => (failure === null ? null : `${failure.message} (since ${failure.since.toISOString()})`),
    async close() {
      // Stops reconnecting too; a cache has nothing to flush.
      closed = true;
      if (client?.isOpen) client.destroy();
    },
  };
}
