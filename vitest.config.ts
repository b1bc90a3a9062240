import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // both cores: the suite is mostly waiting on LibreOffice, Chromium and the disk, and each file works in its own temp folders
    maxWorkers: 2,
  },
});
