// Request context and low-level response writing shared by every route.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path as sent (not lower-cased), without the query. */
  path: string;
  /** Query values keyed by lower-cased name (ASP.NET query binding is case-insensitive). */
  query: Map<string, string[]>;
  cookies: Map<string, string>;
  /** Full request URL as the backend sees it: what `links[].href` must echo. */
  displayUrl: string;
  isHttps: boolean;
  /** Route parameters filled by the router. */
  params: Record<string, string>;
  /** Set-Cookie values collected while handling (auth clearing, login, logout). */
  setCookies: string[];
  bodyBuffer?: Buffer;
}

const MAX_BODY = 1024 * 1024;

export function createCtx(req: IncomingMessage, res: ServerResponse, fallbackHost: string): Ctx {
  const rawUrl = req.url ?? '/';
  const parsed = new URL(rawUrl, 'http://placeholder');
  const query = new Map<string, string[]>();
  for (const [k, v] of parsed.searchParams) {
    const key = k.toLowerCase();
    query.set(key, [...(query.get(key) ?? []), v]);
  }
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim().toLowerCase();
  // Behind a proxy (X-Forwarded-Proto, UseForwardedHeaders) or served over TLS itself (--https).
  const isHttps = proto === 'https' || (!proto && (req.socket as { encrypted?: boolean }).encrypted === true);
  const host = req.headers.host ?? fallbackHost;
  return {
    req,
    res,
    method: (req.method ?? 'GET').toUpperCase(),
    path: parsed.pathname,
    query,
    cookies: parseCookies(req.headers.cookie),
    displayUrl: `${isHttps ? 'https' : 'http'}://${host}${rawUrl}`,
    isHttps,
    params: {},
    setCookies: [],
  };
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    // First occurrence wins, like ASP.NET's request cookie collection.
    if (name && !out.has(name)) out.set(name, decodeURIComponentSafe(value));
  }
  return out;
}

function decodeURIComponentSafe(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

export class BodyTooLargeError extends Error {}

export async function readBody(ctx: Ctx): Promise<Buffer> {
  if (ctx.bodyBuffer) return ctx.bodyBuffer;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new BodyTooLargeError('body too large');
    chunks.push(buf);
  }
  ctx.bodyBuffer = Buffer.concat(chunks);
  return ctx.bodyBuffer;
}

export function firstQuery(ctx: Ctx, name: string): string | undefined {
  return ctx.query.get(name.toLowerCase())?.[0];
}

function applyCookies(ctx: Ctx): void {
  if (ctx.setCookies.length > 0) ctx.res.setHeader('Set-Cookie', ctx.setCookies);
}

export function sendJson(ctx: Ctx, status: number, body: unknown, contentType = 'application/json; charset=utf-8'): void {
  const text = JSON.stringify(body);
  applyCookies(ctx);
  ctx.res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  ctx.res.end(text);
}

export function sendEmpty(ctx: Ctx, status: number, headers: Record<string, string> = {}): void {
  applyCookies(ctx);
  ctx.res.writeHead(status, { 'Content-Length': '0', ...headers });
  ctx.res.end();
}

export function sendText(ctx: Ctx, status: number, text: string | Buffer, contentType: string, headers: Record<string, string> = {}): void {
  applyCookies(ctx);
  const len = typeof text === 'string' ? Buffer.byteLength(text) : text.length;
  ctx.res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(len), ...headers });
  ctx.res.end(text);
}

/** CORS as configured by `core:cors "*"`: any origin, header and method, never credentials. */
export function handleCors(ctx: Ctx): boolean {
  const origin = ctx.req.headers.origin;
  if (!origin) return false;
  ctx.res.setHeader('Access-Control-Allow-Origin', '*');
  const requestedMethod = ctx.req.headers['access-control-request-method'];
  if (ctx.method === 'OPTIONS' && requestedMethod) {
    const requestedHeaders = ctx.req.headers['access-control-request-headers'];
    const headers: Record<string, string> = { 'Access-Control-Allow-Methods': String(requestedMethod) };
    if (requestedHeaders) headers['Access-Control-Allow-Headers'] = String(requestedHeaders);
    sendEmpty(ctx, 204, headers);
    return true;
  }
  return false;
}
