import { defineConfig } from 'vitest/config';

// five Outcry processes sending flat out: run alone, after the rest, so it neither starves nor is starved
const ALONE = ['test/integration/multi-process.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // suites open their own databases and ports; two at a time suits a 2-core machine
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'suite', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ALONE } },
      { extends: true, test: { name: 'alone', include: ALONE, sequence: { groupOrder: 1 } } },
    ],
  },
});
