import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_SEC, isBackupId, isFolderId, jsonDepth, portalLink, retryAfterSeconds } from './bounds';

const ORIGIN = 'https://portal.example.com';

describe('portalLink: only the portal’s own origin becomes a Download link', () => {
  it.each([
    ['/backups/file.tar.gz', `${ORIGIN}/backups/file.tar.gz`],
    ['backups/file.tar.gz', `${ORIGIN}/backups/file.tar.gz`],
    [`${ORIGIN}/storage/x?token=1`, `${ORIGIN}/storage/x?token=1`],
  ])('%s → %s', (link, href) => expect(portalLink(link, ORIGIN)).toBe(href));

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<b>x</b>',
    'https://evil.example.com/file.tar.gz',
    '//evil.example.com/file',
    'http://portal.example.com/file',
    'https://portal.example.com:444/file',
    'http://[',
    '',
    null,
    undefined,
  ])('%s → none', (link) => expect(portalLink(link, ORIGIN)).toBeNull());
});

describe('ids by their real shapes', () => {
  it.each([12345, '12345', 'sbox-1', 'sbox-1|/a b', 'box-12-3456'])('folder id %s is accepted', (id) => expect(isFolderId(id)).toBe(true));
  it.each(['..', '.', '../..', '', '0', '-1', 'x', '12345/..', 0, -1, 1.5, Number.NaN, `sbox-1|${'a'.repeat(300)}`, 'sbox-1\n'])(
    'folder id %s is refused',
    (id) => expect(isFolderId(id)).toBe(false),
  );
  it('backup ids are GUIDs', () => {
    expect(isBackupId('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBe(true);
    for (const id of ['..', '.', '', 'abc', '3f2504e0-4f89-41d3-9a0c-0305e82c3301/..', '../3f2504e0-4f89-41d3-9a0c-0305e82c3301']) expect(isBackupId(id)).toBe(false);
  });
});

describe('retryAfterSeconds', () => {
  const now = Date.UTC(2026, 11, 1, 8, 0, 0);
  it('reads delta-seconds and caps them', () => {
    expect(retryAfterSeconds('30', now)).toBe(30);
    expect(retryAfterSeconds('999999999', now)).toBe(MAX_RETRY_AFTER_SEC);
  });
  it('reads the HTTP-date form', () => {
    expect(retryAfterSeconds('Tue, 01 Dec 2026 08:01:00 GMT', now)).toBe(60);
    expect(retryAfterSeconds('Wed, 01 Dec 2060 08:00:00 GMT', now)).toBe(MAX_RETRY_AFTER_SEC);
  });
  it('ignores what it cannot read, or a moment past', () => {
    for (const h of [null, '', 'soon', '-5', '1e3', 'Tue, 01 Dec 2026 07:00:00 GMT', '0']) expect(retryAfterSeconds(h, now)).toBeUndefined();
  });
});

describe('jsonDepth', () => {
  it('measures without recursion, so a deep value does not overflow the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonDepth(deep)).toBeGreaterThan(32);
    expect(jsonDepth({ a: [{ b: 1 }] })).toBe(3);
    expect(jsonDepth('x')).toBe(0);
  });
});
