// Runs in the browser before any of the app's modules (Next's client instrumentation hook): zod is told not to probe
// for eval before a module builds its first schema. Set from providers.tsx, it came too late whenever a page's client
// modules were evaluated before the layout's, and the probe was reported as a CSP violation (flaky e2e).
import '@/lib/security/zod-without-eval';
