// Overview refresh of many portals: the time from clicking "Refresh all" on the
// options page to every row updated, against N local portals that each answer
// after a fixed latency. Cold = the first refresh (no cached settings, no earlier
// health record); warm = the next refresh, once the first has finished its work
// (the room names it looks up after its rows). Then, with every row on the
// page: how long the overview takes to render, sort, filter and search, the
// settings page's memory, and one periodic check of every portal (the alarm's
// round: its length against the alarm period, and a second alarm while it runs,
// which must join it rather than start another). Reports; asserts nothing.
//
//   npx tsx scripts/bench-overview.ts        (needs .output/chrome-mv3-e2e; builds it if missing)
//   BENCH_OVERVIEW_PORTALS=500 BENCH_OVERVIEW_LATENCY=100 BENCH_OVERVIEW_RUNS=3
//   BENCH_OVERVIEW_EXT=<dir>: another build of the extension (an A/B run against an older commit's build)
//
// bench.ts calls benchOverview() after its own sections.
import type { BrowserContext, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startPortal, type RunningPortal } from '../tests/portal/server';
import { seedSession } from '../tests/portal/test-client';
import { ensureBrowsers } from './browsers';
import { extensionIdOf, launchChromium, signInOnPortal } from './chromium';

// Issue #14, for 500 portals answering after 100 ms.
const TARGETS = { coldMs: 4000, warmMs: 2000, firstRowMs: 300, renderMs: 100 };
import { GLOBAL_LIMIT, PER_PORTAL_LIMIT } from '../utils/background/limits';

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
    const page = await signInOnPortal(context, a.url);
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

/** CPU profiles of the background's service worker and a page, through the page's DevTools session. */
type Profile = { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[]; samples: number[]; timeDeltas: number[] };
async function profiler(context: BrowserContext, page: Page) {
  const s = await context.newCDPSession(page);
  const { targetInfos } = (await s.send('Target.getTargets')) as { targetInfos: { type: string; targetId: string; url: string }[] };
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.endsWith('/background.js'))!;
  const { sessionId } = (await s.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as { sessionId: string };
  let next = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  s.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const m = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (m.id) waiting.get(m.id)?.(m.result);
  });
  const inWorker = (method: string, params = {}) =>
    new Promise<unknown>((resolve) => {
      const mid = ++next;
      waiting.set(mid, resolve);
      void s.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mid, method, params }) });
    });
  return {
    async start() {
      await Promise.all([inWorker('Profiler.enable'), s.send('Profiler.enable')]);
      await Promise.all([inWorker('Profiler.setSamplingInterval', { interval: 200 }), s.send('Profiler.setSamplingInterval', { interval: 200 })]);
      await Promise.all([inWorker('Profiler.start'), s.send('Profiler.start')]);
    },
    async stop(dir: string, label: string) {
      const [w, p] = (await Promise.all([inWorker('Profiler.stop'), s.send('Profiler.stop')])) as { profile: Profile }[];
      mkdirSync(dir, { recursive: true });
      for (const [who, prof] of [['worker', w!.profile], ['page', p!.profile]] as const) {
        writeFileSync(path.join(dir, `${label}-${who}.cpuprofile`), JSON.stringify(prof));
        console.log(`  ${label}, ${who}: ${summarize(prof)}`);
      }
    },
  };
}

/** Self time by function (ms), the top ones, and the total time not idle. */
function summarize(prof: Profile): string {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let busy = 0;
  prof.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const ms = (prof.timeDeltas[i] ?? 0) / 1000;
    if (f.functionName === '(idle)') return;
    busy += ms;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + ms);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return `${busy.toFixed(0)} ms busy\n${top.map(([k, v]) => `      ${v.toFixed(0).padStart(6)}  ${k}`).join('\n')}`;
}

/**
 * API requests the bench's portals (in this process) receive, by path: what a refresh really asks.
 * Counted at the HTTP server, so the extension's own bookkeeping cannot hide any.
 */
