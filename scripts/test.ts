// `npm test`: every check the project has, in order, stopping at the first failure.
import { spawnSync } from 'node:child_process';
import { ensureBrowsers } from './browsers';

const steps: [string, string[]][] = [
  ['Type check', ['npx', 'tsc', '--noEmit']],
  ['Lint', ['npx', 'eslint', '.']],
  ['Unit, component and local portal tests', ['npx', 'vitest', 'run']],
  ['Build the e2e extension (Chrome)', ['npx', 'wxt', 'build', '--mode', 'e2e']],
  ['Build the production extensions', ['npx', 'wxt', 'build']],
  ['End-to-end tests in Chromium', ['npx', 'playwright', 'test']],
  ['Build the e2e extension (Firefox)', ['npx', 'wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'e2e']],
  ['End-to-end tests in Firefox ESR', ['npx', 'vitest', 'run', '--config', 'tests/e2e-firefox/vitest.config.ts']],
  ['Build the production extension (Firefox)', ['npx', 'wxt', 'build', '-b', 'firefox', '--mv3']],
  ['Store lint of the Firefox build: 0 errors, 0 warnings', ['npx', 'web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--warnings-as-errors', '--no-config-discovery']],
  ['Store packages: Chrome, Firefox and the sources for Mozilla', ['npm', 'run', 'zip']],
  ['Check the store packages', ['npx', 'tsx', 'scripts/check-zips.ts']],
];

ensureBrowsers();
const started = Date.now();
for (const [title, [cmd, ...args]] of steps) {
  console.log(`\n━━ ${title}: ${[cmd, ...args].join(' ')}`);
  const result = spawnSync(cmd!, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\n✔ All checks passed in ${Math.round((Date.now() - started) / 1000)} s.`);
