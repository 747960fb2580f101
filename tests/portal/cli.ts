// Command line: npx tsx tests/portal/cli.ts --port 8092 --data .portal-data …
import { resolve } from 'node:path';
import { parseArgs, USAGE } from './lib/cli-args';
import { cookieSummary } from './lib/session-cookie';
import { trustHint } from './lib/tls';
import { startPortal, type RunningPortal } from './server';

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if ('help' in parsed) {
    process.stdout.write(USAGE);
    return;
  }
  if ('error' in parsed) {
    process.stderr.write(`${parsed.error}\n\n${USAGE}`);
    process.exit(2);
  }
  const a = parsed.args;
  const dataDir = resolve(a.dataDir);
  const running: RunningPortal[] = [];
  const closeAll = async () => {
    await Promise.all(running.map((r) => r.close()));
  };

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`Received ${signal}, stopping.\n`);
    void closeAll().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  try {
    for (let i = 0; i < a.portals; i++) {
      const port = a.port === 0 ? 0 : a.port + i;
      const portal = await startPortal(
        {
          port,
          dataDir,
          mode: a.mode,
          timezone: a.timezone,
          testControls: a.testControls,
          latencyMs: a.latencyMs,
          backupSeconds: a.backupSeconds,
          https: a.https,
          sameSite: a.sameSite,
          partitioned: a.partitioned,
          host: a.hosts[i],
        },
        // Distinct hosts keep their state by host (stable whatever the port); otherwise by port.
        a.portals > 1 ? (p) => resolve(dataDir, new Set(a.hosts).size > 1 ? a.hosts[i]! : String(p)) : undefined,
      );
      running.push(portal);
      process.stdout.write(`DocSpace portal listening on ${portal.url}\n`);
      if (portal.certificate && i === 0) process.stderr.write(`${trustHint(portal.certificate)}\n`);
    }
    process.stderr.write(
      `(${a.mode}, time zone ${a.timezone}, data in ${dataDir}${a.portals > 1 ? (new Set(a.hosts).size > 1 ? '/<host>' : '/<port>') : ''}${a.testControls ? ', test controls on' : ''}, ` +
        `session cookie ${cookieSummary(a.sameSite, a.partitioned, a.https)})\n`,
    );
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    await closeAll();
    process.exit(1);
  }
}

void main();

