import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        // Extension code: fake browser APIs; component tests opt into happy-dom per file.
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['utils/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}', 'entrypoints/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['tests/unit/setup.ts'],
        },
      },
      {
        // The local DocSpace portal, exercised over real HTTP.
        test: {
          name: 'portal',
          include: ['tests/portal/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        // The build plugins and scripts (scripts/vite-*.ts and the npm scripts' own modules), in Node.
        test: {
          name: 'tooling',
          include: ['scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
