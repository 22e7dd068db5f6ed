import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (these machines cannot download one).
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    // Serves the production build against the generated demo data (npm test builds first).
    command: 'node scripts/demo.mjs --skip-build',
    url: `http://127.0.0.1:${port}/api/health`,
    // A run index of its own in a new temp folder: nothing left by an earlier run or another app.
    env: { PORT: String(port), OPENLINEAGE_EVENTS: '', MLFLOW_TRACKING_URI: '', RUNLENS_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-e2e-index-')) },
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
