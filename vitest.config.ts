import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Four workers on two cores: the browser tests spend most of their time waiting on Chromium's frames and
    // the page's pauses, so the unit tests and other browser files compute meanwhile.
    maxWorkers: 4,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/unit/setup-tf.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          // Above the sum of one page test's own bounded waits, so a stalled step reports itself.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // A page answers within a frame on a quiet machine; on a busy one (CI, the unit tests beside) give it time.
          expect: { poll: { timeout: 15_000 } },
          // One built site and one Chromium (tests/e2e/global-setup.ts) serve every file; files share no state
          // (each test opens its own pages and contexts), so they run side by side.
        },
      },
    ],
  },
});
