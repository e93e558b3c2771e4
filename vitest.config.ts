import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'e2e/**/*.test.ts', 'bench/**/*.test.ts'],
    // Engine suites that need Docker start containers; give them room, the rest is fast.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    pool: 'forks',
  },
});
