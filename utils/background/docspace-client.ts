import type { ScheduleRequest } from '../pure/schedule/cron';
import * as z from 'zod/mini';
import { PortalError, isInputRejection500 } from '../pure/docspace/failure';
import { auditEventsSchema, backupsCountSchema, quotaSchema } from '../pure/docspace/audit-schemas';
import { MAX_ANSWER_BYTES, MAX_JSON_DEPTH, isBackupId, isFolderId, jsonDepth, retryAfterSeconds } from '../pure/docspace/bounds';
import {
  backupProgressSchema,
  backupStoragesSchema,
  envelope,
  errorEnvelopeSchema,
  folderContentSchema,
  historySchema,
  portalSettingsSchema,
  s3RegionsSchema,
  scheduleSchema,
  scheduleShapeSchema,
  selfSchema,
  thirdPartyFolderSchema,
  validationProblemSchema,
} from '../pure/docspace/schemas';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ClientOptions {
  /** The portal's origin, e.g. https://example.onlyoffice.com */
  origin: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /**
   * How the session travels. By default the browser attaches the portal's
   * cookie; a Firefox container's session is passed as a header instead.
   */
  auth?: { kind: 'cookie' } | { kind: 'header'; token: string };
  /**
   * Runs each whole request (its timeout included) when a queue allows, so
   * time spent waiting for a turn never counts as the portal being slow.
   */
  queue?: <T>(task: () => Promise<T>) => Promise<T>;
}

export interface BackupRequest {
  storageType: number;
  storageParams: { key: string; value: string }[] | null;
  dump: boolean;
}

type Method = 'GET' | 'POST' | 'DELETE';