const asked = new Map<string, number>();
const emit = Server.prototype.emit;
Server.prototype.emit = function (this: Server, event: string, ...args: unknown[]) {
  const url = event === 'request' ? (args[0] as { url?: string }).url : undefined;
  if (url?.startsWith('/api/')) {
    const route = url.split('?')[0]!.replace(/\/\d+$/, '/{id}');
    asked.set(route, (asked.get(route) ?? 0) + 1);
  }
  return emit.call(this, event, ...args);
} as typeof emit;
/**
 * CPU time (ms) of every thread of the bench's Chromium, by process kind and thread name, read from
 * /proc (Linux): which of the browser, the extension's renderer (the service worker and the pages
 * share it), the network service… a refresh keeps busy. The portals run in this node process.
 */
function cpuByThread(ext: string): Map<string, number> {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const info = new Map(procs.map((pid) => [pid, { ppid: read(`/proc/${pid}/stat`).split(') ')[1]?.split(' ')[1] ?? '', cmd: read(`/proc/${pid}/cmdline`) }]));
  const browserPid = procs.find((pid) => info.get(pid)!.cmd.includes(`--load-extension=${ext}`) && !info.get(pid)!.cmd.includes('--type='));
  const within = (pid: string): boolean => pid === browserPid || (!!pid && pid !== '1' && pid !== '0' && within(info.get(pid)?.ppid ?? ''));
  const out = new Map<string, number>();
  for (const pid of procs) {
    if (!browserPid || !within(pid)) continue;
    const cmd = info.get(pid)!.cmd;
    const kind = /--type=renderer/.test(cmd) ? (cmd.includes('--extension-process') ? 'extension' : 'renderer') : /network\.mojom/.test(cmd) ? 'network' : /--type=(\w+)/.exec(cmd)?.[1] ?? 'browser';
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '#');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(f[11]) + Number(f[12])) * 10;
      out.set(`${kind}/${comm}`, (out.get(`${kind}/${comm}`) ?? 0) + ms);
    }
  }
  const self = process.cpuUsage();
  out.set('node (bench + portals)', (self.user + self.system) / 1000);
  return out;
}
function cpuSince(before: Map<string, number>, ext: string): string {
  const after = cpuByThread(ext);
  const diff = [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([, v]) => v >= 30).sort((a, b) => b[1] - a[1]);
  const total = diff.reduce((a, [, v]) => a + v, 0);
  return `${total.toFixed(0)} ms CPU: ${diff.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`;
}

const totalAsked = () => [...asked.values()].reduce((a, b) => a + b, 0);
/** The requests counted since the last call, per portal, by route. */
function takeAsked(portals: number): string {
  const total = [...asked.values()].reduce((a, b) => a + b, 0);
  const by = [...asked].sort((a, b) => b[1] - a[1]).map(([route, n]) => `${route.replace('/api/2.0/', '')} ${(n / portals).toFixed(2)}`);
  asked.clear();
  return `${(total / portals).toFixed(2)} requests a portal (${by.join(', ') || 'none'})`;
}

