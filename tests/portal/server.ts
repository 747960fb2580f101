// In-process entry point: startPortal() for tests, also used by cli.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { Portal } from './lib/portal';
import type { Mode } from './lib/portal-core';
import type { SameSite } from './lib/session-cookie';
import { isValidTimeZone } from './lib/timezone';
import { portalCertificate, type PortalCertificate } from './lib/tls';

export interface StartPortalOptions {
  port?: number;
  dataDir: string;
  mode?: Mode;
  timezone?: string;
  testControls?: boolean;
  latencyMs?: number;
  backupSeconds?: number;
  tickMs?: number;
  /** Serve HTTPS with a self-signed certificate kept in <data>/tls (made with openssl). */
  https?: boolean;
  /** `web:samesite` for the session cookie (default: not set, Strict). */
  sameSite?: SameSite;
  /** 3.8.0: Partitioned on a SameSite=None; Secure session cookie. */
  partitioned?: boolean;
  /**
   * The host the portal is reached at (default 127.0.0.1): '::1' gives http://[::1]:port; a loopback
   * address (`127.0.0.2`…) is bound as is; a `*.localhost` name (`branch1.localhost`) is served on
   * 127.0.0.1. Cookies ignore ports, so portals a browser signs in to separately need distinct hosts.
   */
  host?: string;
  /** Users whose sign-in asks for a 2FA code (never completed here): no asc_auth_key is issued. */
  tfaUsers?: string[];
}

export interface RunningPortal {
  /** The portal's address as a browser uses it (its host name, if one was given). */
  url: string;
  /** The same portal by IP, for Node's fetch (which does not resolve `*.localhost` names). */
  loopbackUrl: string;
  host: string;
  port: number;
  /** With `https`: the certificate served, for a person (or a test) to trust. */
  certificate?: PortalCertificate;
  close(): Promise<void>;
}

export const DEFAULTS = { port: 8092, mode: 'standalone' as Mode, timezone: 'Europe/Berlin', backupSeconds: 4, tickMs: 1000 };

const LOOPBACK_IPV4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const LOCALHOST_NAME = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+localhost$/;

const bracketed = (host: string) => (host.includes(':') ? `[${host}]` : host);

/** The address to bind for a portal host; throws for a host that is not on this machine's loopback. */
export function bindAddressFor(host: string): string {
  const ip = LOOPBACK_IPV4.exec(host);
  if (ip && ip.slice(1).every((n) => Number(n) <= 255)) return host;
  if (host === '::1') return host;
  if (host === 'localhost' || LOCALHOST_NAME.test(host)) return '127.0.0.1';
  throw new Error(`Host "${host}" is neither a loopback address (127.x.y.z) nor a *.localhost name.`);
}

function listen(server: Server | HttpsServer, port: number, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(e.code === 'EADDRINUSE' ? new Error(`Port ${port} on ${address} is already in use.`) : e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, address);
  });
}

/**
 * Starts one portal on 127.0.0.1 (or `opts.host`). `dataDir` may be a function of the bound port
 * (the CLI's --portals gives each portal `<dir>/<port>`). Rejects with a plain
 * Error (one-line message) for a corrupt state file or a busy port.
 */
export async function startPortal(opts: StartPortalOptions, dataDirFor?: (port: number) => string): Promise<RunningPortal> {
  const timezone = opts.timezone ?? DEFAULTS.timezone;
  if (!isValidTimeZone(timezone)) throw new Error(`Unknown time zone "${timezone}".`);
  const mode = opts.mode ?? DEFAULTS.mode;
  if (mode !== 'standalone' && mode !== 'cloud') throw new Error(`Unknown mode "${String(mode)}".`);
  const host = (opts.host ?? '127.0.0.1').toLowerCase();
  const address = bindAddressFor(host);

  let portal: Portal | undefined;
  const sockets = new Set<Socket>();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (!portal) {
      res.writeHead(503).end();
      return;
    }
    void portal.handle(req, res);
  };
  // One certificate in <data>/tls (shared by --portals N), kept across restarts.
  const certificate = opts.https ? portalCertificate(join(opts.dataDir, 'tls')) : undefined;
  const server: Server | HttpsServer = certificate ? createHttpsServer({ cert: certificate.cert, key: certificate.key }, onRequest) : createServer(onRequest);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Clients that drop requests must not crash the process.
  server.on('clientError', (_e, socket) => socket.destroy());

  const port = await listen(server, opts.port ?? DEFAULTS.port, address);
  try {
    portal = new Portal(
      {
        mode,
        timezone,
        testControls: opts.testControls ?? false,
        latencyMs: opts.latencyMs ?? 0,
        backupSeconds: opts.backupSeconds ?? DEFAULTS.backupSeconds,
        tickMs: opts.tickMs ?? DEFAULTS.tickMs,
        sameSite: opts.sameSite,
        partitioned: opts.partitioned ?? false,
        tfaUsers: opts.tfaUsers,
      },
      dataDirFor ? dataDirFor(port) : opts.dataDir,
    );
    portal.port = port;
    portal.host = host;
    portal.start();
  } catch (e) {
    await new Promise<void>((r) => server.close(() => r()));
    throw new Error((e as Error).message, { cause: e });
  }

  let closing: Promise<void> | undefined;
  return {
    url: `${certificate ? 'https' : 'http'}://${bracketed(host)}:${port}`,
    loopbackUrl: `${certificate ? 'https' : 'http'}://${bracketed(address)}:${port}`,
    host,
    port,
    certificate,
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
