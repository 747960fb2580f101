import { describe, expect, it, vi } from 'vitest';
import { createDocSpaceClient } from './docspace-client';
import type { ScheduleRequest } from '../pure/schedule/cron';
import { PortalError, type PortalFailure } from '../pure/docspace/failure';
import { weeklySchedule } from '@/tests/unit/schedules';

const ORIGIN = 'https://portal.example.com';

type Call = { url: string; init: RequestInit };

/** A fetch that answers every call with the same status, body and headers, and records the calls. */
function answer(status: number, body: string | object = '', headers: Record<string, string> = {}) {
  const calls: Call[] = [];
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return new Response(status === 204 ? null : text, { status, headers });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function ok(response: unknown, extra: object = {}) {
  return {
    ...(response === undefined ? {} : { response }),
    count: response === undefined ? 0 : 1,
    links: [{ href: `${ORIGIN}/api/2.0/backup/getbackupschedule?dump=false`, action: 'GET' }],
    status: 0,
    statusCode: 200,
    ...extra,
  };
}

function errorEnvelope(statusCode: number, message: string, type = 'System.Exception') {
  return { error: { message, type, stack: '   at ASC.Something()', hresult: -2146233088 }, status: 1, statusCode };
}

/** Runs the call and returns the failure it was rejected with. */
async function failureOf(promise: Promise<unknown>): Promise<PortalFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PortalError);
    return (error as PortalError).failure;
  }
  throw new Error('expected the call to fail');
}

const weekly = weeklySchedule();

