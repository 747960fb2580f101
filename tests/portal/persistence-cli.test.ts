import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { B, request, scheduleBody, startTestPortal, tempDir } from './helpers';
import { startPortal } from './server';
import { parseArgs } from './lib/cli-args';

const dirs: string[] = [];
const dir = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const CLI = join(__dirname, 'cli.ts');
const TSX = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');

/** Runs the CLI until it prints its listening line(s) or exits. */
function runCli(args: string[], waitLines = 1): Promise<{ code: number | null; stdout: string; stderr: string; kill(): Promise<number | null> }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const kill = () => {
      child.kill('SIGTERM');
      return exited;
    };
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!settled && stdout.split('\n').filter((l) => l.startsWith('DocSpace portal listening on')).length >= waitLines) {
        settled = true;
        resolve({ code: null, stdout, stderr, kill });
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    void exited.then((code) => {
      if (!settled) {
        settled = true;
        resolve({ code, stdout, stderr, kill });
      }
    });
  });
}

describe('state persistence', () => {
  it('keeps schedules, history and sessions across a restart, in an atomically written state.json', async () => {
    const d = dir();
    const a = await startTestPortal({ dataDir: d });
    const token = await a.login('owner');
    expect((await a.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ cronParams: { period: 2, hour: 4, day: 9 } }) })).status).toBe(200);
    const recent = new Date().toISOString().slice(0, 19);
    await a.control('schedule/lastbackup', { lastBackupTime: recent });
    await a.close();
    expect(readdirSync(d)).toEqual(['state.json']);
    expect(JSON.parse(readFileSync(join(d, 'state.json'), 'utf8')).schedules).toHaveLength(1);

    const b = await startTestPortal({ dataDir: d });
    try {
      const r = await b.call(`${B}/getbackupschedule`, { token });
      expect(r.status).toBe(200);
      expect(r.json.response).toMatchObject({ cronParams: { period: 2, hour: 4, day: 9 }, lastBackupTime: recent });
    } finally {
      await b.close();
    }
  });

  it('checks schedules once at start-up, like the hosted scheduler service', async () => {
    const d = dir();
    const a = await startTestPortal({ dataDir: d });
    const token = await a.login('owner');
    await a.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ cronParams: { period: 0, hour: 0 } }) });
    await a.control('schedule/lastbackup', { lastBackupTime: '2020-01-01T00:00:00' });
    await a.close();
    const b = await startTestPortal({ dataDir: d });
    try {
      const r = await b.call(`${B}/getbackupschedule`, { token });
      expect(r.json.response.lastBackupTime).not.toBe('2020-01-01T00:00:00');
      expect((await b.call(`${B}/getbackuphistory`, { token })).json.response).toHaveLength(1);
    } finally {
      await b.close();
    }
  });

  it('creates a missing data directory and seeds it with no schedule', async () => {
    const d = join(dir(), 'nested', 'deeper');
    const p = await startTestPortal({ dataDir: d });
    try {
      expect(existsSync(join(d, 'state.json'))).toBe(true);
      expect((await p.call(`${B}/getbackupschedule`, { token: await p.login() })).json.count).toBe(0);
    } finally {
      await p.close();
    }
  });

  it('a corrupt state file makes startPortal reject with a one-line message naming the file', async () => {
    const d = dir();
    writeFileSync(join(d, 'state.json'), '{"version":1,');
    const err = await startPortal({ port: 0, dataDir: d }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(new RegExp(`^The portal's state file ${join(d, 'state.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON \\(.*\\)\\. Delete it or fix it\\.$`));
    expect((err as Error).message).not.toContain('\n');
    writeFileSync(join(d, 'state.json'), '[1,2]');
    expect(((await startPortal({ port: 0, dataDir: d }).catch((e: Error) => e)) as Error).message).toMatch(/is not a portal state/);
  });

  it('reset restores the seed but keeps sessions', async () => {
    const p = await startTestPortal();
    try {
      const token = await p.login();
      await p.call(`${B}/createbackupschedule`, { token, body: scheduleBody() });
      await p.control('clock', { advanceMs: 3600_000 });
      await p.control('plan', { paid: false });
      await p.control('faults', { status: 500, times: 0, path: 'nothing-matches' });
      await p.control('reset');
      const s = await p.control('state', undefined, 'GET');
      expect(s).toMatchObject({ schedules: [], history: [], clockOffsetMs: 0, plan: { paid: true }, faults: [] });
      expect((await p.call(`${B}/getbackupschedule`, { token })).status).toBe(200);
    } finally {
      await p.close();
    }
  });
});

