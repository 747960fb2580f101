// Route table for the API: templates like "/api/2.0/backup/deletebackup/{id:guid}",
// matched case-insensitively with an optional trailing slash, as ASP.NET routing does.
import type { Principal } from './auth';
import type { Ctx } from './http';

export type Handler = (ctx: Ctx, principal: Principal | undefined) => void | Promise<void>;

export interface RouteOptions {
  /** [AllowAnonymous]: no 401 without credentials. */
  anonymous?: boolean;
  /** Subject to PaymentFilter (no [AllowNotPayment]). */
  payment?: boolean;
  /** The server method behind the route, for the fabricated stack text. */
  where?: string;
}

interface Route extends RouteOptions {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

export type RouteMatch = { kind: 'found'; route: Route; params: Record<string, string> } | { kind: 'method'; allow: string[] } | { kind: 'none' };

const GUID = '(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32}|\\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}|\\([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\))';

function compile(template: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  const body = template
    .split('/')
    .map((seg) => {
      const m = /^\{(\w+)(?::(\w+))?\}$/.exec(seg);
      if (!m) return seg.replace(/[.*+?^${}()|[\]\\@]/g, '\\$&');
      keys.push(m[1] as string);
      if (m[2] === 'guid') return `(${GUID})`;
      if (m[2] === 'int') return '(-?\\d+)';
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${body}/?$`, 'i'), keys };
}

export class Router {
  private routes: Route[] = [];

  add(method: string, template: string, options: RouteOptions, handler: Handler): void {
    this.routes.push({ method, ...compile(template), ...options, handler });
  }

  match(method: string, path: string): RouteMatch {
    const allow: string[] = [];
    // Literal routes win over parameter routes (e.g. files/rooms over files/{folderId}).
    const ordered = [...this.routes].sort((a, b) => a.keys.length - b.keys.length);
    for (const r of ordered) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      if (r.method !== method) {
        allow.push(r.method);
        continue;
      }
      const params: Record<string, string> = {};
      r.keys.forEach((k, i) => {
        params[k] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { kind: 'found', route: r, params };
    }
    return allow.length > 0 ? { kind: 'method', allow } : { kind: 'none' };
  }
}