function stats(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export async function benchOverview(opts: Options = {}): Promise<void> {
  const count = opts.portals ?? Number(process.env.BENCH_OVERVIEW_PORTALS ?? 500);
  const latencyMs = opts.latencyMs ?? Number(process.env.BENCH_OVERVIEW_LATENCY ?? 100);
  const runs = opts.runs ?? Number(process.env.BENCH_OVERVIEW_RUNS ?? 3);
  const ext = path.resolve(process.env.BENCH_OVERVIEW_EXT ?? '.output/chrome-mv3-e2e');
  if (!process.env.BENCH_OVERVIEW_EXT && !existsSync(path.join(ext, 'manifest.json'))) {
    const r = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error('npx wxt build --mode e2e failed');
  }

  // A blank extension page with one module script: this machine's floor right now (as in bench.ts),
  // so that figures taken under different loads can be compared.
  writeFileSync(path.join(ext, 'bench-baseline.html'), '<!doctype html><p>x</p><script type="module" src="bench-baseline.js"></script>');
  writeFileSync(path.join(ext, 'bench-baseline.js'), 'console.log(`bench:shown ${performance.now()}`);');

  const root = mkdtempSync(path.join(tmpdir(), 'docspace-bench-overview-'));
  const portals: RunningPortal[] = [];
  const context = await launchChromium({ extensionDir: ext });
  const id = await extensionIdOf(context);
  const blank: number[] = [];
  const baseline = async () => {
    for (let i = 0; i < 5; i++) {
      const page = await context.newPage();
      const shown = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('bench:shown '), timeout: 10_000 });
      await page.goto(`chrome-extension://${id}/bench-baseline.html`, { waitUntil: 'commit' });
      blank.push(Number((await shown).text().split(' ')[1]));
      await page.close();
    }
  };
  try {
    await baseline();
    await probeCookies(context, root);

    // The first portal issues the session; the others start knowing its token.
    // No scheduler ticks (tickMs of an hour): 500 portals ticking every second would load the machine, not the extension.
    const tickMs = 3_600_000;
    const first = await startPortal({ port: 0, dataDir: path.join(root, 'p0'), latencyMs, testControls: true, tickMs });
    portals.push(first);
    await (await signInOnPortal(context, first.url)).close();
    // The cookie holds the token URL-escaped (%2B %2F %3D), as the server writes it.
    const token = decodeURIComponent((await authCookie(context, first.url))!.value);
    for (let i = 1; i < count; i++) {
      const dataDir = path.join(root, `p${i}`);
      mkdirSync(dataDir, { recursive: true });
      seedSession(dataDir, token);
      portals.push(await startPortal({ port: 0, dataDir, latencyMs, testControls: true, tickMs }));
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

    // Add them through the background, as the import on the options page does after the permission (granted in this build).
    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    for (let i = 0; i < portals.length; i += 1000) {
      const list = portals.slice(i, i + 1000).map((p, j) => ({ origin: p.url, name: `Portal ${String(i + j + 1).padStart(3, '0')}` }));
      const reply = await options.evaluate((l) => (globalThis as unknown as Chrome).chrome.runtime.sendMessage({ type: 'portals.import', portals: l }), list);
      if (!reply.ok) throw new Error(`portals.import: ${JSON.stringify(reply.failure)}`);
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
      // The overview checks nothing by itself (a portal's view does): only the portal rows' sign-in answers
      // remain, asked for the rows near the screen (all of them in an older build). Settled when the
      // portals have had no request for half a second.
      for (let last = -1, now = totalAsked(); now !== last; last = now, now = totalAsked()) await options.waitForTimeout(500);
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
    const requests: string[] = [];
    // Room names a round could not know come after its rows' health (utils/background/health.ts):
    // how long after a cold refresh's rows every row names its room.
    const names: number[] = [];
    const namesShown = async () => {
      const start = Date.now();
      await options.waitForFunction(
        () => [...document.querySelectorAll('table.overview tbody tr')].every((r) => r.children[4]?.textContent?.includes('Backups')),
        undefined,
        { timeout: 60_000, polling: 50 },
      );
      return Date.now() - start;
    };
    for (let i = 0; i < runs; i++) {
      takeAsked(count);
      await coldStart();
      if (i === 0) requests.push(`page open ${takeAsked(count)}`);
      let cpu = cpuByThread(ext);
      const c = await refresh();
      // The cold round's work ends with the room names it looks up after its rows (health.ts):
      // warm is the next refresh once that one is over, not one racing its tail.
      const namesMs = await namesShown();
      if (i === 0) names.push(namesMs);
      if (i === 0) requests.push(`cold      ${takeAsked(count)}\n      ${cpuSince(cpu, ext)}`);
      cpu = cpuByThread(ext);
      const w = await refresh();
      if (i === 0) requests.push(`warm      ${takeAsked(count)}\n      ${cpuSince(cpu, ext)}`);
      // A day later: the settings cache (24 h) has expired, the health records are still there.
      await forget(['settings:']);
      takeAsked(count);
      cpu = cpuByThread(ext);
      const e = await refresh();
      if (i === 0) requests.push(`settings  ${takeAsked(count)}\n      ${cpuSince(cpu, ext)}`);
      cold.push(c.last);
      warm.push(w.last);
      expired.push(e.last);
      firstRow.cold.push(c.first);
      firstRow.warm.push(w.first);
      firstRow.expired.push(e.first);
      states = w.states;
    }
    const namesMs = names[0] ?? NaN;
    // BENCH_OVERVIEW_PROFILE=<dir>: one more cold and warm refresh under the CPU profiler (not in the figures above).
    const profileDir = process.env.BENCH_OVERVIEW_PROFILE;
    if (profileDir) {
      const prof = await profiler(context, options);
      await coldStart();
      console.log(`\nCPU profiles (self time, sampled every 0.2 ms) → ${profileDir}`);
      for (const label of ['cold', 'warm']) {
        await prof.start();
        const r = await refresh();
        console.log(`  ${label} refresh: ${r.last.toFixed(0)} ms`);
        await prof.stop(profileDir, label);
      }
    }
    await baseline();
    const tally = Object.entries(states.reduce<Record<string, number>>((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {}))
      .map(([s, n]) => `${n} ${s}`)
      .join(', ');
    const c = stats(cold);
    const w = stats(warm);
    const e = stats(expired);
    const fmt = (n: number) => n.toFixed(0).padStart(7);
    // Requests per portal before the rows are done: cold = schedule + settings (together; the room's name comes
    // after every row, see "names" below); warm = schedule. A portal's own requests take at least `stages` round trips.
    // The requests counted above say what each refresh really asked.
    const floor = (perPortal: number, stages: number) => Math.max(stages, Math.ceil((count * perPortal) / GLOBAL_LIMIT)) * latencyMs;
    const line = (label: string, v: ReturnType<typeof stats>, target: number, fl: number) =>
      `  ${label.padEnd(8)}  ${fmt(v.median)}  ${fmt(v.min)}  ${fmt(v.max)}  ${fmt(target)}   ${(v.median / target).toFixed(2).padStart(13)}   ${fmt(fl)}`;
    console.log(`\nOverview: "Refresh all" → every row updated (${count} portals answering after ${latencyMs} ms, ${runs} runs each, ms)`);
    console.log(`              median      min      max   target   median/target   queue floor`);
    console.log(line('cold', c, TARGETS.coldMs, floor(2, 1)));
    console.log(line('warm', w, TARGETS.warmMs, floor(1, 1)));
    console.log(line('settings', e, TARGETS.coldMs, floor(2, 1)));
    const fr = (v: number[]) => stats(v).median.toFixed(0);
    const load = loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(`  blank extension page (this machine's floor, 10 opens around the runs): median ${stats(blank).median.toFixed(0)} ms, max ${stats(blank).max.toFixed(0)}; load average ${load}`);
    console.log(`  first row updated (median ms, target ${TARGETS.firstRowMs}): cold ${fr(firstRow.cold)}, warm ${fr(firstRow.warm)}, settings ${fr(firstRow.expired)}`);
    console.log(`  rows after the last warm refresh: ${tally}`);
    console.log(`  every row names its room ${namesMs} ms after the cold refresh's rows were updated (warm starts after that)`);
    console.log(`  asked of the portals during the first run's refreshes (counted at the portals' HTTP servers), and CPU by process/thread (/proc):`);
    for (const r of requests) console.log(`    ${r}`);
    console.log(`  cold: first refresh (2 requests a portal: schedule and settings together; the room's name after the rows); warm: the next one, once the cold one has named its rooms (1: schedule);`);
    console.log(`  settings: settings cache expired, health known (2). Limits: ${PER_PORTAL_LIMIT} requests per portal, ${GLOBAL_LIMIT} in all`);
    console.log(`  (utils/background/limits.ts). Queue floor = max(round trips a portal needs, ceil(portals × requests / ${GLOBAL_LIMIT})) × latency.`);

    // The overview with every row: sort, filter, search, each until the next frame (render, style and layout).
    const timeChange = (selector: string, value: string) =>
      options.evaluate(
        ({ selector, value }) =>
          new Promise<number>((resolve) => {
            const el = document.querySelector(selector) as HTMLSelectElement | HTMLInputElement;
            const t0 = performance.now();
            el.value = value;
            el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
            requestAnimationFrame(() => {
              void document.body.offsetHeight;
              resolve(performance.now() - t0);
            });
          }),
        { selector, value },
      );
    const ui: Record<string, number[]> = { 'sort by state': [], 'sort by name': [], 'filter: none shown': [], 'filter: all shown': [], 'search, one match': [], 'search cleared': [] };
    for (let i = 0; i < 5; i++) {
      ui['sort by state']!.push(await timeChange('#overview-sort', 'state'));
      ui['sort by name']!.push(await timeChange('#overview-sort', 'name'));
      ui['filter: none shown']!.push(await timeChange('#overview-filter', 'vanished'));
      ui['filter: all shown']!.push(await timeChange('#overview-filter', 'all'));
      ui['search, one match']!.push(await timeChange('#overview-search', 'Portal 250'));
      ui['search cleared']!.push(await timeChange('#overview-search', ''));
    }
    const rows = await options.locator('table.overview tbody tr').count();
    console.log(`\nOverview with ${rows} rows: change → next frame (5 runs each, ms; target ${TARGETS.renderMs})`);
    for (const [label, v] of Object.entries(ui)) {
      const st = stats(v);
      console.log(`  ${label.padEnd(20)} median ${st.median.toFixed(1).padStart(6)}   max ${st.max.toFixed(1).padStart(6)}`);
    }

    // The settings page opened afresh with every portal: navigation start → every row drawn with its record.
    const loads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await context.newPage();
      await page.addInitScript((n) => {
        new MutationObserver((_, obs) => {
          if (document.querySelectorAll('table.overview tbody tr:not([data-state="none"])').length >= n) {
            console.log(`bench:rows ${performance.now()}`);
            obs.disconnect();
          }
        }).observe(document, { childList: true, subtree: true, attributes: true });
      }, count);
      const shown = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('bench:rows '), timeout: 30_000 });
      await page.goto(`chrome-extension://${id}/options.html`, { waitUntil: 'commit' });
      loads.push(Number((await shown).text().split(' ')[1]));
      await page.close();
    }
    console.log(`  settings page opened → all ${count} rows drawn with their state: median ${stats(loads).median.toFixed(0)} ms (from navigation start)`);

    // Memory of the settings page with every row, after the refreshes.
    const cdp = await context.newCDPSession(options);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    console.log(
      `\nSettings page memory (${count} portals, after a garbage collection): JS heap ${(metric('JSHeapUsedSize') / 1048576).toFixed(1)} MB used` +
        ` of ${(metric('JSHeapTotalSize') / 1048576).toFixed(1)} MB, ${metric('Nodes')} DOM nodes, ${metric('JSEventListeners')} event listeners`,
    );

    // One periodic round (the alarm), and a second alarm while it runs: it must join, not start another.
    // Measured with the settings page open, then with no extension page open (how it usually runs).
    const worker = context.serviceWorkers().find((sw) => sw.url().includes(id)) ?? (await context.waitForEvent('serviceworker'));
    type Round = { startedAt: number; finishedAt?: number; portals: number; joined: number } | null;
    const readRound = () =>
      worker.evaluate(async () => {
        const chrome = (globalThis as unknown as Chrome).chrome;
        const got = await chrome.storage.local.get(null);
        return (got['checks:round'] ?? null) as Round;
      });
    const fire = () =>
      worker.evaluate(() => {
        const chrome = (globalThis as unknown as { chrome: { alarms: { create(n: string, i: object): Promise<void> } } }).chrome;
        return chrome.alarms.create('health-check', { when: Date.now() + 10, periodInMinutes: 360 });
      });
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const periodicRound = async (label: string) => {
      const before = Date.now();
      await fire();
      let round: Round = null;
      for (let i = 0; i < 600 && !(round && round.startedAt >= before); i++) {
        await pause(50);
        round = await readRound();
      }
      if (!round || round.startedAt < before) {
        console.log(`\nPeriodic check (${label}): the alarm did not fire within 30 s (Chromium may hold alarms to its 30 s minimum); not measured.`);
        return;
      }
      const firedAgainAt = Date.now();
      await fire();
      for (let i = 0; i < 1200 && !round?.finishedAt; i++) {
        await pause(50);
        round = await readRound();
      }
      const period = 360 * 60_000;
      const took = round?.finishedAt ? round.finishedAt - round.startedAt : NaN;
      console.log(`\nPeriodic check of every portal (the alarm's round, ${label}): ${round?.portals} portals in ${took.toFixed(0)} ms,`);
      console.log(`  ${((took / period) * 100).toFixed(4)} % of the 6-hour alarm period (${((took / 3_600_000) * 100).toFixed(3)} % of the shortest, 1 hour).`);
      const joined = round?.joined ?? 0;
      console.log(
        `  a second alarm ${firedAgainAt - round!.startedAt} ms into the round: ${joined > 0 ? `joined it (joined = ${joined}), no second round` : round?.finishedAt && round.finishedAt < firedAgainAt ? 'came after the round had ended' : 'did not fire while it ran'}.`,
      );
    };
    await periodicRound('settings page open');
    for (const page of context.pages()) await page.close();
    await periodicRound('no extension page open');
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
