import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ when it is missing or older than the sources (suites run the compiled CLI).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // MINIM_RECORD_SUITES=1: also record which engine suite ran where (docs/figures.json tests.engines).
    reporters: ['1', 'merge'].includes(process.env['MINIM_RECORD_SUITES'] ?? '') ? ['default', './test/helpers/suites-reporter.ts'] : ['default'],
  },
});