describe('createDocSpaceClient: successful answers', () => {
  it('parses the schedule out of the success envelope', async () => {
    const { fetch, calls } = answer(200, ok(weekly));
    const client = createDocSpaceClient({ origin: ORIGIN, fetch });
    await expect(client.getSchedule()).resolves.toEqual(weekly);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${ORIGIN}/api/2.0/backup/getbackupschedule?dump=false`);
    expect(calls[0]!.init.method).toBe('GET');
    expect(calls[0]!.init.body).toBeUndefined();
  });

  it('gives null when the envelope has no "response" (no schedule)', async () => {
    const { fetch } = answer(200, { count: 0, links: [{ href: 'x', action: 'GET' }], status: 0, statusCode: 200 });
    const client = createDocSpaceClient({ origin: ORIGIN, fetch });
    await expect(client.getSchedule()).resolves.toBeNull();
  });

  it('keeps only the origin of the address it was given', async () => {
    const { fetch, calls } = answer(200, ok(true));
    const client = createDocSpaceClient({ origin: `${ORIGIN}/rooms/shared?x=1`, fetch });
    expect(client.origin).toBe(ORIGIN);
    await client.isAuthenticated();
    expect(calls[0]!.url).toBe(`${ORIGIN}/api/2.0/authentication`);
  });

  it('posts the schedule as JSON with storageParams as a list of pairs', async () => {
    const { fetch, calls } = answer(200, ok(true));
    const client = createDocSpaceClient({ origin: ORIGIN, fetch });
    const req: ScheduleRequest = {
      storageType: 0,
      storageParams: [{ key: 'folderId', value: '12345' }],
      backupsStored: 7,
      cronParams: { period: 1, hour: 5, day: 2 },
      dump: false,
    };
    await expect(client.saveSchedule(req)).resolves.toBe(true);
    const init = calls[0]!.init;
    expect(calls[0]!.url).toBe(`${ORIGIN}/api/2.0/backup/createbackupschedule`);
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual(req);
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('deletes with DELETE and dump=false', async () => {
    const { fetch, calls } = answer(200, ok(true));
    const client = createDocSpaceClient({ origin: ORIGIN, fetch });
    await expect(client.deleteSchedule()).resolves.toBe(true);
    expect(calls[0]!.init.method).toBe('DELETE');
    expect(calls[0]!.url).toBe(`${ORIGIN}/api/2.0/backup/deletebackupschedule?dump=false`);
  });

  it('treats a missing "response" as unexpected where a value is required', async () => {
    const { fetch } = answer(200, ok(undefined));
    const client = createDocSpaceClient({ origin: ORIGIN, fetch });
    const failure = await failureOf(client.getSettings());
    expect(failure.kind).toBe('unexpected');
    expect(failure.kind === 'unexpected' && failure.details).toContain('GET /api/2.0/settings');
  });

  it('gives an empty history and no progress when the server has none', async () => {
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(200, ok(undefined)).fetch });
    await expect(client.getBackupHistory()).resolves.toEqual([]);
    await expect(client.getBackupProgress()).resolves.toBeNull();
    await expect(client.getThirdPartyBackupFolder()).resolves.toBeNull();
  });

  it('encodes a folder id into the path', async () => {
    const { fetch, calls } = answer(200, ok({ folders: [], pathParts: [], total: 0 }));
    const client = createDocSpaceClient({ origin: ORIGIN, fetch });
    await client.getFolder('sbox-1|/a b');
    expect(calls[0]!.url).toBe(`${ORIGIN}/api/2.0/files/sbox-1%7C%2Fa%20b`);
  });
});

describe('createDocSpaceClient: errors', () => {
  it('401 with an empty body is signed-out', async () => {
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(401, '').fetch });
    expect(await failureOf(client.getSchedule())).toEqual({ kind: 'signed-out' });
  });

  it.each([
    [402, 'payment', 'Your pricing plan does not support this option'],
    [403, 'forbidden', 'Access denied'],
    [404, 'not-found', 'The required folder was not found'],
  ] as const)('%i with the error envelope is %s with the message', async (status, kind, message) => {
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(status, errorEnvelope(status, message)).fetch });
    expect(await failureOf(client.getSchedule())).toEqual({ kind, message });
  });

  it('403 with an empty body (missing scopes) is forbidden without a message', async () => {
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(403, '').fetch });
    expect(await failureOf(client.getSchedule())).toEqual({ kind: 'forbidden', message: undefined });
  });

  it('400 "backupStored must be 1 - 30" is rejected with that message', async () => {
    const body = errorEnvelope(400, 'backupStored must be 1 - 30', 'System.ArgumentException');
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(400, body).fetch });
    expect(await failureOf(client.saveSchedule(sampleRequest()))).toEqual({
      kind: 'rejected',
      status: 400,
      message: 'backupStored must be 1 - 30',
    });
  });

  it('400 ValidationProblemDetails inside the success envelope is rejected with the fields', async () => {
    const body = {
      response: {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: {
          '$.cronParams.period': ['The JSON value could not be converted to ASC.Data.Backup.Contracts.BackupPeriod.'],
          inDto: ['The inDto field is required.'],
        },
        traceId: '00-abc-def-00',
      },
      count: 1,
      links: [{ href: `${ORIGIN}/api/2.0/backup/createbackupschedule`, action: 'POST' }],
      status: 1,
      statusCode: 400,
    };
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(400, body).fetch });
    const failure = await failureOf(client.saveSchedule(sampleRequest()));
    expect(failure).toEqual({
      kind: 'rejected',
      status: 400,
      message: 'The JSON value could not be converted to ASC.Data.Backup.Contracts.BackupPeriod.',
      fields: body.response.errors,
    });
  });

  it('400 ValidationProblemDetails without errors falls back to its title', async () => {
    const body = { response: { title: 'One or more validation errors occurred.', status: 400 }, count: 1, status: 1, statusCode: 400 };
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(400, body).fetch });
    const failure = await failureOf(client.saveSchedule(sampleRequest()));
    expect(failure).toMatchObject({ kind: 'rejected', status: 400, message: 'One or more validation errors occurred.' });
  });

  it.each(['Hour values must be between 0 and 23', 'Day-of-Week values must be between 1 and 7', 'Day of month values must be between 1 and 31', 'Unexpected character: -', "The given key 'folderId' was not present in the dictionary."])(
    '500 from the cron parser (%s) is rejected, not a server error',
    async (message) => {
      const body = errorEnvelope(500, message, 'System.FormatException');
      const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(500, body).fetch });
      expect(await failureOf(client.saveSchedule(sampleRequest()))).toEqual({ kind: 'rejected', status: 500, message });
    },
  );

  it('a plain 500 is a server error with its message', async () => {
    const message = 'Object reference not set to an instance of an object.';
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(500, errorEnvelope(500, message)).fetch });
    expect(await failureOf(client.getSchedule())).toEqual({ kind: 'server', status: 500, message, html: undefined });
  });

  it('an HTML 502 page from nginx is a server error marked html', async () => {
    const page = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body></html>';
    const client = createDocSpaceClient({
      origin: ORIGIN,
      fetch: answer(502, page, { 'Content-Type': 'text/html' }).fetch,
    });
    expect(await failureOf(client.getSchedule())).toEqual({ kind: 'server', status: 502, message: undefined, html: true });
  });

  it('429 carries Retry-After in seconds', async () => {
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(429, '', { 'Retry-After': '30' }).fetch });
    expect(await failureOf(client.getSchedule())).toEqual({ kind: 'rate-limited', retryAfterSec: 30 });
  });

  it.each([[{}], [{ 'Retry-After': 'Wed, 21 Oct 2026 07:28:00 GMT' }], [{ 'Retry-After': '0' }]])(
    '429 without a usable Retry-After (%j) has no wait',
    async (headers) => {
      const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(429, '', headers).fetch });
      expect(await failureOf(client.getSchedule())).toEqual({ kind: 'rate-limited', retryAfterSec: undefined });
    },
  );

  it('200 with a body that is not JSON is unexpected, with the body in the details', async () => {
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(200, '<!doctype html><title>Sign in</title>').fetch });
    const failure = await failureOf(client.getSchedule());
    expect(failure.kind).toBe('unexpected');
    if (failure.kind !== 'unexpected') return;
    expect(failure.details).toContain('HTTP 200');
    expect(failure.details).toContain('<!doctype html><title>Sign in</title>');
  });

  it('a schema mismatch (storageType as a string) is unexpected, naming the field', async () => {
    const body = ok({ ...weekly, storageType: 'Documents' });
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(200, body).fetch });
    const failure = await failureOf(client.getSchedule());
    expect(failure.kind).toBe('unexpected');
    if (failure.kind !== 'unexpected') return;
    expect(failure.details).toContain('GET /api/2.0/backup/getbackupschedule?dump=false');
    expect(failure.details).toContain('storageType');
    // The raw answer follows, for the "copy details" button.
    expect(failure.details).toContain('"storageType":"Documents"');
  });

  it('cuts a long answer in the details', async () => {
    const body = JSON.stringify(ok({ ...weekly, storageType: 'x'.repeat(5000) }));
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(200, body).fetch });
    const failure = await failureOf(client.getSchedule());
    expect(failure.kind === 'unexpected' && failure.details.length).toBeLessThan(2000);
    expect(failure.kind === 'unexpected' && failure.details.endsWith('…')).toBe(true);
  });

  it('a network TypeError is offline', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const client = createDocSpaceClient({ origin: ORIGIN, fetch });
    expect(await failureOf(client.getSchedule())).toEqual({ kind: 'offline', message: 'Failed to fetch' });
  });

  it('a portal that never answers times out, aborting the request', async () => {
    let signal: AbortSignal | undefined;
    const fetch = vi.fn(
      (_input: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          signal = init?.signal ?? undefined;
          signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
        }),
    ) as unknown as typeof globalThis.fetch;
    const client = createDocSpaceClient({ origin: ORIGIN, fetch, timeoutMs: 1500 });
    vi.useFakeTimers();
    try {
      const pending = failureOf(client.getSchedule());
      await vi.advanceTimersByTimeAsync(1499);
      expect(signal?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(signal?.aborted).toBe(true);
      expect(await pending).toEqual({ kind: 'timeout', seconds: 2 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a portal that stalls in the middle of the body times out too', async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"response":'));
          init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { status: 200 });
    }) as unknown as typeof globalThis.fetch;
    const client = createDocSpaceClient({ origin: ORIGIN, fetch, timeoutMs: 30 });
    expect(await failureOf(client.getSchedule())).toMatchObject({ kind: 'timeout' });
  });
});

describe('createDocSpaceClient: how the session travels', () => {
  it('header auth sends Authorization and omits cookies', async () => {
    const { fetch, calls } = answer(200, ok(weekly));
    const client = createDocSpaceClient({ origin: ORIGIN, fetch, auth: { kind: 'header', token: 'tok-123' } });
    await client.getSchedule();
    const init = calls[0]!.init;
    expect(init.credentials).toBe('omit');
    expect(init.headers).toMatchObject({ Authorization: 'tok-123', Accept: 'application/json' });
    expect(init.cache).toBe('no-store');
  });

  it('header auth never follows a redirect, which could carry the token to another host', async () => {
    const { fetch, calls } = answer(302, '', { Location: 'https://elsewhere.example.net/api/2.0/backup/getbackupschedule' });
    const client = createDocSpaceClient({ origin: ORIGIN, fetch, auth: { kind: 'header', token: 'tok-123' } });
    await expect(client.getSchedule()).rejects.toBeInstanceOf(PortalError);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.init.redirect).toBe('manual');
  });

  it('header auth: a token the fetch refuses (a line break) is not named in the failure', async () => {
    const token = 'tok\n123';
    // The real Headers class refuses the value, with the value in its message.
    const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => new Response(JSON.stringify({ headers: [...new Headers(init?.headers)] })));
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: fetch as unknown as typeof globalThis.fetch, auth: { kind: 'header', token } });
    const error = await client.getSchedule().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortalError);
    expect((error as PortalError).failure.kind).toBe('offline');
    expect(JSON.stringify((error as PortalError).failure) + (error as Error).message).not.toContain('tok');
  });

  it.each([[undefined], [{ kind: 'cookie' as const }]])('cookie auth (%j) includes cookies and sends no Authorization', async (auth) => {
    const { fetch, calls } = answer(200, ok(weekly));
    const client = createDocSpaceClient({ origin: ORIGIN, fetch, auth });
    await client.getSchedule();
    const init = calls[0]!.init;
    expect(init.credentials).toBe('include');
    const headers = init.headers as Record<string, string>;
    expect(Object.keys(headers).map((k) => k.toLowerCase())).not.toContain('authorization');
    // A GET has no body, so no Content-Type either.
    expect(headers['Content-Type']).toBeUndefined();
  });
});

function sampleRequest(): ScheduleRequest {
  return {
    storageType: 0,
    storageParams: [{ key: 'folderId', value: '12345' }],
    backupsStored: 7,
    cronParams: { period: 1, hour: 25, day: 2 },
    dump: false,
  };
}

describe('createDocSpaceClient: a request queue', () => {
  it('starts the timeout only when the queue lets the request run', async () => {
    const envelope = JSON.stringify({ response: true, count: 1, status: 0, statusCode: 200 });
    const fetchStub = vi.fn(async () => new Response(envelope, { status: 200 }));
    // The queue holds the request back for longer than the whole timeout.
    const queue = <T>(task: () => Promise<T>) => new Promise<T>((resolve, reject) => setTimeout(() => task().then(resolve, reject), 80));
    const client = createDocSpaceClient({ origin: 'https://portal.example', fetch: fetchStub as unknown as typeof fetch, timeoutMs: 30, queue });
    await expect(client.deleteSchedule()).resolves.toBe(true);
    expect(fetchStub).toHaveBeenCalledTimes(1);
  });
});

describe('createDocSpaceClient: hostile answers (issue 11)', () => {
  it('never follows a redirect, and says the portal redirected', async () => {
    const { fetch, calls } = answer(307, '', { Location: 'https://evil.example.com/steal' });
    const client = createDocSpaceClient({ origin: ORIGIN, fetch });
    const failure = await failureOf(client.saveSchedule({ storageType: 5, storageParams: [{ key: 'secretkey', value: 'S3CRET' }], backupsStored: 1, cronParams: { period: 0, hour: 1, day: 0 }, dump: false }));
    expect(failure).toEqual({ kind: 'redirected', location: 'https://evil.example.com/steal' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.init.redirect).toBe('manual');
  });

  it('a browser’s opaque redirect and a redirect a fetch followed anyway are refused too', async () => {
    const opaque = Object.assign(new Response(null, { status: 200 }), {});
    Object.defineProperty(opaque, 'type', { value: 'opaqueredirect' });
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: (async () => opaque) as unknown as typeof fetch });
    expect(await failureOf(client.getSchedule())).toEqual({ kind: 'redirected' });
    const followed = new Response(JSON.stringify(ok(weekly)), { status: 200 });
    Object.defineProperty(followed, 'redirected', { value: true });
    Object.defineProperty(followed, 'url', { value: 'https://evil.example.com/x' });
    const client2 = createDocSpaceClient({ origin: ORIGIN, fetch: (async () => followed) as unknown as typeof fetch });
    expect((await failureOf(client2.getSchedule())).kind).toBe('redirected');
  });

  it('refuses a huge answer without reading it all', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 50) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: (async () => new Response(body, { status: 200 })) as unknown as typeof fetch });
    const failure = await failureOf(client.getBackupHistory());
    expect(failure.kind).toBe('unexpected');
    expect(pulled).toBeLessThan(10);
    const declared = createDocSpaceClient({ origin: ORIGIN, fetch: answer(200, '{}', { 'Content-Length': String(50 * 1024 * 1024) }).fetch });
    expect((await failureOf(declared.getBackupHistory())).kind).toBe('unexpected');
  });

  it('refuses deep nesting', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(200, `{"response":[],"status":0,"statusCode":200,"x":${deep}}`).fetch });
    const failure = await failureOf(client.getBackupHistory());
    expect(failure.kind).toBe('unexpected');
  });

  it('caps Retry-After and reads its HTTP-date form', async () => {
    const capped = createDocSpaceClient({ origin: ORIGIN, fetch: answer(429, '', { 'Retry-After': '999999999' }).fetch });
    expect(await failureOf(capped.getSchedule())).toEqual({ kind: 'rate-limited', retryAfterSec: 300 });
    const date = new Date(Date.now() + 90_000).toUTCString();
    const dated = createDocSpaceClient({ origin: ORIGIN, fetch: answer(429, '', { 'Retry-After': date }).fetch });
    const failure = await failureOf(dated.getSchedule());
    expect(failure.kind === 'rate-limited' && failure.retryAfterSec).toBeGreaterThanOrEqual(85);
  });

  it.each([['..'], ['.'], ['%2e%2e'], ['12/../..']])('a folder id %s never leaves /files/', async (id) => {
    const { fetch, calls } = answer(200, ok({ folders: [] }));
    const client = createDocSpaceClient({ origin: ORIGIN, fetch });
    expect((await failureOf(client.getFolder(id))).kind).toBe('unexpected');
    expect(calls).toHaveLength(0);
  });

  it('a backup id that is not a GUID is never sent', async () => {
    const { fetch, calls } = answer(200, ok(true));
    const client = createDocSpaceClient({ origin: ORIGIN, fetch });
    expect((await failureOf(client.deleteBackup('..'))).kind).toBe('unexpected');
    expect(calls).toHaveLength(0);
    await client.deleteBackup('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
    expect(calls[0]!.url).toBe(`${ORIGIN}/api/2.0/backup/deletebackup/3f2504e0-4f89-41d3-9a0c-0305e82c3301`);
  });

  it.each<[string, object]>([
    ['weekday 8', { cronParams: { period: 1, hour: 5, day: 8 } }],
    ['hour 1e15', { cronParams: { period: 0, hour: 1e15, day: 0 } }],
    ['period 7', { cronParams: { period: 7, hour: 5, day: 1 } }],
    ['copies -5', { backupsStored: -5 }],
    ['month day 99', { cronParams: { period: 2, hour: 5, day: 99 } }],
    ['a last backup time that is no date', { lastBackupTime: 'yesterday' }],
  ])('a schedule with %s is unreadable, with what could be read', async (_name, patch) => {
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(200, ok({ ...weekly, ...patch })).fetch });
    const failure = await failureOf(client.getSchedule());
    expect(failure.kind).toBe('unreadable');
    if (failure.kind !== 'unreadable') return;
    expect(failure.known).toContain('storageParams.folderId: 12345');
    expect(failure.details).toContain("The portal's schedule");
  });

  it('an unknown time zone is unreadable settings', async () => {
    const client = createDocSpaceClient({ origin: ORIGIN, fetch: answer(200, ok({ timezone: 'Mars/Olympus', standalone: false })).fetch });
    const failure = await failureOf(client.getSettings());
    expect(failure.kind).toBe('unreadable');
  });
});
