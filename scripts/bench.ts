// `npm run bench`: performance figures. It reports; nothing here is asserted in tests.
//  - time from opening popup.html to the schedule on screen, cold (no cache) and from cache,
//    against the local portal, over repeated runs;
//  - gzip size of the JS and CSS each page of the production build loads;
//  - the options page's "Refresh all" over 50 portals answering after 100 ms (scripts/bench-overview.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startPortal } from '../tests/portal/server';
import { ensureBrowsers } from './browsers';
import { extensionIdOf, launchChromium, signInOnPortal } from './chromium';
import { benchOverview } from './bench-overview';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
// Issue #13's budget: popup times as ratios to a blank extension page measured in the same run
// (this machine's floor), sizes in KB gzip.
const TARGETS = { coldRatio: 1.5, cacheRatio: 1.15, popupKb: 25, optionsKb: 45, backgroundKb: 40 };

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

/** The files a page loads: its scripts and styles, and the chunks they import statically. */
function pageFiles(dir: string, html: string): string[] {
  const seen = new Set<string>();
  const text = readFileSync(path.join(dir, html), 'utf8');
  const queue = [...text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => path.join(dir, m[1]!.replace(/^\//, '')));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.js')) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
        queue.push(path.resolve(path.dirname(file), m[1]!));
      }
    }
  }
  return [...seen];
}

/** `/chunks/schemas-np2Omdgk.js` → `chunks/schemas.js`: the same file in either build. */
function withoutHash(file: string) {
  return file.replace(/^\//, '').replace(/-[\w-]{8}(\.(?:js|css))$/, '$1');
}

function gzipKb(files: string[]) {
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0) / 1024;
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p90: at(0.9), min: sorted[0]! };
}

ensureBrowsers(['chromium']);
console.log('Building the production and e2e extensions…');
run('npx', ['wxt', 'build']);
run('npx', ['wxt', 'build', '--mode', 'e2e']);
// A blank extension page with one module script: what any extension page costs
// on this machine before our code does anything (a baseline, not part of the build).
writeFileSync(path.resolve('.output/chrome-mv3-e2e/bench-baseline.html'), '<!doctype html><p>x</p><script type="module" src="bench-baseline.js"></script>');
writeFileSync(path.resolve('.output/chrome-mv3-e2e/bench-baseline.js'), 'console.log(`bench:shown ${performance.now()}`);');

const prod = path.resolve('.output/chrome-mv3');
const sizes = {
  popup: gzipKb(pageFiles(prod, 'popup.html')),
  options: gzipKb(pageFiles(prod, 'options.html')),
  background: gzipKb([path.join(prod, 'background.js')]),
};

