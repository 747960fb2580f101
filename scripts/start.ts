// `npm start`: the demo. Builds the demo extension, starts the local DocSpace
// portal, and with a display opens Chromium with the extension loaded, the
// portal's sign-in page open and the portal already added.
// `npm start -- --https`: a DocSpace 3.8 self-hosted portal instead (HTTPS with a
// self-made certificate, `SameSite=None; Secure; Partitioned` session cookie);
// `--samesite strict|lax|none` and `--partitioned` choose the cookie as the portal CLI does.
// PORTAL_PORT picks the main portal's port (the branch portals take the next two).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { OWNER } from '../tests/portal/lib/accounts';
import { parseArgs } from '../tests/portal/lib/cli-args';
import { cookieSummary } from '../tests/portal/lib/session-cookie';
import { trustHint } from '../tests/portal/lib/tls';
import { startPortal } from '../tests/portal/server';
import { ensureBrowsers } from './browsers';
import { blankOrNewPage, E2E_EXTENSION_DIR, extensionIdOf, launchChromium } from './chromium';
import { accountLines, busyPorts, demoPort, PORTS_NEEDED, portBusyMessage, TOOLBAR_HINT } from './demo';

const argv = process.argv.slice(2);
const known = (a: string, i: number) => ['--https', '--partitioned', '--samesite'].includes(a.split('=')[0]!) || argv[i - 1] === '--samesite';
const parsed = argv.every(known) ? parseArgs(argv) : { error: `Unknown option: ${argv.find((a, i) => !known(a, i))}` };
if (!('args' in parsed)) {
  console.error(`${'error' in parsed ? parsed.error : ''}\nUsage: npm start [-- --https [--samesite strict|lax|none] [--partitioned]]`);
  process.exit(2);
}
const { https } = parsed.args;
// --https alone is what a self-hosted 3.8 install does: web:samesite None, so a Partitioned cookie.
const sameSite = parsed.args.sameSite ?? (https ? 'none' : undefined);
const partitioned = parsed.args.partitioned || (https && parsed.args.sameSite === undefined);
const chosen = demoPort(process.env, https);
if ('error' in chosen) {
  console.error(chosen.error);
  process.exit(2);
}
const PORT = chosen.port;
const DATA = path.resolve('.portal-data');
const EXTENSION = E2E_EXTENSION_DIR;

// Before the build (which takes a while): the ports must be free.
const busy = await busyPorts(Array.from({ length: PORTS_NEEDED }, (_, i) => PORT + i));
if (busy.length) {
  console.error(portBusyMessage(busy, PORT));
  process.exit(1);
}

const build = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const portal = await startPortal({ port: PORT, dataDir: DATA, https, sameSite, partitioned }).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
console.log(`\nLocal DocSpace portal: ${portal.url}  (its sign-in page lists the accounts)`);
console.log(accountLines().join('\n'));
if (portal.certificate) {
  console.log(`Session cookie: HttpOnly; ${cookieSummary(sameSite, partitioned, true)}${partitioned && sameSite === 'none' ? ' (as DocSpace 3.8 self-hosted)' : ''}`);
  console.log(trustHint(portal.certificate));
}
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
  2. Open ${portal.url}/ and sign in as ${OWNER.email} (accounts above)${portal.certificate ? ' (trust the certificate first, see above)' : ''}
  3. In the extension's settings, add the portal ${portal.url}
     (and the branch portals ${branches.map((b) => b.url).join(', ')}, each with its own sign-in)
${TOOLBAR_HINT}
Press Ctrl+C to stop the portal.`);
} else {
  ensureBrowsers(['chromium']);
  const profile = path.join(DATA, 'chromium-profile');
  if (!existsSync(profile)) mkdirSync(profile, { recursive: true });
  const context = await launchChromium({
    headless: false,
    userDataDir: profile,
    viewport: null,
    // Trusts this portal's own key only (not every certificate), for this demo profile.
    args: portal.certificate ? [`--ignore-certificate-errors-spki-list=${portal.certificate.spki256}`] : [],
  });
  const id = await extensionIdOf(context);
  // The tab Chromium opened at start becomes the settings page: no stray about:blank.
  const options = await blankOrNewPage(context);
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
  console.log(`Chromium is open with the extension. Sign in on the portal page, then open the extension.\n${TOOLBAR_HINT}\nCtrl+C stops.`);
  context.on('close', stop);
}
