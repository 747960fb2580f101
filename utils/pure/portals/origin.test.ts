import { describe, expect, it } from 'vitest';
import { isPortalOrigin, parsePortalOrigin, permissionPattern } from './origin';

describe('parsePortalOrigin', () => {
  it.each([
    ['https://portal.example.com', 'https://portal.example.com'],
    ['portal.example.com', 'https://portal.example.com'],
    ['  portal.example.com  ', 'https://portal.example.com'],
    ['HTTPS://Portal.Example.COM', 'https://portal.example.com'],
    ['https://portal.example.com:443/', 'https://portal.example.com'],
    ['https://portal.example.com:8443', 'https://portal.example.com:8443'],
    ['portal.example.com:8443/rooms', 'https://portal.example.com:8443'],
    ['https://portal.example.com/rooms/shared/filter?folder=5#top', 'https://portal.example.com'],
    ['https://portal.example.com/?q=1', 'https://portal.example.com'],
    ['https://пример.рф/', 'https://xn--e1afmkfd.xn--p1ai'],
  ])('%j → %s', (input, origin) => {
    expect(parsePortalOrigin(input)).toEqual({ ok: true, origin });
  });

  it.each([
    ['http://localhost:8092', 'http://localhost:8092'],
    ['http://localhost/', 'http://localhost'],
    ['http://127.0.0.1:8092/rooms', 'http://127.0.0.1:8092'],
    ['http://[::1]:8092', 'http://[::1]:8092'],
    ['http://branch1.localhost:8093/', 'http://branch1.localhost:8093'],
  ])('plain http is allowed for the loopback host %j', (input, origin) => {
    expect(parsePortalOrigin(input)).toEqual({ ok: true, origin });
  });

  it.each([['portal example.com'], ['not a portal address'], ['https://portal\u00a0example.com'], ['https://exa<mple.com']])(
    'a host with a space or a character no host has is invalid: %j',
    (input) => expect(parsePortalOrigin(input)).toEqual({ ok: false, reason: 'invalid' }),
  );

  it('a bare loopback host also gets https', () => {
    expect(parsePortalOrigin('localhost:8092')).toEqual({ ok: true, origin: 'https://localhost:8092' });
  });

  it.each([['http://portal.example.com'], ['http://localhost.example.com'], ['http://localhost.evil.example'], ['http://127.0.0.2'], ['http://10.0.0.5:8092']])(
    'plain http elsewhere is insecure: %j',
    (input) => {
      expect(parsePortalOrigin(input)).toEqual({ ok: false, reason: 'insecure' });
    },
  );

  it.each([
    ['https://user:secret@portal.example.com'],
    ['https://user@portal.example.com'],
    ['user:secret@portal.example.com'],
    ['http://admin@localhost:8092'],
  ])('credentials in the address are rejected: %j', (input) => {
    expect(parsePortalOrigin(input)).toEqual({ ok: false, reason: 'invalid' });
  });

  it.each([[''], ['   '], ['https://'], ['ftp://portal.example.com'], ['file:///etc/passwd'], ['javascript:alert(1)'], ['https://exa mple.com'], ['ws://localhost:8092']])(
    'not a portal address: %j',
    (input) => {
      expect(parsePortalOrigin(input)).toEqual({ ok: false, reason: 'invalid' });
    },
  );
});

describe('permissionPattern', () => {
  it.each([
    ['https://portal.example.com', 'https://portal.example.com/*'],
    ['https://portal.example.com:8443', 'https://portal.example.com/*'],
    ['http://localhost:8092', 'http://localhost/*'],
    ['http://127.0.0.1:8092', 'http://127.0.0.1/*'],
    // The manifest lists http://[::1]/* (Chromium 156 and Firefox ESR 153 both grant and match it).
    ['http://[::1]:8092', 'http://[::1]/*'],
    ['http://[::1]:8092', 'http://[::1]/*'],
  ])('%s → %s (no port)', (origin, pattern) => {
    expect(permissionPattern(origin)).toBe(pattern);
  });
});

describe('isPortalOrigin', () => {
  it('is true only for an origin exactly as parsePortalOrigin writes it', () => {
    expect(isPortalOrigin('https://portal.example.com')).toBe(true);
    expect(isPortalOrigin('http://localhost:8092')).toBe(true);
    expect(isPortalOrigin('https://portal.example.com/')).toBe(false);
    expect(isPortalOrigin('portal.example.com')).toBe(false);
    expect(isPortalOrigin('HTTPS://PORTAL.EXAMPLE.COM')).toBe(false);
    expect(isPortalOrigin('http://portal.example.com')).toBe(false);
  });
});
