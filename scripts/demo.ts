// What `npm start` checks and tells before and after it starts the demo
// (scripts/start.ts): which ports it needs, whether they are free, the demo
// accounts, and where the extension's icon is.
import { createServer } from 'node:net';
import { DEMO_PASSWORD, isPortalAdmin, USERS } from '../tests/portal/lib/accounts';

/** The environment variable that moves the demo to other ports. */
export const PORT_VARIABLE = 'PORTAL_PORT';
/** The main portal and the two branch portals on the next ports. */
export const PORTS_NEEDED = 3;

/** The main portal's port: PORTAL_PORT, else 8092 (8443 with --https). */
export function demoPort(env: NodeJS.ProcessEnv, https: boolean): { port: number } | { error: string } {
  const raw = env[PORT_VARIABLE];
  if (raw === undefined || raw === '') return { port: https ? 8443 : 8092 };
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65536 - PORTS_NEEDED) {
    return { error: `${PORT_VARIABLE}=${raw} is not a port number (1–${65536 - PORTS_NEEDED}; the demo also uses the next ${PORTS_NEEDED - 1}).` };
  }
  return { port };
}

/** Whether something already listens on host:port (we try to listen there ourselves, and stop at once). */
export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(true) : reject(error)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

/** The ports of `ports` that are taken. */
export async function busyPorts(ports: number[], host = '127.0.0.1'): Promise<number[]> {
  const taken = await Promise.all(ports.map((p) => portInUse(p, host)));
  return ports.filter((_, i) => taken[i]);
}

/** What to tell when the demo's ports are taken: which, and how to pick others. */
export function portBusyMessage(busy: number[], first: number): string {
  const which = busy.length === 1 ? `Port ${busy[0]} is` : `Ports ${busy.join(', ')} are`;
  const other = first === 9092 ? 9192 : 9092;
  return [
    `${which} already in use on 127.0.0.1 (another \`npm start\` or local portal still running?).`,
    `The demo needs ports ${first}–${first + PORTS_NEEDED - 1} (the portal and two branch portals).`,
    `Stop the program that holds ${busy.length === 1 ? 'it' : 'them'}, or pick other ports with ${PORT_VARIABLE}, e.g.:`,
    `  ${PORT_VARIABLE}=${other} npm start`,
  ].join('\n');
}

/** The demo accounts, one line each, and the shared password. */
export function accountLines(): string[] {
  return [
    `Accounts (password ${DEMO_PASSWORD}):`,
    ...USERS.map((u) => `  ${u.email.padEnd(24)} ${isPortalAdmin(u) ? 'can manage backups' : 'cannot manage backups (the extension says so)'}`),
  ];
}

/** Where the toolbar icon is: Chromium puts a new extension in the Extensions (puzzle-piece) menu, unpinned. */
export const TOOLBAR_HINT = [
  "The extension's icon is in the Extensions menu: the puzzle-piece icon right of the address bar.",
  'Click it, then the pin beside "DocSpace Backup" to keep the icon in the toolbar.',
].join('\n');
