import 'server-only';
import { createClient } from 'redis';
import { displayUrl } from '@/lib/http/display-url';
import { upstreamText } from '@/lib/security/secrets';
import { decodeJson, encodeJson } from './json-codec';
import type { CacheEntry, CacheStore } from './types';

export interface RedisCacheOptions {
  url: string;
  /** Every key starts with it, so one Redis can hold other data too. */
  prefix?: string;
  /** Deadline of each GET/SET, so a hung Redis cannot hold pages; generous, since a busy event loop delays replies too. Default 1,000 ms. */
  timeoutMs?: number;
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
  let failure: { message: string; since: Date } | null = null;
  const fail = (error: unknown) => {
    // Redis error replies may echo the AUTH / HELLO arguments, i.e. the password.
    const message = upstreamText(error instanceof Error ? error.message || error.name : String(error));
    failure = { message, since: failure?.since ?? new Date() };
  };
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1_000, reconnectStrategy: (retries: number) => Math.min(250 * 2 ** Math.min(retries, 5), 5_000) },
  });
  client.on('error', fail);
  client.on('ready', () => {
    failure = null;
  });
  // Connect at once (node-redis keeps retrying in the background); the first calls wait for it briefly.
  const connecting: Promise<unknown> = client.connect().catch(fail);
  let waitedForConnect = false;

  async function ready(): Promise<void> {
    if (client.isReady) return;
    if (!waitedForConnect) {
      waitedForConnect = true;
      await withDeadline(connecting, 2_000, 'connecting to Redis').catch(() => {});
      if (client.isReady) return;
    }
    // Disconnected: fail fast, pages use memory until the client reconnects.
    throw new Error(failure ? failure.message : 'not connected');
  }

  async function run<T>(what: string, command: () => Promise<T>): Promise<T> {
    try {
      await ready();
      const result = await withDeadline(command(), timeoutMs, `Redis ${what}`);
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
      const text = await run('GET', () => client.get(prefix + key));
      if (text === null) return undefined;
      const entry = decodeJson(text) as CacheEntry;
      return entry.expiresAt > Date.now() ? entry : undefined;
    },
    async set(key, entry) {
      const ttl = Math.ceil(entry.expiresAt - Date.now());
      if (ttl <= 0) return;
      await run('SET', () => client.set(prefix + key, encodeJson(entry), { expiration: { type: 'PX', value: ttl } }));
    },
    problem: () => (failure === null ? null : `${failure.message} (since ${failure.since.toISOString()})`),
    async close() {
      // Stops reconnecting too; a cache has nothing to flush.
      if (client.isOpen) client.destroy();
    },
  };
}
