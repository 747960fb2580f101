// `npm test`: every check the project has, in order, stopping at the first failure.
// Each step is an `npm run` script of package.json, so a command lives in one place.
// The environment passes through: with CI=true, Playwright and the Firefox suite retry once.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureBrowsers } from './browsers';

export const STEPS: [title: string, script: string][] = [
  ['Type check', 'typecheck'],
  ['Lint', 'lint'],
  ['Unit, component, local portal and tooling tests', 'test:unit'],
  ['Build the e2e extension (Chrome)', 'build:e2e'],
  ['Build the production extensions', 'build'],
  ['End-to-end tests in Chromium', 'test:e2e'],
  ['Build the e2e extension (Firefox)', 'build:firefox-e2e'],
  ['End-to-end tests in Firefox ESR', 'test:firefox:run'],
  ['Build the production extension (Firefox)', 'build:firefox'],
  ['Store lint of the Firefox build: 0 errors, 0 warnings', 'lint:firefox:run'],
  ['Store packages: Chrome, Firefox and the sources for Mozilla', 'zip'],
  ['Check the store packages', 'check:zips'],
];

export function npmScripts(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  return pkg.scripts;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const scripts = npmScripts();
  ensureBrowsers();
  const started = Date.now();
  for (const [title, script] of STEPS) {
    console.log(`\n━━ ${title}: npm run ${script}  (${scripts[script] ?? 'missing from package.json'})`);
    const result = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`\n✖ ${title} failed (exit ${result.status ?? result.signal}).`);
      process.exit(result.status ?? 1);
    }
  }
  console.log(`\n✔ All checks passed in ${Math.round((Date.now() - started) / 1000)} s.`);
}
