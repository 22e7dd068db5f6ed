import 'server-only';
import { readAuthEnv } from '@/lib/env';
import { installPeerAddressStamp } from './peer-address';

/** Called once at server start (instrumentation.ts): stamp peer addresses for proxy mode, and say loudly when auth refuses everything. */
export function prepareAuth(): void {
  installPeerAddressStamp();
  const auth = readAuthEnv();
  if (auth.mode === 'misconfigured') {
    for (const p of auth.problems) console.error(`runlens: ${p.variable} ${p.message}`);
    console.error('runlens: authentication is misconfigured, so every request except /api/live is refused (503) until it is fixed.');
  }
}
