# Runlens production image (multi-stage; see README "Production"). Build: docker build -t runlens .
# Not built in this repository's CI (no Docker engine there); the same steps run there without Docker:
# npm ci, npm run build:standalone, then the standalone server that tests/e2e/auth.spec.ts starts.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches; the toolchain stays in this stage.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build:standalone

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# output: 'standalone' = server.js plus the node_modules it needs (with better-sqlite3's native addon);
# static assets and public/ are served by server.js from beside it. Files stay root-owned: read-only to the app.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
RUN node -e "require('better-sqlite3')(':memory:').close()" \
 && mkdir -p .next/cache && chown node:node .next/cache
USER node
EXPOSE 3000
# /api/live answers "ok" even with RUNLENS_AUTH on; readiness and source state are on /api/health.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
