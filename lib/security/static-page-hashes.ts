import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Next prerenders its global error page at build time (served as /_global-error and as the 500 page), so
 * its inline scripts cannot carry a per-request nonce. Their SHA-256 hashes, read once from the build,
 * let exactly those scripts run under the page CSP ('strict-dynamic' honours hashes as it does nonces).
 */
const PRERENDERED = [path.join('.next', 'server', 'app', '_global-error.html'), path.join('.next', 'server', 'pages', '500.html')];
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** `'sha256-…'` sources for every inline script of the given HTML. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) hashes.add(`'sha256-${createHash('sha256').update(match[1] ?? '', 'utf8').digest('base64')}'`);
  return [...hashes];
}

let cached: string[] | null = null;

/** The hashes of the build's prerendered error pages ([] when there is no build output, e.g. in dev). */
export function prerenderedScriptHashes(root = process.cwd()): string[] {
  if (cached !== null) return cached;
  const found = new Set<string>();
  for (const file of PRERENDERED) {
    try {
      // turbopackIgnore: a path built at run time would make the build trace (and ship) the whole project.
      for (const hash of inlineScriptHashes(readFileSync(path.join(/*turbopackIgnore: true*/ root, file), 'utf8'))) found.add(hash);
    } catch {
      // not built (dev server) or no such page
    }
  }
  cached = [...found];
  return cached;
}
