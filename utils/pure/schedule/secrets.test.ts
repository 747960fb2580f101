import { describe, expect, it } from 'vitest';
import { isSecretParam, withoutSecrets } from './secrets';

describe('isSecretParam', () => {
  it.each([
    'accesskey',
    'secretaccesskey',
    'AccessKeyId',
    'secret_key',
    'clientSecret',
    'token',
    'refresh_token',
    'password',
    'authPwd',
    'passwd',
    'credentials',
    'private_key_id',
    'private-key',
    'apikey',
    'ssekey',
    'authUser',
    'json',
    'JSON',
    'certificate',
    'signature',
  ])('treats "%s" as secret', (key) => {
    expect(isSecretParam(key)).toBe(true);
  });

  it.each(['folderId', 'module', 'bucket', 'region', 'serviceurl', 'forcepathstyle', 'usehttp', 'sse', 'private_container', 'public_container', 'filePath'])(
    'keeps "%s"',
    (key) => {
      expect(isSecretParam(key)).toBe(false);
    },
  );

  it('treats a private key or a credential file as secret whatever its key is called', () => {
    expect(isSecretParam('note', '-----BEGIN RSA PRIVATE KEY-----\nMIIE…')).toBe(true);
    expect(isSecretParam('config', '{"type":"service_account","private_key": "x"}')).toBe(true);
    expect(isSecretParam('bucket', 'company-backups')).toBe(false);
    expect(isSecretParam('bucket', null)).toBe(false);
  });
});

describe('withoutSecrets', () => {
  it('keeps the rest and names what it left out', () => {
    expect(withoutSecrets({ module: 's3', bucket: 'b', accesskey: 'AKIA', secretaccesskey: 's', region: null })).toEqual({
      kept: { module: 's3', bucket: 'b', region: null },
      dropped: ['accesskey', 'secretaccesskey'],
    });
  });
});
