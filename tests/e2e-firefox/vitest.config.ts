// `npm run test:firefox`: the end-to-end suite in Debian's Firefox ESR (see harness.ts).
// Its own config, so `vitest run` (unit, component, portal) does not start browsers.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'firefox',
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/e2e-firefox/**/*.{spec,test}.ts'],
    environment: 'node',
    // One Firefox at a time on a two-core machine; generous limits, waits instead of sleeps.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    retry: process.env.CI ? 1 : 0,
  },
});
