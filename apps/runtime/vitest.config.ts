import { defineConfig } from 'vitest/config';

/**
 * Many runtime tests spawn the built runtime and real databases on a shared 2-core machine. In CI a
 * failed test is tried once more, so a scheduling hiccup does not fail the run; a real defect fails
 * both tries. Locally nothing is retried, so flakiness stays visible.
 */
export default defineConfig({
  test: {
    retry: process.env.CI ? 1 : 0,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
