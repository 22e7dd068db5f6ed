import type net from 'node:net';
import { z } from 'zod';
import type { EnvProblem } from '@/lib/env';
import { parsePasswordHash, type PasswordHash } from './password-hash';
import { parseTrustedProxies } from './trusted-proxies';

/** The RUNLENS_AUTH_* variables as lib/env.ts reads them (unset = undefined). */
export interface AuthVariables {
  RUNLENS_AUTH?: string;
  RUNLENS_AUTH_USER?: string;
  RUNLENS_AUTH_PASSWORD_HASH?: string;
  RUNLENS_AUTH_PASSWORD?: string;
  RUNLENS_AUTH_PROXY_HEADER?: string;
  RUNLENS_AUTH_TRUSTED_PROXIES?: string;
}

export type BasicSecret = { kind: 'scrypt'; hash: PasswordHash } | { kind: 'plain'; password: string };

export type AuthConfig =
  | { mode: 'none' }
  /** `trustedProxies`: reverse proxies whose X-Forwarded-For names the client the login throttle keys on. */
  | { mode: 'basic'; user: string; secret: BasicSecret; trustedProxies: net.BlockList | null }
  | { mode: 'proxy'; header: string; trustedProxies: net.BlockList; trustedEntries: string[] }
  /** Auth was asked for but cannot be set up: every request is refused until it is fixed (fail closed). */
  | { mode: 'misconfigured'; problems: EnvProblem[] };

const modeSchema = z.enum(['none', 'basic', 'proxy']);
const headerNameSchema = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/);
export const DEFAULT_PROXY_HEADER = 'x-forwarded-user';

const CREDENTIAL_VARIABLES = ['RUNLENS_AUTH_USER', 'RUNLENS_AUTH_PASSWORD_HASH', 'RUNLENS_AUTH_PASSWORD', 'RUNLENS_AUTH_TRUSTED_PROXIES'] as const;

function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

export function parseAuthConfig(vars: AuthVariables): AuthConfig {
  const problems: EnvProblem[] = [];
  const refuse = (variable: string, message: string): AuthConfig => ({ mode: 'misconfigured', problems: [...problems, { variable, message }] });

  if (blank(vars.RUNLENS_AUTH)) {
    // Credentials without a mode look like a forgotten RUNLENS_AUTH: refuse rather than serve openly.
    const stray = CREDENTIAL_VARIABLES.find((name) => !blank(vars[name]));
    return stray ? refuse('RUNLENS_AUTH', `is unset but ${stray} is set: set RUNLENS_AUTH=basic or proxy (or none to serve without auth)`) : { mode: 'none' };
  }
  const mode = modeSchema.safeParse(vars.RUNLENS_AUTH!.trim().toLowerCase());
  if (!mode.success) return refuse('RUNLENS_AUTH', `"${vars.RUNLENS_AUTH}" is not one of none, basic, proxy`);
  if (mode.data === 'none') return { mode: 'none' };

  if (mode.data === 'proxy') {
    const header = (vars.RUNLENS_AUTH_PROXY_HEADER ?? '').trim() || DEFAULT_PROXY_HEADER;
    if (!headerNameSchema.safeParse(header).success) return refuse('RUNLENS_AUTH_PROXY_HEADER', `"${header}" is not an HTTP header name`);
    const proxies = parseTrustedProxies(vars.RUNLENS_AUTH_TRUSTED_PROXIES ?? '');
    if (!proxies.ok) return refuse('RUNLENS_AUTH_TRUSTED_PROXIES', proxies.problem);
    return { mode: 'proxy', header: header.toLowerCase(), trustedProxies: proxies.list, trustedEntries: proxies.entries };
  }

  const user = vars.RUNLENS_AUTH_USER ?? '';
  if (user.trim() === '' || user.includes(':')) problems.push({ variable: 'RUNLENS_AUTH_USER', message: user.includes(':') ? 'must not contain ":" (Basic auth splits on it)' : 'is required with RUNLENS_AUTH=basic' });
  let secret: BasicSecret | null = null;
  if (!blank(vars.RUNLENS_AUTH_PASSWORD_HASH)) {
    const parsed = parsePasswordHash(vars.RUNLENS_AUTH_PASSWORD_HASH!);
    if (parsed.ok) secret = { kind: 'scrypt', hash: parsed.value };
    else problems.push({ variable: 'RUNLENS_AUTH_PASSWORD_HASH', message: parsed.problem });
  } else if (vars.RUNLENS_AUTH_PASSWORD !== undefined && vars.RUNLENS_AUTH_PASSWORD !== '') {
    secret = { kind: 'plain', password: vars.RUNLENS_AUTH_PASSWORD };
  } else {
    problems.push({ variable: 'RUNLENS_AUTH_PASSWORD_HASH', message: 'RUNLENS_AUTH=basic needs RUNLENS_AUTH_PASSWORD_HASH (npm run auth:hash) or RUNLENS_AUTH_PASSWORD' });
  }
  let trustedProxies: net.BlockList | null = null;
  if (!blank(vars.RUNLENS_AUTH_TRUSTED_PROXIES)) {
    const proxies = parseTrustedProxies(vars.RUNLENS_AUTH_TRUSTED_PROXIES!);
    if (proxies.ok) trustedProxies = proxies.list;
    else problems.push({ variable: 'RUNLENS_AUTH_TRUSTED_PROXIES', message: proxies.problem });
  }
  if (problems.length > 0 || !secret) return { mode: 'misconfigured', problems };
  return { mode: 'basic', user, secret, trustedProxies };
}
