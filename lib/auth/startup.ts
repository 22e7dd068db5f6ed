import 'server-only';
import { readAuthEnv } from '@/lib/env';
import { installRequestGuard } from '@/lib/security/request-guard';

/** Called once at server start (instrumentation.ts): guard every request (peer stamp, stripped headers, refusals), and say loudly when auth refuses everything. */
export function prepareAuth(): void {
  installRequestGuard();
  const auth = readAuthEnv();
  if (auth.mode === 'misconfigured') {
    for (const p of auth.problems) console.error(`runlens: ${p.variable} ${p.message}`);
    console.error('runlens: authentication is misconfigured, so every request except /api/live is refused (503) until it is fixed.');
  }
}