export function createDocSpaceClient(options: ClientOptions) {
  const base = new URL(options.origin).origin;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const queue = options.queue ?? (<T>(task: () => Promise<T>) => task());

  function send(method: Method, path: string, body?: unknown): Promise<{ status: number; text: string; headers: Headers }> {
    return queue(() => sendNow(method, path, body));
  }

  async function sendNow(method: Method, path: string, body?: unknown): Promise<{ status: number; text: string; headers: Headers }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const useHeader = options.auth?.kind === 'header';
    if (options.auth?.kind === 'header') headers.Authorization = options.auth.token;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await doFetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // With a header, omit cookies: the cookie would win over the header on the server.
        credentials: useHeader ? 'omit' : 'include',
        cache: 'no-store',
        // Never follow: the session (cookie or header) and a storage secret in the body of a 307
        // would go to wherever the portal points, which the user never granted.
        redirect: 'manual',
        signal: controller.signal,
      });
      const moved = redirectOf(res, base);
      if (moved) {
        controller.abort();
        throw new PortalError(moved.location ? { kind: 'redirected', location: moved.location } : { kind: 'redirected' });
      }
      // The timeout covers the body too: a portal can stall mid-answer.
      const text = await readBounded(res, controller);
      return { status: res.status, text, headers: res.headers };
    } catch (error) {
      if (error instanceof PortalError) throw error;
      if (controller.signal.aborted) throw new PortalError({ kind: 'timeout', seconds: Math.round(timeoutMs / 1000) });
      throw new PortalError({ kind: 'offline', message: error instanceof Error ? withoutToken(error.message) : undefined });
    } finally {
      clearTimeout(timer);
    }
  }

  // A browser names a header value it refuses in its error ("… is an invalid header value"); that must not reach a page.
  function withoutToken(message: string): string | undefined {
    return options.auth?.kind === 'header' && message.includes(options.auth.token) ? undefined : message;
  }

  async function call<T extends z.ZodMiniType>(method: Method, path: string, schema: T, body?: unknown): Promise<z.infer<T> | undefined> {
    const { status, text, headers } = await send(method, path, body);
    const json = parseJson(text);
    if (json !== undefined && jsonDepth(json) > MAX_JSON_DEPTH) throw unexpected(`${method} ${path}: the answer is nested more than ${MAX_JSON_DEPTH} levels deep`);
    if (status >= 200 && status < 300) {
      if (json === undefined) throw unexpected(`HTTP ${status} with a body that is not JSON: ${preview(text)}`);
      const parsed = envelope(schema).safeParse(json);
      if (!parsed.success) throw unexpected(`${method} ${path}: ${z.prettifyError(parsed.error)}\n\n${preview(text)}`);
      if (parsed.data.status !== 0) throw failureFor(parsed.data.statusCode, json, text, headers);
      return parsed.data.response as z.infer<T> | undefined;
    }
    throw failureFor(status, json, text, headers);
  }

  async function required<T extends z.ZodMiniType>(method: Method, path: string, schema: T, body?: unknown): Promise<z.infer<T>> {
    const value = await call(method, path, schema, body);
    if (value === undefined) throw unexpected(`${method} ${path}: the answer has no "response"`);
    return value;
  }

  return {
    origin: base,
    getSchedule: () =>
      call('GET', '/api/2.0/backup/getbackupschedule?dump=false', scheduleShapeSchema).then((s) => (s ? inRange(scheduleSchema, s, 'schedule') : null)),
    saveSchedule: (req: ScheduleRequest) => required('POST', '/api/2.0/backup/createbackupschedule', z.boolean(), req),
    deleteSchedule: () => required('DELETE', '/api/2.0/backup/deletebackupschedule?dump=false', z.boolean()),
    getSettings: () =>
      required('GET', '/api/2.0/settings', z.looseObject({ timezone: z.string() })).then((s) => inRange(portalSettingsSchema, s, 'settings')),
    getSelf: () => required('GET', '/api/2.0/people/@self', selfSchema),
    isAuthenticated: () => required('GET', '/api/2.0/authentication', z.boolean()),
    getBackupStorages: () => required('GET', '/api/2.0/settings/storage/backup?dump=false', backupStoragesSchema),
    getS3Regions: () => required('GET', '/api/2.0/settings/storage/s3/regions', s3RegionsSchema),
    getRooms: () => required('GET', '/api/2.0/files/rooms', folderContentSchema),
    getFolder: (id: number | string) => {
      // An id such as ".." would climb out of /files/ once the URL is normalised.
      if (!isFolderId(id)) return Promise.reject(badId('folder', id));
      return required('GET', `/api/2.0/files/${encodeURIComponent(String(id))}`, folderContentSchema);
    },
    getThirdPartyBackupFolder: () =>
      call('GET', '/api/2.0/files/thirdparty/backup', thirdPartyFolderSchema).then((f) => f ?? null),
    startBackup: (req: BackupRequest) => call('POST', '/api/2.0/backup/startbackup', backupProgressSchema, req).then((p) => p ?? null),
    cancelBackup: () => call('POST', '/api/2.0/backup/cancelbackup', z.boolean()).then((v) => v ?? false),
    getBackupProgress: () => call('GET', '/api/2.0/backup/getbackupprogress?dump=false', backupProgressSchema).then((p) => p ?? null),
    getBackupHistory: () => call('GET', '/api/2.0/backup/getbackuphistory?dump=false', historySchema).then((h) => h ?? []),
    deleteBackup: (id: string) => {
      if (!isBackupId(id)) return Promise.reject(badId('backup', id));
      return required('DELETE', `/api/2.0/backup/deletebackup/${encodeURIComponent(id)}`, z.boolean());
    },
    deleteBackupHistory: () => required('DELETE', '/api/2.0/backup/deletebackuphistory?dump=false', z.boolean()),
    // Issue #9: the audit trail (admin only; see utils/background/run-evidence.ts) and the 3.8 backup counts.
    getAuditEvents: (q: { action: number; from?: Date; count: number }) =>
      call('GET', `/api/2.0/security/audit/events/filter?action=${q.action}${q.from ? `&from=${encodeURIComponent(q.from.toISOString())}` : ''}&count=${q.count}`, auditEventsSchema).then((e) => e ?? []),
    getBackupsCountByPaid: () => required('GET', '/api/2.0/backup/getbackupscountbypaid', backupsCountSchema),
    getQuota: () => required('GET', '/api/2.0/portal/payment/quota', quotaSchema),
  };
}

export type DocSpaceClient = ReturnType<typeof createDocSpaceClient>;

