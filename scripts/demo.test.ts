import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { accountLines, busyPorts, demoPort, portBusyMessage, portInUse, PORT_VARIABLE } from './demo';

const listen = (port = 0) =>
  new Promise<Server>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
const portOf = (s: Server) => (s.address() as { port: number }).port;

describe('npm start: ports', () => {
  const open: Server[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  it('sees a port another program listens on, and a free one as free', async () => {
    const taken = await listen();
    open.push(taken);
    expect(await portInUse(portOf(taken))).toBe(true);
    const free = await listen();
    const freePort = portOf(free);
    await new Promise((r) => free.close(r));
    expect(await portInUse(freePort)).toBe(false);
    // The check itself leaves the port free.
    expect(await portInUse(freePort)).toBe(false);
  });

  it('names exactly the busy ones of the ports it needs', async () => {
    const taken = await listen();
    open.push(taken);
    const p = portOf(taken);
    const free = await listen();
    const q = portOf(free);
    await new Promise((r) => free.close(r));
    expect(await busyPorts([q, p])).toEqual([p]);
  });

  it('tells which port is busy and the variable that picks another', () => {
    const text = portBusyMessage([8092], 8092);
    expect(text).toContain('Port 8092 is already in use');
    expect(text).toContain(`${PORT_VARIABLE}=9092 npm start`);
    expect(portBusyMessage([8093, 8094], 8092)).toContain('Ports 8093, 8094 are');
  });

  it('takes the port from PORTAL_PORT, 8092 (8443 with --https) by default, and refuses a bad one', () => {
    expect(demoPort({}, false)).toEqual({ port: 8092 });
    expect(demoPort({}, true)).toEqual({ port: 8443 });
    expect(demoPort({ [PORT_VARIABLE]: '9100' }, false)).toEqual({ port: 9100 });
    for (const bad of ['abc', '0', '65535', '80.5']) expect(demoPort({ [PORT_VARIABLE]: bad }, false)).toHaveProperty('error');
  });

  it('lists every demo account with the password', () => {
    const lines = accountLines();
    expect(lines[0]).toContain('docspace-demo');
    expect(lines.filter((l) => l.includes('@example.com'))).toHaveLength(5);
  });
});
