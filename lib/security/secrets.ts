import 'server-only';
import { secretValues } from '@/lib/env';
import { oneLine, redactSecrets } from './redact';

// Upstream text kept in a message: enough to recognise the problem, too little to carry a page of data.
export const UPSTREAM_TEXT_CHARS = 200;

/** Text from outside with every configured secret (and `extra`, e.g. the call's own credentials) redacted. */
export function redactConfigured(text: string, extra: readonly string[] = []): string {
  return redactSecrets(text, extra.length === 0 ? secretValues() : [...secretValues(), ...extra]);
}

/** What an upstream said, fit to show: redacted, on one line, capped. */
export function upstreamText(text: string, extra: readonly string[] = [], maxChars = UPSTREAM_TEXT_CHARS): string {
  return oneLine(redactConfigured(text, extra), maxChars);
}

/** A JSON-like value with every string in it redacted (keys stay): the last guard before a report leaves the server. */
export function redactDeep<T>(value: T): T {
  const secrets = secretValues();
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return redactSecrets(item, secrets);
    if (Array.isArray(item)) return item.map(walk);
    if (typeof item === 'object' && item !== null && Object.getPrototypeOf(item) === Object.prototype) {
      return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, walk(v)]));
    }
    return item;
  };
  return walk(value) as T;
}
