// /api/2.0/settings, /settings/timezones, /settings/storage/backup, /settings/storage/s3/regions.
import { isPortalAdmin, OWNER } from './accounts';
import { ST } from './backup-service';
import { sendSuccess } from './envelope';
import { authorizingError, keyNotFound } from './errors';
import { sendEmpty } from './http';
import type { Portal } from './portal';
import { isStandalone } from './portal-core';
import { bindDump } from './request-binding';
import type { Router } from './router';
import { baseOffsetMinutes, formatTimeSpan, offsetMinutes } from './timezone';

/** Backup storages (DataStoreConsumer) with their non-secret fields, in consumer order. */
const STORAGES: ReadonlyArray<{ id: string; title: string; isSet: boolean; keys: Array<[string, string]> }> = [
  {
    id: 's3',
    title: 'Amazon AWS S3',
    isSet: true,
    keys: [
      ['bucket', 'Bucket'],
      ['region', 'Region'],
      ['serviceurl', 'Service Url'],
      ['forcepathstyle', 'Force Path Style'],
      ['usehttp', 'Use Http'],
      ['sse', 'Server Side Encryption Method'],
      ['ssekey', 'KMS Key Id'],
    ],
  },
  { id: 'googlecloud', title: 'Google Cloud Storage', isSet: true, keys: [['bucket', 'Bucket']] },
  {
    id: 'rackspace',
    title: 'Rackspace Cloud Storage',
    isSet: false,
    keys: [
      ['public_container', 'Public container'],
      ['private_container', 'Private container'],
      ['region', 'Region'],
    ],
  },
  {
    id: 'selectel',
    title: 'Selectel Cloud Storage',
    isSet: false,
    keys: [
      ['private_container', 'Private container'],
      ['public_container', 'Public container'],
    ],
  },
];

/** RegionEndpoint.EnumerableAllRegions of the AWS SDK, as serialized. */
const S3_REGIONS: ReadonlyArray<[string, string]> = [
  ['af-south-1', 'Africa (Cape Town)'],
  ['ap-east-1', 'Asia Pacific (Hong Kong)'],
  ['ap-northeast-1', 'Asia Pacific (Tokyo)'],
  ['ap-northeast-2', 'Asia Pacific (Seoul)'],
  ['ap-northeast-3', 'Asia Pacific (Osaka)'],
  ['ap-south-1', 'Asia Pacific (Mumbai)'],
  ['ap-south-2', 'Asia Pacific (Hyderabad)'],
  ['ap-southeast-1', 'Asia Pacific (Singapore)'],
  ['ap-southeast-2', 'Asia Pacific (Sydney)'],
  ['ap-southeast-3', 'Asia Pacific (Jakarta)'],
  ['ap-southeast-4', 'Asia Pacific (Melbourne)'],
  ['ca-central-1', 'Canada (Central)'],
  ['ca-west-1', 'Canada West (Calgary)'],
  ['eu-central-1', 'Europe (Frankfurt)'],
  ['eu-central-2', 'Europe (Zurich)'],
  ['eu-north-1', 'Europe (Stockholm)'],
  ['eu-south-1', 'Europe (Milan)'],
  ['eu-south-2', 'Europe (Spain)'],
  ['eu-west-1', 'Europe (Ireland)'],
  ['eu-west-2', 'Europe (London)'],
  ['eu-west-3', 'Europe (Paris)'],
  ['il-central-1', 'Israel (Tel Aviv)'],
  ['me-central-1', 'Middle East (UAE)'],
  ['me-south-1', 'Middle East (Bahrain)'],
  ['sa-east-1', 'South America (Sao Paulo)'],
  ['us-east-1', 'US East (N. Virginia)'],
  ['us-east-2', 'US East (Ohio)'],
  ['us-west-1', 'US West (N. California)'],
  ['us-west-2', 'US West (Oregon)'],
  ['us-gov-east-1', 'AWS GovCloud (US-East)'],
  ['us-gov-west-1', 'AWS GovCloud (US-West)'],
  ['cn-north-1', 'China (Beijing)'],
  ['cn-northwest-1', 'China (Ningxia)'],
];

let timezoneCache: Array<{ id: string; displayName: string }> | undefined;

/** Every Intl zone with "(UTC±hh:mm) <generic name>", ordered by base offset like GetTimeZones. */
function timezoneList(): Array<{ id: string; displayName: string }> {
  if (timezoneCache) return timezoneCache;
  const zones = Intl.supportedValuesOf('timeZone');
  if (!zones.includes('UTC')) zones.push('UTC');
  const rows = zones.map((id) => {
    const base = baseOffsetMinutes(id);
    const generic =
      new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: 'longGeneric' }).formatToParts(Date.UTC(2026, 0, 1)).find((x) => x.type === 'timeZoneName')
        ?.value ?? id;
    const sign = base < 0 ? '-' : '+';
    const hhmm = formatTimeSpan(Math.abs(base)).slice(0, 5);
    return { id, base, displayName: `(UTC${sign}${hhmm}) ${generic === id ? id : `${generic} (${id})`}` };
  });
  rows.sort((a, b) => a.base - b.base || a.id.localeCompare(b.id));
  timezoneCache = rows.map(({ id, displayName }) => ({ id, displayName }));
  return timezoneCache;
}

