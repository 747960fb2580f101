import { defineConfig } from '@playwright/test';

// Extension tests share one browser profile per test and the machine has two
// cores: one worker keeps timings sane. The e2e build is made by `npm test`
// (or `npm run build:e2e`) before this runs.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: /.*\.spec\.ts$/,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: { trace: 'retain-on-failure' },
});
