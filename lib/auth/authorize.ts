import { timingSafeEqual } from 'node:crypto';
import { accept, isAccepted, keyedDigest } from './accepted-credentials';
import { ADMITTED_HEADER, loginThrottle, type Admission } from './login-throttle';
import { clientAddress } from './client-address';
import { createFairSlots } from './fair-slots';
import type { AuthConfig } from './config';
import { parseBasicAuthorization } from './basic-credentials';
import { verifyPassword } from './password-hash';
import { isTrustedPeer } from './trusted-proxies';

/** The one route a load balancer may call without credentials; it answers "ok" and nothing else. */
export const OPEN_PATHS: ReadonlySet<string> = new Set(['/api/live']);
export const BASIC_CHALLENGE = 'Basic realm="Runlens", charset="UTF-8"';

export type AuthDecision =
  | { ok: true; user: string | null }
  | { ok: false; status: 401 | 503; message: string; challenge: string | null }
  | { ok: false; status: 429; message: string; challenge: null; retryAfterSeconds: number };

export interface AuthRequest {
  pathname: string;
  headers: Headers;
  /** The TCP peer (lib/auth/peer-address.ts), needed by proxy mode only. */
  peer: string | null;
}

// scrypt runs on libuv's 4-thread pool, which also serves file reads: logins use two threads, one client at most
// one of them, so a valid login from another address never waits behind a flood's queue (fair-slots.ts).
const scryptSlots = createFairSlots(2, 1);

/** Constant-time text comparison (keyed digests of equal length, so neither content nor length leaks through timing). */
export function sameText(given: string, expected: string): boolean {
  return timingSafeEqual(keyedDigest(given), keyedDigest(expected));
}

async function checkBasic(config: Extract<AuthConfig, { mode: 'basic' }>, header: string | null, client: string, admitted: string | null): Promise<AuthDecision> {
  const denied: AuthDecision = { ok: false, status: 401, message: 'Sign in with the Runlens user and password.', challenge: BASIC_CHALLENGE };
  const credentials = parseBasicAuthorization(header);
  if (!credentials) return denied;
  if (isAccepted(header!)) return { ok: true, user: config.user };
  const throttle = loginThrottle();
  // The request guard admitted it already (before Next routed it); other callers are admitted here.
  const admission: Admission = admitted === throttle.admittedToken ? { ok: true, leave: () => undefined } : throttle.enter(client);
  const locked = throttle.lockedFor(client);
  if (!admission.ok || locked !== null) {
    if (admission.ok) admission.leave();
    const wait = admission.ok ? locked! : admission.retryAfterSeconds;
    return { ok: false, status: 429, message: `Too many sign-in attempts from this address; try again in ${wait} s.`, challenge: null, retryAfterSeconds: wait };
  }
  let passed = false;
  try {
    const userOk = sameText(credentials.user, config.user);
    const { secret } = config;
    const passwordOk = secret.kind === 'scrypt'
      ? await scryptSlots.run(client, async () => {
        // Accepted inside the slot: the client's next login waiting for it with the same header skips scrypt.
        if (isAccepted(header!)) return true;
        const ok = await verifyPassword(credentials.password, secret.hash);
        if (ok && userOk) accept(header!);
        return ok;
      })
      : sameText(credentials.password, secret.password);
    passed = userOk && passwordOk;
  } finally {
    admission.leave();
  }
  if (!passed) {
    throttle.failed(client);
    return denied;
  }
  throttle.succeeded(client);
  accept(header!);
  return { ok: true, user: config.user };
}

function checkProxy(config: Extract<AuthConfig, { mode: 'proxy' }>, request: AuthRequest): AuthDecision {
  if (!isTrustedPeer(config.trustedProxies, request.peer)) {
    return { ok: false, status: 401, message: 'Runlens accepts requests only through its auth proxy.', challenge: null };
  }
  const user = request.headers.get(config.header)?.trim() ?? '';
  if (user === '' || user.length > 256) {
    return { ok: false, status: 401, message: `The auth proxy sent no ${config.header} header.`, challenge: null };
  }
  return { ok: true, user };
}

/** Decides one request; every mode but `none` refuses by default. */
export async function authorize(config: AuthConfig, request: AuthRequest): Promise<AuthDecision> {
  if (config.mode === 'none' || OPEN_PATHS.has(request.pathname)) return { ok: true, user: null };
  if (config.mode === 'basic') {
    const client = clientAddress(request.peer, request.headers.get('x-forwarded-for'), config.trustedProxies);
    return checkBasic(config, request.headers.get('authorization'), client, request.headers.get(ADMITTED_HEADER));
  }
  if (config.mode === 'proxy') return checkProxy(config, request);
  const detail = config.problems.map((p) => `${p.variable} ${p.message}`).join('; ');
  return { ok: false, status: 503, message: `Runlens refuses every request because authentication is misconfigured: ${detail}.`, challenge: null };
}