export function registerSettingsRoutes(router: Router, p: Portal): void {
  const S = 'ASC.Web.Api.Controllers.Settings';

  router.add('GET', '/api/2.0/settings', { anonymous: true, where: `${S}.SettingsController.GetPortalSettings(PortalSettingsRequestDto inDto)` }, (ctx, pr) => {
    const standalone = isStandalone(p);
    const out: Record<string, unknown> = {};
    const tz = p.opts.timezone;
    const offset = offsetMinutes(p.clock.now(), tz);
    if (pr) {
      out.timezone = tz;
      out.trustedDomains = [];
      out.trustedDomainsType = 0;
    }
    out.culture = 'en-US';
    out.utcOffset = pr ? formatTimeSpan(offset) : '00:00:00';
    out.utcHoursOffset = pr ? offset / 60 : 0;
    out.greetingSettings = 'Web Office';
    out.ownerId = pr ? OWNER.id : '00000000-0000-0000-0000-000000000000';
    if (pr) out.nameSchemaId = 'Common';
    else {
      out.enabledJoin = false;
      out.thirdpartyEnable = false;
    }
    out.enableAdmMess = false;
    out.docSpace = true;
    out.standalone = standalone;
    out.isAmi = false;
    out.baseDomain = standalone ? 'localhost' : 'onlyoffice.io';
    if (!pr) out.passwordHash = { size: 256, iterations: 100000, salt: '4d3b8e6a0c1f2e5d7a9b8c6d4e2f0a1b' };
    if (pr) {
      out.firebase = { apiKey: '', authDomain: '', projectId: '', storageBucket: '', messagingSenderId: '', appId: '', measurementId: '', databaseURL: '' };
    }
    out.version = '3.7.2.1910';
    out.recaptchaType = 0;
    out.debugInfo = false;
    if (pr) out.socketUrl = '/socket.io';
    out.tenantStatus = 0;
    out.tenantAlias = p.alias;
    out.displayAbout = true;
    if (pr) {
      out.domainValidator = { regex: '^[a-z0-9]([a-z0-9-]){1,98}[a-z0-9]$', minLength: 3, maxLength: 100 };
    }
    out.cookieSettingsEnabled = false;
    out.limitedAccessSpace = false;
    out.limitedAccessDevToolsForUsers = false;
    out.displayBanners = pr ? true : false;
    out.aiEnabled = false;
    out.userNameRegex = "^[\\p{L}\\p{M}' \\-]+$";
    if (pr) {
      out.plugins = { enabled: false, upload: false, delete: false };
      out.invitationLimit = 2147483647;
    }
    out.deepLink = { androidPackageName: '', url: '', iosPackageId: '' };
    out.maxImageUploadSize = pr ? 1048576 : 0;
    out.defaultFolderType = pr ? 14 : 0;
    out.externalDbEnabled = false;
    sendSuccess(ctx, out);
  });

  // [Authorize(Roles = "Wizard,Administrators")]: other users get an empty 403.
  router.add('GET', '/api/2.0/settings/timezones', { where: `${S}.SettingsController.GetTimeZones()` }, (ctx, pr) => {
    if (!pr || !isPortalAdmin(pr.user)) return sendEmpty(ctx, 403);
    sendSuccess(ctx, timezoneList());
  });

  router.add('GET', '/api/2.0/settings/storage/backup', { where: `${S}.StorageController.GetAllBackupStorages(AllBackupStoragesDto dto)` }, (ctx, pr) => {
    const dump = bindDump(ctx);
    if (!pr || !isPortalAdmin(pr.user)) throw authorizingError();
    // GetScheduleAsync(dump): the saved third-party storage is "current" with its saved values.
    const row = p.service.scheduleRow(dump ? -1 : p.tenantId, dump);
    const current = row && row.storageType === ST.ThirdPartyConsumer ? row.storageParams : undefined;
    // StorageController.GetAllBackupStorages reads current["module"] without a check: a
    // third-party-storage schedule saved without "module" makes the whole list a 500.
    if (current && current.module === undefined) throw keyNotFound('module');
    const list = STORAGES.map((s) => {
      const isCurrent = current?.module === s.id;
      const props: Array<[string, string]> = isCurrent
        ? Object.entries(current ?? {}).filter(([k]) => k !== 'module')
        : s.keys.map(([k]) => [k, '']);
      const titles = new Map(s.keys);
      return {
        id: s.id,
        title: s.title,
        properties: props.map(([name, value]) => ({ name, value, title: titles.get(name) ?? name })),
        current: isCurrent,
        isSet: s.isSet,
      };
    });
    sendSuccess(ctx, list);
  });

  router.add('GET', '/api/2.0/settings/storage/s3/regions', { where: `${S}.StorageController.GetAmazonS3Regions()` }, (ctx) => {
    sendSuccess(
      ctx,
      S3_REGIONS.map(([systemName, displayName]) => ({
        systemName,
        originalSystemName: systemName,
        displayName,
        partitionName: systemName.startsWith('cn-') ? 'aws-cn' : systemName.startsWith('us-gov-') ? 'aws-us-gov' : 'aws',
        partitionDnsSuffix: systemName.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com',
      })),
    );
  });
}
