// Binding helpers for handlers: JSON bodies (with the input-formatter content
// type rule) and simple query values ([FromQuery] bool / DateTime?).
import { BindError, bindBody, type FieldSpec } from './binding';
import { firstQuery, readBody, type Ctx } from './http';
import { parseUtc } from './timezone';

export class UnsupportedMediaTypeError extends Error {}

/** SystemTextJsonInputFormatter handles application/json, text/json and application/*+json only. */
function isJsonContentType(ct: string | undefined): boolean {
  if (!ct) return false;
  const type = ct.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type === 'text/json' || /^application\/[^/]+\+json$/.test(type);
}

export async function bindJsonBody<T>(ctx: Ctx, spec: FieldSpec): Promise<T> {
  const raw = await readBody(ctx);
  if (!isJsonContentType(ctx.req.headers['content-type'])) throw new UnsupportedMediaTypeError();
  return bindBody<T>(raw, spec);
}

/**
 * Collects query-binding errors for one action, so several bad values are
 * reported together in one ValidationProblemDetails (as ModelState does).
 */
export class QueryBinder {
  private errors: Record<string, string[]> = {};

  constructor(private readonly ctx: Ctx) {}

  private fail(key: string, message: string): void {
    this.errors[key] = [...(this.errors[key] ?? []), message];
  }

  /** bool: "true"/"false" in any case; absent = false. */
  bool(name: string, display: string): boolean {
    const v = firstQuery(this.ctx, name);
    if (v === undefined) return false;
    const t = v.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
    this.fail(name, v === '' ? "The value '' is invalid." : `The value '${v}' is not valid for ${display}.`);
    return false;
  }

  /** DateTime?: ISO date or date-time; no offset is read as UTC. */
  dateTime(name: string, display: string): number | undefined {
    const v = firstQuery(this.ctx, name);
    if (v === undefined || v === '') return undefined;
    const t = parseUtc(v);
    if (Number.isNaN(t)) this.fail(name, `The value '${v}' is not valid for ${display}.`);
    return Number.isNaN(t) ? undefined : t;
  }

  /** Throws the 400 validation envelope if anything failed. */
  done(): void {
    if (Object.keys(this.errors).length > 0) throw new BindError(this.errors);
  }
}

/** The common `DumpDto` query: `dump`, bound case-insensitively under the property name "Dump". */
export function bindDump(ctx: Ctx): boolean {
  const q = new QueryBinder(ctx);
  const v = q.bool('Dump', 'Dump');
  q.done();
  return v;
}
