import 'server-only';
import { secretValues } from '@/lib/env';
import { oneLine, redactSecrets } from './redact';
import { redactJson } from './redact-json';

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

/**
 * A JSON-like value under the one rule for upstream JSON (lib/security/redact-json.ts), every configured
 * secret redacted too: keys stay. The last guard before a report or a raw facet leaves the server.
 */
export function redactDeep<T>(value: T): T {
  return redactJson(value, secretValues());
}
