// Headers that never vary; the CSP carries a per-request nonce, so proxy.ts sets it.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  // For browsers that predate CSP frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server in .next/standalone (server.js + the traced node_modules) for the Docker image
  // and the tests that start it; `next start` (npm run demo / npm start) warns on such builds, so it is opt-in.
  output: process.env.RUNLENS_STANDALONE === '1' ? 'standalone' : undefined,
  // The tracer sees the run-time file reads of the sources and copies the checkout's files; tests are never read.
  outputFileTracingExcludes: { '/*': ['tests/**'] },
  // better-sqlite3 is a native addon and pg loads optional native bindings: load both from node_modules at run time.
  serverExternalPackages: ['better-sqlite3', 'pg'],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

module.exports = nextConfig;
