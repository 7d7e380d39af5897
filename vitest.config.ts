import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
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
          // One browser and one built site serve every e2e file; run them one at a time on 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
