// Overview refresh of many portals: the time from clicking "Refresh all" on the
// options page to every row updated, against N local portals that each answer
// after a fixed latency. Cold = the first refresh (no cached settings, no earlier
// health record); warm = the refresh right after. Reports; asserts nothing.
//
//   npx tsx scripts/bench-overview.ts        (needs .output/chrome-mv3-e2e; builds it if missing)
//   BENCH_OVERVIEW_PORTALS=50 BENCH_OVERVIEW_LATENCY=100 BENCH_OVERVIEW_RUNS=5
//
// bench.ts calls benchOverview() after its own sections.
import type { BrowserContext } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startPortal, type RunningPortal } from '../tests/portal/server';
import { ensureBrowsers } from './browsers';
import { launchWithExtension, signInPage } from './bench-browser';

const OWNER_ID = '6a1c0c6e-5b1f-4c3e-9d2a-0f5d2b7e1a01';
const TARGET_MS = 1500;
const CHECK_CONCURRENCY = 6; // utils/background/health.ts

interface Options {
  portals?: number;
  latencyMs?: number;
  runs?: number;
}

type Chrome = {
  chrome: {
    storage: { local: { get(k: null): Promise<Record<string, unknown>>; remove(k: string[]): Promise<void> } };
    runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; failure?: unknown }> };
  };
};

const authCookie = async (context: BrowserContext, url: string) => (await context.cookies(url)).find((c) => c.name === 'asc_auth_key');

/**
 * Does one sign-in on 127.0.0.1 serve portals on other ports? Checks it with two
 * fresh portals and prints the facts the setup below relies on.
 */
async function probeCookies(context: BrowserContext, root: string) {
  const [a, b] = [await startPortal({ port: 0, dataDir: path.join(root, 'probe-a') }), await startPortal({ port: 0, dataDir: path.join(root, 'probe-b') })];
  try {
    const page = await signInPage(context, a.url);
    const sentToB = !!(await authCookie(context, b.url));
    await page.goto(`${b.url}/`);
    const acceptedByB = await page.getByText(/Signed in as/).isVisible();
    const survives = !!(await authCookie(context, a.url));
    await page.close();
    console.log(`\nSession cookie check (two fresh portals on 127.0.0.1, ports ${a.port} and ${b.port}):`);
    console.log(`  signed in on :${a.port} → the cookie is sent to :${b.port} too (cookies ignore ports): ${sentToB ? 'yes' : 'no'}`);
    console.log(`  :${b.port} accepts that session (its tokens are its own): ${acceptedByB ? 'yes' : 'no'}`);
    console.log(`  after :${b.port} answered, the cookie still exists for every port: ${survives ? 'yes' : 'no (its 401 handling deleted it)'}`);
    console.log('  so: one sign-in, and every bench portal starts knowing that session token (seeded state.json).');
  } finally {
    await context.clearCookies();
    await a.close();
    await b.close();
  }
}