describe('test controls', () => {
  it('are unknown routes without the flag', async () => {
    const p = await startPortal({ port: 0, dataDir: dir() });
    try {
      for (const [method, path] of [
        ['GET', '/__test__/state'],
        ['POST', '/__test__/clock'],
        ['POST', '/__test__/reset'],
        ['POST', '/__test__/faults'],
      ] as const) {
        const r = await request(p.url, path, { method, body: method === 'POST' ? {} : undefined });
        expect(r.status).toBe(404);
        expect(r.text).toBe('');
      }
    } finally {
      await p.close();
    }
  });
});

describe('command line', () => {
  it('parses flags and rejects bad ones', () => {
    expect(parseArgs([])).toEqual({
      args: {
        port: 8092,
        dataDir: '.portal-data',
        mode: 'standalone',
        timezone: 'Europe/Berlin',
        testControls: false,
        portals: 1,
        latencyMs: 0,
        backupSeconds: 4,
        https: false,
        partitioned: false,
        hosts: ['127.0.0.1'],
      },
    });
    expect(parseArgs(['--https', '--samesite', 'None', '--partitioned'])).toMatchObject({ args: { https: true, sameSite: 'none', partitioned: true } });
    expect(parseArgs(['--samesite=lax'])).toMatchObject({ args: { sameSite: 'lax' } });
    expect(parseArgs(['--samesite', 'always'])).toHaveProperty('error');
    expect(parseArgs(['--port=0', '--mode', 'cloud', '--timezone', 'Asia/Kolkata', '--test-controls', '--portals', '3', '--latency', '50', '--backup-seconds', '0.5'])).toMatchObject({
      args: { port: 0, mode: 'cloud', timezone: 'Asia/Kolkata', testControls: true, portals: 3, latencyMs: 50, backupSeconds: 0.5 },
    });
    for (const bad of [['--port', 'x'], ['--port', '70000'], ['--mode', 'saas'], ['--timezone', 'Mars/Base'], ['--portals', '0'], ['--latency', '-1'], ['--backup-seconds', '0'], ['--what'], ['--data']]) {
      expect(parseArgs(bad)).toHaveProperty('error');
    }
  });

  it('prints one listening line per portal, uses <dir>/<port> for several, and stops on SIGTERM', async () => {
    const d = dir();
    const run = await runCli(['--port', '0', '--data', d, '--portals', '2', '--test-controls', '--latency', '150'], 2);
    const urls = run.stdout.trim().split('\n');
    expect(urls).toHaveLength(2);
    for (const line of urls) expect(line).toMatch(/^DocSpace portal listening on http:\/\/127\.0\.0\.1:\d+$/);
    const ports = urls.map((u) => u.split(':').pop() as string);
    expect(readdirSync(d).sort()).toEqual([...ports].sort());
    const base = urls[0]?.replace('DocSpace portal listening on ', '') as string;
    const t0 = Date.now();
    expect((await request(base, '/api/2.0/authentication')).json.response).toBe(false);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect((await request(base, '/__test__/state')).status).toBe(200);
    expect(await run.kill()).toBe(0);
  }, 20_000);

  it('exits 2 on bad arguments and 1 on a corrupt state file, without a stack trace', async () => {
    const bad = await runCli(['--mode', 'weird']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--mode must be "standalone" or "cloud"/);
    const d = dir();
    writeFileSync(join(d, 'state.json'), 'garbage');
    const corrupt = await runCli(['--port', '0', '--data', d]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr.trim()).toMatch(/^The portal's state file .*state\.json is not valid JSON \(.*\)\. Delete it or fix it\.$/);
    expect(corrupt.stdout).toBe('');
  }, 20_000);
});
