// In-process entry point: startPortal() for tests, also used by cli.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Portal } from './lib/portal';
import type { Mode } from './lib/portal-core';
import { isValidTimeZone } from './lib/timezone';

export interface StartPortalOptions {
  port?: number;
  dataDir: string;
  mode?: Mode;
  timezone?: string;
  testControls?: boolean;
  latencyMs?: number;
  backupSeconds?: number;
  tickMs?: number;
}

export interface RunningPortal {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULTS = { port: 8092, mode: 'standalone' as Mode, timezone: 'Europe/Berlin', backupSeconds: 4, tickMs: 1000 };

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(e.code === 'EADDRINUSE' ? new Error(`Port ${port} is already in use.`) : e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/**
 * Starts one portal on 127.0.0.1. `dataDir` may be a function of the bound port
 * (the CLI's --portals gives each portal `<dir>/<port>`). Rejects with a plain
 * Error (one-line message) for a corrupt state file or a busy port.
 */
export async function startPortal(opts: StartPortalOptions, dataDirFor?: (port: number) => string): Promise<RunningPortal> {
  const timezone = opts.timezone ?? DEFAULTS.timezone;
  if (!isValidTimeZone(timezone)) throw new Error(`Unknown time zone "${timezone}".`);
  const mode = opts.mode ?? DEFAULTS.mode;
  if (mode !== 'standalone' && mode !== 'cloud') throw new Error(`Unknown mode "${String(mode)}".`);

  let portal: Portal | undefined;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    if (!portal) {
      res.writeHead(503).end();
      return;
    }
    void portal.handle(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Clients that drop requests must not crash the process.
  server.on('clientError', (_e, socket) => socket.destroy());

  const port = await listen(server, opts.port ?? DEFAULTS.port);
  try {
    portal = new Portal(
      {
        mode,
        timezone,
        testControls: opts.testControls ?? false,
        latencyMs: opts.latencyMs ?? 0,
        backupSeconds: opts.backupSeconds ?? DEFAULTS.backupSeconds,
        tickMs: opts.tickMs ?? DEFAULTS.tickMs,
      },
      dataDirFor ? dataDirFor(port) : opts.dataDir,
    );
    portal.port = port;
    portal.start();
  } catch (e) {
    await new Promise<void>((r) => server.close(() => r()));
    throw new Error((e as Error).message, { cause: e });
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        portal?.stop();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}
