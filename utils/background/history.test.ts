import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DocSpaceClient } from './docspace-client';
import type { BackupProgress, HistoryRecord } from '../pure/docspace/schemas';
import { withLinks } from './history';

const ORIGIN = 'https://portal.example.com';
const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const record: HistoryRecord = { id: ID, fileName: 'portal_2026-12-01_02-00-00.tar.gz', storageType: 4, createdOn: '2026-12-01T02:05:00', expiresOn: '2099-01-01T00:00:00' };

function clientWith(progress: Partial<BackupProgress>): DocSpaceClient {
  const p = { isCompleted: true, progress: 100, error: '', status: 2, taskId: ID, ...progress } as BackupProgress;
  return { origin: ORIGIN, getBackupProgress: async () => p } as unknown as DocSpaceClient;
}

beforeEach(() => fakeBrowser.reset());

describe('withLinks: a temporary copy gets its task’s link, only on the portal’s own origin', () => {
  it('a relative link becomes the portal’s download address', async () => {
    const [entry] = await withLinks(clientWith({ link: '/backupFileUpload.ashx?x=1' }), ORIGIN, [record]);
    expect(entry?.link).toBe(`${ORIGIN}/backupFileUpload.ashx?x=1`);
  });

  it.each(['javascript:alert(1)', 'https://evil.example.net/file.tar.gz', 'data:text/html,x', '//evil.example.net/x'])(
    '%s is no download link',
    async (link) => {
      const [entry] = await withLinks(clientWith({ link }), ORIGIN, [record]);
      expect(entry).toEqual(record);
    },
  );

  it('a cancelled task (status 3) offers nothing', async () => {
    const [entry] = await withLinks(clientWith({ link: '/file', status: 3 }), ORIGIN, [record]);
    expect(entry).toEqual(record);
  });
});
