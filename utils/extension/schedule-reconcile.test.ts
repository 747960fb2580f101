import { expect, it } from 'vitest';
import type { LoadedSchedule } from '../pure/messages/protocol';
import { formFromSchedule } from '../pure/schedule/form';
import { draftMatches } from './schedule-reconcile';

// A draft is removed only when nothing typed in it would be lost: the portal stores exactly what it asks for.
const s3 = { module: 's3', bucket: 'b', region: 'eu-west-1', accesskey: 'AK', secretaccesskey: 'SK' };
const loaded = (storageParams: Record<string, string>): LoadedSchedule => ({
  schedule: { storageType: 5, storageParams, backupsStored: 3, cronParams: { period: 0, hour: 2, day: 0 }, lastBackupTime: '0001-01-01T00:00:00', dump: false },
  portal: { timezone: 'UTC', standalone: false },
  fingerprint: 'x',
  fetchedAt: 0,
});
const draftOf = (params: Record<string, string>) => {
  const form = formFromSchedule(loaded(params).schedule);
  return { form, base: 'x', savedAt: 0 };
};

it('a draft asking for what the portal stores matches', () => {
  expect(draftMatches(draftOf(s3), loaded(s3))).toBe(true);
});

it('a draft whose secret the portal does not return is kept', () => {
  const { secretaccesskey: _secret, ...withoutSecret } = s3;
  expect(draftMatches(draftOf({ ...s3, secretaccesskey: 'NEW' }), loaded(withoutSecret))).toBe(false);
});

it('a draft where the user emptied a field the portal still stores is kept', () => {
  const draft = draftOf(s3);
  draft.form.moduleProps.s3!.region = '';
  expect(draftMatches(draft, loaded(s3))).toBe(false);
});