/** A redirect the fetch did not follow: opaque in browsers, a plain 3xx elsewhere; or one a fetch followed anyway. */
function redirectOf(res: Response, base: string): { location?: string } | null {
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
    const location = res.headers.get('Location');
    return { location: location ? location.slice(0, 300) : undefined };
  }
  if (res.redirected || (res.url && !sameOrigin(res.url, base))) return { location: res.url ? res.url.slice(0, 300) : undefined };
  return null;
}

function sameOrigin(url: string, base: string): boolean {
  try {
    return new URL(url).origin === base;
  } catch {
    return false;
  }
}

/** The body as text, refused past MAX_ANSWER_BYTES without reading the rest. */
async function readBounded(res: Response, controller: AbortController): Promise<string> {
  const tooLarge = () => {
    controller.abort();
    return unexpected(`The answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB (HTTP ${res.status}); it was not read.`);
  };
  const declared = Number(res.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > MAX_ANSWER_BYTES) throw tooLarge();
  if (!res.body) return res.text();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * Values of the right types but outside the real ranges (weekday 8, hour 1e15,
 * an unknown time zone): a failure that says what could be read, never a value
 * that breaks a page later.
 */
function inRange<T extends z.ZodMiniType>(schema: T, value: Record<string, unknown>, what: 'schedule' | 'settings'): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((issue) => issue.path.join('.')));
  const known = flatten(value).filter(([field]) => ![...bad].some((b) => field === b || field.startsWith(`${b}.`)));
  throw new PortalError({
    kind: 'unreadable',
    details: `The portal's ${what}:\n${z.prettifyError(parsed.error)}\n\n${preview(JSON.stringify(value))}`,
    known: known.slice(0, 20).map(([field, v]) => `${field}: ${v}`),
  });
}

/** "cronParams.hour" → value pairs of a small JSON object, for the fields that could be read. */
function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value === null || typeof value !== 'object') return prefix ? [[prefix, String(value).slice(0, 100)]] : [];
  return Object.entries(value).flatMap(([key, v]) => flatten(v, prefix ? `${prefix}.${key}` : key));
}

function badId(what: 'folder' | 'backup', id: unknown) {
  return new PortalError({ kind: 'unexpected', details: `Not a ${what} id: ${JSON.stringify(String(id).slice(0, 80))}` });
}

function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function preview(text: string): string {
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

function unexpected(details: string) {
  return new PortalError({ kind: 'unexpected', details });
}

function messageOf(json: unknown): string | undefined {
  const parsed = errorEnvelopeSchema.safeParse(json);
  return parsed.success ? (parsed.data.error.message ?? undefined) : undefined;
}

function failureFor(status: number, json: unknown, text: string, headers: Headers): PortalError {
  const message = messageOf(json);
  const html = json === undefined && /^\s*</.test(text);
  switch (status) {
    case 401:
      return new PortalError({ kind: 'signed-out' });
    case 402:
      return new PortalError({ kind: 'payment', message });
    case 403:
      return new PortalError({ kind: 'forbidden', message });
    case 404:
      return new PortalError({ kind: 'not-found', message });
    case 429: {
      const retryAfterSec = retryAfterSeconds(headers.get('Retry-After'));
      return new PortalError(retryAfterSec ? { kind: 'rate-limited', retryAfterSec } : { kind: 'rate-limited' });
    }
  }
  if (status === 400) {
    const problem = validationProblemSchema.safeParse(json);
    if (problem.success) {
      const fields = problem.data.response.errors;
      const first = fields && Object.values(fields)[0]?.[0];
      return new PortalError({ kind: 'rejected', status, message: first ?? problem.data.response.title ?? 'Bad request', fields });
    }
    return new PortalError({ kind: 'rejected', status, message: message ?? 'Bad request' });
  }
  if (status >= 500 && isInputRejection500(message)) {
    return new PortalError({ kind: 'rejected', status, message: message! });
  }
  if (status >= 500) return new PortalError({ kind: 'server', status, message, html: html || undefined });
  if (json === undefined && text.trim()) return new PortalError({ kind: 'unexpected', details: `HTTP ${status}: ${preview(text)}` });
  return new PortalError({ kind: 'server', status, message });
}