const dataDir = mkdtempSync(path.join(tmpdir(), 'docspace-bench-'));
const portal = await startPortal({ port: 0, dataDir, testControls: true });
const ext = path.resolve('.output/chrome-mv3-e2e');
const context = await launchChromium({ extensionDir: ext });
const id = await extensionIdOf(context);
try {
  const signIn = await signInOnPortal(context, portal.url);
  await signIn.evaluate(async () => {
    await fetch('/api/2.0/backup/createbackupschedule', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 7, cronParams: { period: 1, hour: 3, day: 2 } }),
    });
  });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  await options.getByLabel('Portal address').fill(portal.url);
  await options.getByRole('button', { name: 'Add portal' }).click();
  await options.locator('.portal-row').waitFor();

  // Records when the sentence first appears, measured from the page's own navigation start,
  // and reports it on the console: any Playwright call into the page would run its own
  // script there and delay the very thing being measured.
  await context.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('[data-testid="schedule-sentence"]')) {
        console.log(`bench:shown ${performance.now()}`);
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });

  /** Scripts and styles the popup fetched, by name without the build hash. */
  const loadedFiles = new Set<string>();

  /** Opens a page and waits for its `bench:shown` line; the page is left open for the caller. */
  const open = async (url: string) => {
    const page = await context.newPage();
    page.on('request', (request) => {
      const file = new URL(request.url()).pathname;
      if (url.includes('/popup.html') && /\.(js|css)$/.test(file)) loadedFiles.add(withoutHash(file));
    });
    const shown = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('bench:shown '), timeout: 10_000 });
    await page.goto(url, { waitUntil: 'commit' });
    const ms = Number((await shown).text().split(' ')[1]);
    return { page, ms };
  };

  const baseline = async () => {
    const { page, ms } = await open(`chrome-extension://${id}/bench-baseline.html`);
    await page.close();
    return ms;
  };

  const measure = async (cached: boolean) => {
    if (!cached) await options.evaluate(
        (origin) =>
          (globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }).chrome.storage.local.remove(`cache:${origin}`),
        portal.url,
      );
    const { page, ms } = await open(`chrome-extension://${id}/popup.html#portal=${portal.url}`);
    // Let the refresh finish so the next cached run finds a fresh cache.
    await page.waitForTimeout(150);
    await page.close();
    return ms;
  };

  await measure(false); // warm the browser and the service worker once
  const cold: number[] = [];
  const cache: number[] = [];
  const blank: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    cold.push(await measure(false));
    cache.push(await measure(true));
    blank.push(await baseline());
  }
  const c = stats(cold);
  const h = stats(cache);
  const b = stats(blank);
  const fmt = (n: number) => n.toFixed(1).padStart(7);
  console.log(`\nPopup: open → schedule on screen (${RUNS} runs each, ms; local portal)`);
  console.log(`              median      p90      min   median/blank   target`);
  console.log(`  cold      ${fmt(c.median)}  ${fmt(c.p90)}  ${fmt(c.min)}   ${(c.median / b.median).toFixed(2).padStart(10)}   ${TARGETS.coldRatio}`);
  console.log(`  cache     ${fmt(h.median)}  ${fmt(h.p90)}  ${fmt(h.min)}   ${(h.median / b.median).toFixed(2).padStart(10)}   ${TARGETS.cacheRatio}`);
  console.log(`  blank     ${fmt(b.median)}  ${fmt(b.p90)}  ${fmt(b.min)}   (an empty extension page with one script: this machine's floor)`);
  console.log(`  ours above the floor (median): cold ${(c.median - b.median).toFixed(1)} ms, cache ${(h.median - b.median).toFixed(1)} ms`);
  // Everything the popup fetched while opening, the lazily loaded answer schemas included
  // (counted in the production build's files of the same names).
  const prodFiles = new Map(
    ['chunks', 'assets'].flatMap((dir) => readdirSync(path.join(prod, dir)).map((f) => [withoutHash(`${dir}/${f}`), path.join(prod, dir, f)] as const)),
  );
  const fetched = [...loadedFiles].map((name) => prodFiles.get(name)).filter((f): f is string => !!f);
  const whileOpening = gzipKb(fetched);
  console.log(`\nBundle size (gzip -9, production build, KB)`);
  console.log(`  popup, before its first render   ${sizes.popup.toFixed(1).padStart(6)}   target ${TARGETS.popupKb}   ratio ${(sizes.popup / TARGETS.popupKb).toFixed(2)}`);
  console.log(`  popup, all it fetches on opening ${whileOpening.toFixed(1).padStart(6)}   target ${TARGETS.popupKb}   ratio ${(whileOpening / TARGETS.popupKb).toFixed(2)}   (${fetched.length} files: ${[...loadedFiles].sort().join(', ')})`);
  console.log(`  options                          ${sizes.options.toFixed(1).padStart(6)}   target ${TARGETS.optionsKb}   ratio ${(sizes.options / TARGETS.optionsKb).toFixed(2)}`);
  console.log(`  background                       ${sizes.background.toFixed(1).padStart(6)}   target ${TARGETS.backgroundKb}   ratio ${(sizes.background / TARGETS.backgroundKb).toFixed(2)}`);
} finally {
  await context.close();
  await portal.close();
  rmSync(dataDir, { recursive: true, force: true });
}

// BENCH_OVERVIEW=0 leaves out the overview part (a quicker run while working on the popup).
if (process.env.BENCH_OVERVIEW !== '0') await benchOverview();
