/**
 * Headers every response carries, whatever answers it (pages, API routes, static files, Next's own error
 * pages, the request guard's refusals). The CSP carries a per-request nonce, so proxy.ts sets it on pages.
 */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'same-origin'],
  // For browsers that predate CSP frame-ancestors.
  ['X-Frame-Options', 'DENY'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
  // No other site's window keeps a handle on ours, and no other site may embed our responses as resources.
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];

/** Sent only over TLS (browsers ignore it over plain HTTP, and it must not pin a plain-HTTP dev host). */
export const STRICT_TRANSPORT_SECURITY = ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as const;

/** CSP of answers that are not pages (refusals): nothing may load or frame them. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'";
