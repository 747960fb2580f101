// `npm start`: the demo. Builds the demo extension, starts the local DocSpace
// portal, and with a display opens Chromium with the extension loaded, the
// portal's sign-in page open and the portal already added.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startPortal } from '../tests/portal/server';
import { BROWSERS, ensureBrowsers } from './browsers';

const PORT = Number(process.env.PORTAL_PORT ?? 8092);
const DATA = path.resolve('.portal-data');
const EXTENSION = path.resolve('.output/chrome-mv3-e2e');

const build = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const portal = await startPortal({ port: PORT, dataDir: DATA }).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
console.log(`\nLocal DocSpace portal: ${portal.url}  (accounts in README.md, password docspace-demo)`);
// Two branch portals on their own *.localhost names, signed in to separately (cookies ignore ports).
const BRANCHES = ['branch1.localhost', 'branch2.localhost'];
const branches = await Promise.all(
  BRANCHES.map((host, i) => startPortal({ port: PORT + 1 + i, host, dataDir: path.join(DATA, host) })),
).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
for (const b of branches) console.log(`Branch portal: ${b.url}  (sign in there separately)`);

const stop = async () => {
  await Promise.all(branches.map((b) => b.close()));
  await portal.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log(`
No display, so no browser was opened. To try the extension by hand:
  1. Open chrome://extensions in Chromium, turn on Developer mode,
     choose "Load unpacked" and pick ${EXTENSION}
  2. Open ${portal.url}/ and sign in as owner@example.com / docspace-demo
  3. In the extension's settings, add the portal ${portal.url}
     (and the branch portals ${branches.map((b) => b.url).join(', ')}, each with its own sign-in)
Press Ctrl+C to stop the portal.`);
} else {
  ensureBrowsers(['chromium']);
  const profile = path.join(DATA, 'chromium-profile');
  if (!existsSync(profile)) mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: BROWSERS.chromium,
    headless: false,
    viewport: null,
    args: [`--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`, '--no-first-run', '--disable-sync'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  const demo = [{ url: portal.url, name: 'Local demo portal' }, ...branches.map((b, i) => ({ url: b.url, name: `Branch ${i + 1}` }))];
  for (const { url, name } of demo) {
    if (await options.locator(`.portal-row[data-origin="${url}"]`).count()) continue;
    await options.getByLabel('Portal address').fill(url);
    await options.getByLabel('Name (optional)').fill(name);
    await options.getByRole('button', { name: 'Add portal' }).click();
    await options.locator(`.portal-row[data-origin="${url}"]`).waitFor();
  }
  const signIn = await context.newPage();
  await signIn.goto(`${portal.url}/`);
  console.log('Chromium is open with the extension. Sign in on the portal page, then click the toolbar icon. Ctrl+C stops.');
  context.on('close', stop);
}