function stats(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export async function benchOverview(opts: Options = {}): Promise<void> {
  const count = opts.portals ?? Number(process.env.BENCH_OVERVIEW_PORTALS ?? 50);
  const latencyMs = opts.latencyMs ?? Number(process.env.BENCH_OVERVIEW_LATENCY ?? 100);
  const runs = opts.runs ?? Number(process.env.BENCH_OVERVIEW_RUNS ?? 5);
  const ext = path.resolve('.output/chrome-mv3-e2e');
  if (!existsSync(path.join(ext, 'manifest.json'))) {
    const r = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error('npx wxt build --mode e2e failed');
  }

  const root = mkdtempSync(path.join(tmpdir(), 'docspace-bench-overview-'));
  const portals: RunningPortal[] = [];
  const { context, id } = await launchWithExtension(ext);
  try {
    await probeCookies(context, root);

    // The first portal issues the session; the others start knowing its token.
    const first = await startPortal({ port: 0, dataDir: path.join(root, 'p0'), latencyMs, testControls: true });
    portals.push(first);
    await (await signInPage(context, first.url)).close();
    // The cookie holds the token URL-escaped (%2B %2F %3D), as the server writes it.
    const token = decodeURIComponent((await authCookie(context, first.url))!.value);
    for (let i = 1; i < count; i++) {
      const dataDir = path.join(root, `p${i}`);
      mkdirSync(dataDir, { recursive: true });
      const sessions = [{ token, userId: OWNER_ID, expires: Date.now() + 365 * 86_400_000, loginEventId: 1 }];
      writeFileSync(path.join(dataDir, 'state.json'), JSON.stringify({ version: 1, schedules: [], backups: [], sessions, nextLoginEventId: 2 }));
      portals.push(await startPortal({ port: 0, dataDir, latencyMs, testControls: true }));
    }
    // Every portal has a daily schedule, as an administrator's portals would.
    await Promise.all(
      portals.map(async (p, i) => {
        const res = await fetch(`${p.url}/api/2.0/backup/createbackupschedule`, {
          method: 'POST',
          headers: { Authorization: token, 'Content-Type': 'application/json' },
          body: JSON.stringify({ storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 3, cronParams: { period: 0, hour: i % 24 } }),
        });
        if (res.status !== 200) throw new Error(`createbackupschedule on ${p.url}: HTTP ${res.status}`);
      }),
    );

    // Add them through the background, as the options page does after the permission (granted in this build).
    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    for (const p of portals) {
      const reply = await options.evaluate(
        (origin) => (globalThis as unknown as Chrome).chrome.runtime.sendMessage({ type: 'portals.add', origin, name: '' }),
        p.url,
      );
      if (!reply.ok) throw new Error(`portals.add ${p.url}: ${JSON.stringify(reply.failure)}`);
    }

    const forget = (prefixes: string[]) =>
      options.evaluate(async (list) => {
        const { storage } = (globalThis as unknown as Chrome).chrome;
        await storage.local.remove(Object.keys(await storage.local.get(null)).filter((k) => list.some((p) => k.startsWith(p))));
      }, prefixes);

    /** Forgets cached settings and earlier health records, reloads the page and lets it settle. */
    const coldStart = async () => {
      await options.reload();
      await options.locator('table.overview tbody tr').nth(count - 1).waitFor();
      await options.getByTestId('health').waitFor();
      await options.waitForTimeout(3 * latencyMs + 200); // the page's own first checks (the selected portal)
      await forget(['settings:', 'health:']);
      await options.waitForFunction((n) => document.querySelectorAll('table.overview tbody tr[data-state="none"]').length === n, count);
    };

    /** Clicks "Refresh all" and waits until every row went busy and back; ms from the click. */
    const refresh = () =>
      options.evaluate(
        (n) =>
          new Promise<{ last: number; first: number; states: string[] }>((resolve, reject) => {
            const body = document.querySelector('table.overview tbody')!;
            const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Refresh all')!;
            const busy = new Set<string>();
            const done = new Map<string, number>();
            let t0 = 0;
            const timer = setTimeout(() => reject(new Error(`only ${done.size} of ${n} rows updated in 60 s`)), 60_000);
            const observer = new MutationObserver((records) => {
              const now = performance.now();
              for (const r of records) {
                const row = r.target as HTMLElement;
                const origin = row.dataset.origin;
                if (!origin || r.attributeName !== 'aria-busy') continue;
                if (row.getAttribute('aria-busy') === 'true') busy.add(origin);
                else if (r.oldValue === 'true' && busy.has(origin) && !done.has(origin)) done.set(origin, now - t0);
              }
              if (done.size === n) {
                observer.disconnect();
                clearTimeout(timer);
                const rows = [...body.querySelectorAll('tr')] as HTMLElement[];
                const times = [...done.values()];
                resolve({ last: Math.max(...times), first: Math.min(...times), states: rows.map((r) => r.dataset.state ?? '') });
              }
            });
            observer.observe(body, { attributes: true, subtree: true, attributeFilter: ['aria-busy'], attributeOldValue: true });
            t0 = performance.now();
            button.click();
          }),
        count,
      );

    const cold: number[] = [];
    const warm: number[] = [];
    const expired: number[] = [];
    const firstRow = { cold: [] as number[], warm: [] as number[], expired: [] as number[] };
    let states: string[] = [];
    for (let i = 0; i < runs; i++) {
      await coldStart();
      const c = await refresh();
      const w = await refresh();
      // A day later: the settings cache (24 h) has expired, the health records are still there.
      await forget(['settings:']);
      const e = await refresh();
      cold.push(c.last);
      warm.push(w.last);
      expired.push(e.last);
      firstRow.cold.push(c.first);
      firstRow.warm.push(w.first);
      firstRow.expired.push(e.first);
      states = w.states;
    }
    const tally = Object.entries(states.reduce<Record<string, number>>((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {}))
      .map(([s, n]) => `${n} ${s}`)
      .join(', ');
    const c = stats(cold);
    const w = stats(warm);
    const e = stats(expired);
    const fmt = (n: number) => n.toFixed(0).padStart(7);
    // Requests per portal: cold = schedule + settings + the last task's progress (a never-seen schedule); warm = schedule.
    const floor = (perPortal: number) => Math.ceil((count * perPortal) / CHECK_CONCURRENCY) * latencyMs;
    console.log(`\nOverview: "Refresh all" → every row updated (${count} portals answering after ${latencyMs} ms, ${runs} runs each, ms)`);
    console.log(`              median      min      max   target   median/target   queue floor`);
    console.log(`  cold      ${fmt(c.median)}  ${fmt(c.min)}  ${fmt(c.max)}  ${fmt(TARGET_MS)}   ${(c.median / TARGET_MS).toFixed(2).padStart(13)}   ${fmt(floor(3))}`);
    console.log(`  warm      ${fmt(w.median)}  ${fmt(w.min)}  ${fmt(w.max)}  ${fmt(TARGET_MS)}   ${(w.median / TARGET_MS).toFixed(2).padStart(13)}   ${fmt(floor(1))}`);
    console.log(`  settings  ${fmt(e.median)}  ${fmt(e.min)}  ${fmt(e.max)}  ${fmt(TARGET_MS)}   ${(e.median / TARGET_MS).toFixed(2).padStart(13)}   ${fmt(floor(2))}`);
    const fr = (v: number[]) => stats(v).median.toFixed(0);
    console.log(`  first row updated (median ms): cold ${fr(firstRow.cold)}, warm ${fr(firstRow.warm)}, settings ${fr(firstRow.expired)}`);
    console.log(`  rows after the last warm refresh: ${tally}`);
    console.log(`  cold: first refresh (3 requests a portal: schedule, settings, last task); warm: right after (1: schedule);`);
    console.log(`  settings: settings cache expired, health known (2). Queue floor = ceil(portals × requests / ${CHECK_CONCURRENCY}) × latency.`);
  } finally {
    await context.close();
    await Promise.all(portals.map((p) => p.close()));
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureBrowsers(['chromium']);
  await benchOverview();
}
