import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDocSpaceClient } from '../../utils/background/docspace-client';
import { PortalError } from '../../utils/pure/docspace/failure';
import { B, startTestPortal, type TestPortal } from './helpers';

// Issue 11: a portal answering 302/307 towards another host must not make the
// client follow, whatever the method: a 307 would re-send the S3 secret there.
let t: TestPortal;
let token: string;
let other: Server;
let otherUrl: string;
let reached: string[];

beforeAll(async () => {
  t = await startTestPortal();
  token = await t.login('owner');
  other = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      reached.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''} ${body}`);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ response: true, status: 0, statusCode: 200 }));
    });
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => other.close(resolve));
});
beforeEach(async () => {
  reached = [];
  await t.control('faults', undefined, 'DELETE');
});

const client = () => createDocSpaceClient({ origin: t.base, auth: { kind: 'header', token } });

describe('redirects from the local portal', () => {
  it.each([301, 302, 303, 307, 308])('%s on createbackupschedule: nothing reaches the other host', async (status) => {
    await t.control('faults', { path: 'createbackupschedule', status, headers: { Location: `${otherUrl}/steal` } });
    const error = await client()
      .saveSchedule({
        storageType: 5,
        storageParams: [{ key: 'module', value: 's3' }, { key: 'bucket', value: 'b' }, { key: 'secretkey', value: 'S3CRET' }],
        backupsStored: 3,
        cronParams: { period: 0, hour: 2, day: 0 },
        dump: false,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortalError);
    expect((error as PortalError).failure).toEqual({ kind: 'redirected', location: `${otherUrl}/steal` });
    expect(reached).toEqual([]);
  });

  it('a redirect on a read is refused too, and the portal’s real answer comes next time', async () => {
    await t.control('faults', { path: 'getbackupschedule', status: 302, headers: { Location: `${otherUrl}${B}/getbackupschedule` } });
    await expect(client().getSchedule()).rejects.toMatchObject({ failure: { kind: 'redirected' } });
    expect(reached).toEqual([]);
    await expect(client().getSchedule()).resolves.toBeNull();
  });
});
