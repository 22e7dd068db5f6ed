import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': import.meta.dirname,
      // `server-only` throws outside a React Server environment; unit tests run plain Node.
      'server-only': path.join(import.meta.dirname, 'tests/unit/server-only-stub.ts'),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/http/isolate-process-state.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
