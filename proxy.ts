import { NextResponse, type NextRequest } from 'next/server';
import { authorize, type AuthDecision } from '@/lib/auth/authorize';
import type { AuthConfig } from '@/lib/auth/config';
import { peerAddress } from '@/lib/auth/peer-address';
import { bypassesDashboardAuth } from '@/lib/auth/ingest-token';
import { readAuthEnv, readIngestToken } from '@/lib/env';
import { contentSecurityPolicy, newNonce } from '@/lib/security/content-security-policy';
import { prerenderedScriptHashes } from '@/lib/security/static-page-hashes';

// Every request but Next's hashed static assets passes here: auth first, then the per-request CSP nonce.
export const config = { matcher: ['/((?!_next/static/).*)'] };

let auth: AuthConfig | null = null;
let ingestToken: string | null | undefined;
// NODE_ENV is fixed by Next at build time; the dev server needs eval for its overlays.
const development = process.env.NODE_ENV === 'development';

function refuse(request: NextRequest, decision: Extract<AuthDecision, { ok: false }>, csp: string): Response {
  const headers = new Headers({ 'content-security-policy': csp, 'cache-control': 'no-store' });
  if (decision.challenge) headers.set('www-authenticate', decision.challenge);
  if (decision.status === 429) headers.set('retry-after', String(decision.retryAfterSeconds));
  if (request.nextUrl.pathname.startsWith('/api/')) return NextResponse.json({ error: decision.message }, { status: decision.status, headers });
  headers.set('content-type', 'text/plain; charset=utf-8');
  return new NextResponse(decision.message, { status: decision.status, headers });
}

export async function proxy(request: NextRequest): Promise<Response> {
  auth ??= readAuthEnv();
  if (ingestToken === undefined) ingestToken = readIngestToken();
  const csp = contentSecurityPolicy(newNonce(), development, prerenderedScriptHashes());
  // The receiver checks its own bearer token (app/api/v1/lineage); nothing else skips dashboard auth.
  const decision = bypassesDashboardAuth(request.nextUrl.pathname, ingestToken) ? { ok: true as const, user: null } : await authorize(auth, { pathname: request.nextUrl.pathname, headers: request.headers, peer: peerAddress(request.headers) });
  if (!decision.ok) return refuse(request, decision, csp);
  // Next reads the nonce from the request's CSP header and stamps it on the scripts it renders.
  const forwarded = new Headers(request.headers);
  forwarded.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set('content-security-policy', csp);
  return response;
}
