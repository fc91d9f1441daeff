import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    // Tests never wait on wall time (they advance the simulated clock); the timeout only
    // catches a hang, and must survive a machine shared by many test runs.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
