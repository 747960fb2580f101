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
