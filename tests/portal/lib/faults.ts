// Injected failures for client tests: a queue of faults matched against the
// next API requests (status, delay, malformed/HTML/empty bodies, dropped sockets).
import { problemDetails, errorBody } from './envelope';
import { argumentError, DotNetError, securityError } from './errors';
import { sendEmpty, sendText, type Ctx } from './http';

export interface Fault {
  path?: string;
  method?: string;
  status?: number;
  delayMs?: number;
  body?: unknown;
  headers?: Record<string, string>;
  drop?: boolean;
  /** Matches left; 0 = until cleared. */
  times: number;
}

export function parseFault(input: unknown): Fault | string {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return 'The fault must be a JSON object.';
  const f = input as Record<string, unknown>;
  const out: Fault = { times: 1 };
  if (f.path !== undefined) {
    if (typeof f.path !== 'string') return '"path" must be a string.';
    out.path = f.path;
  }
  if (f.method !== undefined) {
    if (typeof f.method !== 'string') return '"method" must be a string.';
    out.method = f.method.toUpperCase();
  }
  if (f.status !== undefined) {
    if (!Number.isInteger(f.status) || (f.status as number) < 100 || (f.status as number) > 599) return '"status" must be an HTTP status code.';
    out.status = f.status as number;
  }
  if (f.delayMs !== undefined) {
    if (typeof f.delayMs !== 'number' || f.delayMs < 0) return '"delayMs" must be a non-negative number.';
    out.delayMs = f.delayMs;
  }
  if (f.headers !== undefined) {
    if (!f.headers || typeof f.headers !== 'object' || Array.isArray(f.headers)) return '"headers" must be an object.';
    out.headers = Object.fromEntries(Object.entries(f.headers).map(([k, v]) => [k, String(v)]));
  }
  if (f.drop !== undefined) {
    if (typeof f.drop !== 'boolean') return '"drop" must be a boolean.';
    out.drop = f.drop;
  }
  if (f.times !== undefined) {
    if (!Number.isInteger(f.times) || (f.times as number) < 0) return '"times" must be a non-negative integer.';
    out.times = f.times as number;
  }
  if ('body' in f) out.body = f.body;
  return out;
}

function pathMatches(pattern: string, pathname: string): boolean {
  if (pathname.toLowerCase().includes(pattern.toLowerCase())) return true;
  try {
    return new RegExp(pattern, 'i').test(pathname);
  } catch {
    return false;
  }
}

const NGINX_TITLES: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** nginx's own error page (the proxy answers when the backend is down). */
const HTML_PAGE = (status: number) => {
  const title = `${status} ${NGINX_TITLES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
};

export class Faults {
  private queue: Fault[] = [];

  add(f: Fault): void {
    this.queue.push(f);
  }

  clear(): void {
    this.queue = [];
  }

  list(): Fault[] {
    return this.queue.map((f) => ({ ...f }));
  }

  /** Takes the first fault matching this request (consuming one of its `times`). */
  take(method: string, pathname: string): Fault | undefined {
    const f = this.queue.find((x) => (!x.method || x.method === method) && (!x.path || pathMatches(x.path, pathname)));
    if (!f) return undefined;
    if (f.times > 0) {
      f.times--;
      if (f.times === 0) this.queue = this.queue.filter((x) => x !== f);
    }
    return f;
  }

  /** Applies a fault. Returns true when the request was answered (or dropped); false = continue normally. */
  async apply(ctx: Ctx, f: Fault): Promise<boolean> {
    if (f.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
    if (f.drop) {
      ctx.req.socket.destroy();
      return true;
    }
    if (f.status === undefined && !('body' in f)) return false; // delay only
    const headers = { ...(f.headers ?? {}) };
    if ('body' in f) {
      const status = f.status ?? (f.body === 'html' ? 502 : 200);
      if (f.body === 'malformed') {
        sendText(ctx, status, '{"response":{"storageType":0,"storageParams":{"folderId":"10', 'application/json; charset=utf-8', headers);
      } else if (f.body === 'html') {
        sendText(ctx, status, HTML_PAGE(status), 'text/html', headers);
      } else if (f.body === 'empty') {
        sendEmpty(ctx, status, headers);
      } else {
        sendText(ctx, status, JSON.stringify(f.body), 'application/json; charset=utf-8', headers);
      }
      return true;
    }
    this.sendRealistic(ctx, f.status as number, headers);
    return true;
  }

  /** The body the real stack would send with that status. */
  private sendRealistic(ctx: Ctx, status: number, headers: Record<string, string>): void {
    const json = (body: unknown, type = 'application/json; charset=utf-8') => sendText(ctx, status, JSON.stringify(body), type, headers);
    switch (status) {
      case 401:
      case 404:
      case 405:
        return sendEmpty(ctx, status, headers);
      case 429: {
        const h = { ...headers };
        if (!Object.keys(h).some((k) => k.toLowerCase() === 'retry-after')) h['Retry-After'] = '2';
        return sendEmpty(ctx, status, h);
      }
      case 400:
        return json(errorBody(argumentError('Value does not fall within the expected range.')));
      case 402:
        return json(problemDetails(402), 'application/problem+json; charset=utf-8');
      case 403:
        return json(errorBody(securityError()));
      case 502:
      case 503:
      case 504:
        return sendText(ctx, status, HTML_PAGE(status), 'text/html', headers);
      default:
        if (status >= 400) {
          const message = status >= 500 ? 'Internal Server Error' : 'Request failed';
          return json(errorBody(new DotNetError({ status, type: 'System.Exception', message, hresult: -2146233088 })));
        }
        return sendEmpty(ctx, status, headers);
    }
  }
}
