import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// Server-only modules must say so, so that importing one from a client component fails the build.
const requireServerOnly = {
  meta: { type: 'problem', messages: { missing: "Add `import 'server-only';`: this module reads secrets or the file system." } },
  create(context) {
    return {
      Program(node) {
        const found = node.body.some((s) => s.type === 'ImportDeclaration' && s.source.value === 'server-only');
        if (!found) context.report({ node, messageId: 'missing' });
      },
    };
  },
};

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: ['.next/**', 'node_modules/**', '.demo-data/**', '.bench/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    // The browser reaches data only through app/api/*: components never import upstream clients.
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/lib/sources', '@/lib/sources/**', '**/lib/sources/**'], message: 'components/ may not import lib/sources/: go through app/api/* or lib/queries.' },
            { group: ['@/lib/index', '@/lib/index/**', '@/lib/sync', '@/lib/sync/**'], message: 'components/ may not reach the run index or the syncers: go through app/api/* or server components.' },
            { group: ['@/lib/env', '**/lib/env'], message: 'components/ may not read the server environment.' },
          ],
        },
      ],
    },
  },
  {
    // Pure layers stay free of I/O and UI.
    files: ['lib/join/**/*.ts', 'lib/graph/**/*.ts', 'lib/series/**/*.ts', 'lib/model/**/*.ts', 'lib/audit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/lib/sources', '@/lib/sources/**', '@/lib/env', '@/components/**', 'react', 'next/*', 'node:fs', 'node:fs/*', 'fs'], message: 'Pure modules: no I/O, no React, no sources.' },
          ],
        },
      ],
    },
  },
  {
    // The run index stores and queries; it knows the model, not the sources, the join or the pages.
    files: ['lib/index/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@/lib/sources', '@/lib/sources/**', '@/lib/join', '@/lib/join/**', '@/lib/sync', '@/lib/sync/**', '@/lib/catalog', '@/lib/catalog/**', '@/components/**', 'react', 'next/*'], message: 'lib/index imports only lib/model (architecture.md).' },
      ] }],
    },
  },
  {
    // Pages read the index; only the syncers (started by instrumentation.ts) and the OpenLineage receiver write it.
    files: ['lib/catalog/**/*.ts', 'app/**/*.{ts,tsx}'],
    ignores: ['app/api/v1/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/lib/sync', '@/lib/sync/**'], message: 'lib/catalog and app/ read the run index; lib/sync writes it.' }] }],
    },
  },
  {
    files: ['lib/env.ts', 'lib/sources/**/*.ts'],
    ignores: ['lib/sources/ports.ts'],
    plugins: { runlens: { rules: { 'require-server-only': requireServerOnly } } },
    rules: { 'runlens/require-server-only': 'error' },
  },
  {
    // Only configured upstreams are called: the source clients build URLs from env base URLs and send them
    // through lib/http/fetchJson; lib/queries calls our own /api from the browser. No other fetch.
    files: ['app/**/*.{ts,tsx}', 'lib/**/*.ts', 'components/**/*.{ts,tsx}', 'proxy.ts', 'instrumentation.ts'],
    ignores: ['lib/http/**', 'lib/queries/**'],
    rules: { 'no-restricted-globals': ['error', { name: 'fetch', message: 'Call upstreams through lib/http/fetchJson with a URL built from a configured base URL.' }] },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];

export default config;
