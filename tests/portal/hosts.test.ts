// Several portals that a browser signs in to separately: distinct loopback hosts.
// Cookies ignore ports (RFC 6265 §8.5), so two portals on 127.0.0.1 share one
// asc_auth_key; on 127.0.0.2 or branch1.localhost each keeps its own.
import { afterAll, describe, expect, it } from 'vitest';
import { EMAILS, PASSWORD, request, startTestPortal, type TestPortal } from './helpers';
import { bindAddressFor } from './server';
import { parseArgs } from './lib/cli-args';

const running: TestPortal[] = [];
afterAll(async () => {
  for (const p of running) await p.close();
});

describe('portal hosts', () => {
  it('binds a loopback address as is and serves *.localhost names on 127.0.0.1', () => {
    expect(bindAddressFor('127.0.0.2')).toBe('127.0.0.2');
    expect(bindAddressFor('branch1.localhost')).toBe('127.0.0.1');
    expect(bindAddressFor('localhost')).toBe('127.0.0.1');
    expect(() => bindAddressFor('example.com')).toThrow(/loopback/);
    expect(() => bindAddressFor('localhost.example.com')).toThrow(/loopback/);
    expect(() => bindAddressFor('127.0.0.300')).toThrow(/loopback/);
  });

  it('a portal on 127.0.0.2 answers there, not on 127.0.0.1', async () => {
    const p = await startTestPortal({ host: '127.0.0.2' });
    running.push(p);
    expect(p.portal.url).toBe(`http://127.0.0.2:${p.portal.port}`);
    expect((await request(p.base, '/api/2.0/people/@self')).status).toBe(401);
    await expect(fetch(`http://127.0.0.1:${p.portal.port}/`)).rejects.toThrow();
  });

  it('a *.localhost portal names itself by that host and keeps its own sessions', async () => {
    const a = await startTestPortal({ host: 'branch1.localhost' });
    const b = await startTestPortal({ host: 'branch2.localhost' });
    running.push(a, b);
    expect(a.portal.url).toBe(`http://branch1.localhost:${a.portal.port}`);
    expect(a.portal.loopbackUrl).toBe(`http://127.0.0.1:${a.portal.port}`);
    const token = await a.login('owner');
    // The cookie a's sign-in sets is host-only (no Domain), so a browser keeps it for branch1.localhost alone.
    const signIn = await request(a.base, '/api/2.0/authentication', { body: { userName: EMAILS.owner, password: PASSWORD } });
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^asc_auth_key=/);
    expect(cookie).not.toMatch(/domain=/i);
    expect((await request(a.base, '/api/2.0/people/@self', { token })).status).toBe(200);
    expect((await request(b.base, '/api/2.0/people/@self', { token })).status).toBe(401);
  });
});

describe('--host and --hosts', () => {
  it('one portal per host, on consecutive ports', () => {
    const r = parseArgs(['--port', '9000', '--hosts', 'branch1.localhost,branch2.localhost,127.0.0.3']);
    expect('args' in r && r.args).toMatchObject({ port: 9000, portals: 3, hosts: ['branch1.localhost', 'branch2.localhost', '127.0.0.3'] });
    const one = parseArgs(['--host', '127.0.0.2']);
    expect('args' in one && one.args).toMatchObject({ portals: 1, hosts: ['127.0.0.2'] });
    const many = parseArgs(['--portals', '2']);
    expect('args' in many && many.args.hosts).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  it.each([
    [['--hosts', 'example.com'], /neither a loopback/],
    [['--hosts', 'a.localhost,a.localhost'], /twice/],
    [['--host', 'a.localhost,b.localhost'], /--hosts/],
    [['--hosts', 'a.localhost,b.localhost', '--portals', '3'], /disagree/],
    [['--host'], /needs a host/],
  ])('refuses %j', (argv, message) => {
    const r = parseArgs(argv);
    expect('error' in r && r.error).toMatch(message);
  });
});
