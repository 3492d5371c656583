import { defineConfig } from 'vitest/config';

// Three projects, run from the repo root: `unit` (pure code, fast), `relay` (a real relay process on
// port 0 talking to real clients) and `e2e` (real relay + real Chromium; needs `npm run build` first).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'sync-server/src/**/*.test.ts', 'web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'relay',
          include: ['sync-server/test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Browsers and relays are heavy on a 2-core machine: one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
