/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server in .next/standalone (server.js + the traced node_modules) for the Docker image
  // and the tests that start it; `next start` (npm run demo / npm start) warns on such builds, so it is opt-in.
  output: process.env.RUNLENS_STANDALONE === '1' ? 'standalone' : undefined,
  // The tracer sees the run-time file reads of the sources and copies the checkout's files; tests are never read.
  outputFileTracingExcludes: { '/*': ['tests/**'] },
  // better-sqlite3 is a native addon, pg loads optional native bindings, and pino, prom-client and the OTel SDK keep
  // process-wide state (and worker/transport files): load them from node_modules at run time, never bundle them.
  serverExternalPackages: ['better-sqlite3', 'pg', 'pino', 'prom-client', '@opentelemetry/sdk-trace-node', '@opentelemetry/exporter-trace-otlp-http', 'kysely', 'zod', 'yaml', 'lru-cache'],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // Next loads every route's modules at start by default: with ~40 routes that kept /api/live and the first page
    // waiting 4-5 s after a restart on a busy machine, and held modules no request used. Routes load when first asked.
    preloadEntriesOnStart: false,
  },
  // Security headers are set on every response by the request guard (lib/security/request-guard.ts).
};

module.exports = nextConfig;
