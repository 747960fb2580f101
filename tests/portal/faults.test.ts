import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { B, startTestPortal, type TestPortal } from './helpers';

let t: TestPortal;
let token: string;
beforeAll(async () => {
  t = await startTestPortal();
  token = await t.login('owner');
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.control('faults', undefined, 'DELETE');
});

const fault = async (f: Record<string, unknown>) => {
  const r = await t.call('/__test__/faults', { body: f });
  expect(r.status).toBe(200);
};
const get = () => t.call(`${B}/getbackupschedule`, { token });

describe('fault injection', () => {
  it('a status with no body gets the realistic body, once by default', async () => {
    await fault({ path: 'getbackupschedule', status: 500 });
    const r = await get();
    expect(r.status).toBe(500);
    expect(r.json).toMatchObject({ error: { type: 'System.Exception' }, status: 1, statusCode: 500 });
    expect((await get()).status).toBe(200);
  });

  it('429 carries Retry-After (default 2, or the given header)', async () => {
    await fault({ status: 429 });
    let r = await get();
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('2');
    await fault({ status: 429, headers: { 'Retry-After': '30' } });
    r = await get();
    expect(r.headers.get('retry-after')).toBe('30');
  });

  it('402 is the bare ProblemDetails, 401 empty, 403 the error envelope, 503 an nginx page', async () => {
    await fault({ status: 402 });
    expect((await get()).json).toEqual({ status: 402, traceId: expect.any(String) });
    await fault({ status: 401 });
    expect((await get()).text).toBe('');
    await fault({ status: 403 });
    expect((await get()).json.error.message).toBe('Access denied');
    await fault({ status: 503 });
    const r = await get();
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.text).toContain('503 Service Temporarily Unavailable');
  });

  it('body "malformed" is truncated JSON with status 200', async () => {
    await fault({ body: 'malformed' });
    const r = await get();
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(() => JSON.parse(r.text)).toThrow();
  });

  it('body "html" is an HTML error page (502 unless a status is given)', async () => {
    await fault({ body: 'html' });
    let r = await get();
    expect(r.status).toBe(502);
    expect(r.text).toMatch(/^<html>/);
    await fault({ body: 'html', status: 200 });
    r = await get();
    expect(r.status).toBe(200);
    expect(r.text).toContain('nginx');
  });

  it('body "empty" and arbitrary JSON bodies', async () => {
    await fault({ body: 'empty', status: 204 });
    expect((await get()).status).toBe(204);
    await fault({ body: { response: 42 }, status: 418, headers: { 'X-Test': 'yes' } });
    const r = await get();
    expect(r.status).toBe(418);
    expect(r.json).toEqual({ response: 42 });
    expect(r.headers.get('x-test')).toBe('yes');
  });

  it('delayMs alone slows the real answer', async () => {
    await fault({ delayMs: 300 });
    const t0 = Date.now();
    const r = await get();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    expect(r.status).toBe(200);
  });

  it('drop destroys the connection', async () => {
    await fault({ drop: true });
    await expect(fetch(`${t.base}${B}/getbackupschedule`, { headers: { Authorization: token } })).rejects.toThrow();
    expect((await get()).status).toBe(200);
  });

  it('matches method and path (substring or regex, any case); times counts; 0 = until cleared', async () => {
    await fault({ path: 'GETBACKUPHISTORY', status: 500 });
    expect((await get()).status).toBe(200);
    expect((await t.call(`${B}/getbackuphistory`, { token })).status).toBe(500);
    await fault({ path: 'backup/get.*(schedule|progress)$', method: 'get', status: 503, times: 2 });
    expect((await t.call(`${B}/deletebackupschedule`, { token, method: 'DELETE' })).status).toBe(200);
    expect((await get()).status).toBe(503);
    expect((await t.call(`${B}/getbackupprogress`, { token })).status).toBe(503);
    expect((await get()).status).toBe(200);
    await fault({ status: 500, times: 0 });
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(500);
    await t.control('faults', undefined, 'DELETE');
    expect((await get()).status).toBe(200);
  });

  it('rejects a bad fault description', async () => {
    expect((await t.call('/__test__/faults', { body: { status: 'x' } })).status).toBe(400);
    expect((await t.call('/__test__/faults', { body: { times: -1 } })).status).toBe(400);
  });

  it('never applies to the test controls themselves', async () => {
    await fault({ status: 500, times: 0 });
    expect((await t.call('/__test__/state', { method: 'GET' })).status).toBe(200);
  });
});
