/**
 * The page CSP. Scripts: only Next's own (and the root layout's first-paint hold), carrying the per-request nonce that proxy.ts generates and
 * Next stamps on every script it emits ('strict-dynamic' lets those load their chunks). Styles keep
 * 'unsafe-inline' because React Flow and charts position nodes with style attributes; a nonce in
 * style-src would disable that. The elkjs layout worker is a same-origin chunk ('self'; blob: for bundlers that inline it).
 */
export function contentSecurityPolicy(nonce: string, development: boolean, scriptHashes: readonly string[] = []): string {
  const hashes = scriptHashes.map((h) => ` ${h}`).join('');
  return [
    "default-src 'self'",
    // React's dev build needs eval for its error overlays; production never does. Hashes: the prerendered error page's scripts.
    `script-src 'self' 'nonce-${nonce}'${hashes} 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A fresh, unguessable nonce per response (base64 of 16 random bytes). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/** The nonce of a page CSP as proxy.ts forwards it on the request, for the one inline script the app writes itself. */
export function nonceOf(csp: string | null): string | undefined {
  return csp?.match(/'nonce-([^']+)'/)?.[1];
}
