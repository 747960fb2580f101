// Response envelopes written by ASC.Api.Core (CommonApiResponse.cs): the
// success wrapper, the error wrapper and the un-wrapped ProblemDetails of
// filter short-circuits.
import { randomBytes } from 'node:crypto';
import type { DotNetError } from './errors';
import { sendJson, type Ctx } from './http';

/** `count` as SuccessApiResponse computes it: list length, 0 for null, otherwise 1. */
export function countOf(response: unknown): number {
  if (response === null || response === undefined) return 0;
  if (Array.isArray(response)) return response.length;
  return 1;
}

function links(ctx: Ctx): Array<{ href: string; action: string }> {
  return [{ href: ctx.displayUrl, action: ctx.method }];
}

/** 200 with the success envelope; a null/undefined response drops the key (WhenWritingNull). */
export function sendSuccess(ctx: Ctx, response: unknown): void {
  const body: Record<string, unknown> = {};
  if (response !== null && response !== undefined) body.response = response;
  body.count = countOf(response);
  body.links = links(ctx);
  body.status = 0;
  body.statusCode = 200;
  sendJson(ctx, 200, body);
}

/** A fabricated but plausible .NET stack trace for `error.stack`. */
function stackText(err: DotNetError): string {
  return [
    `   at ${err.where}`,
    '   at lambda_method(Closure, Object)',
    '   at Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.AwaitableObjectResultExecutor.Execute(ActionContext actionContext, IActionResultTypeMapper mapper, ObjectMethodExecutor executor, Object controller, Object[] arguments)',
    '   at Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker.<InvokeActionMethodAsync>g__Awaited|12_0(ControllerActionInvoker invoker, ValueTask`1 actionResultValueTask)',
  ].join('\n');
}

export function errorBody(err: DotNetError): Record<string, unknown> {
  return {
    error: {
      message: err.message,
      // "No type/stack" exceptions still serialize the properties (nulls are kept by WriteAsJsonAsync).
      type: err.withStack ? err.type : null,
      stack: err.withStack ? stackText(err) : null,
      hresult: err.withStack ? err.hresult : 0,
    },
    status: 1,
    statusCode: err.status,
  };
}

export function sendError(ctx: Ctx, err: DotNetError): void {
  sendJson(ctx, err.status, errorBody(err));
}

export function traceId(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}

/** Model-binding failure: a ValidationProblemDetails wrapped in the success envelope with status 1. */
export function sendValidation(ctx: Ctx, errors: Record<string, string[]>): void {
  const response = {
    type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
    title: 'One or more validation errors occurred.',
    status: 400,
    errors,
    traceId: traceId(),
  };
  sendJson(ctx, 400, { response, count: 1, links: links(ctx), status: 1, statusCode: 400 });
}

const PROBLEM_TITLES: Record<number, [string, string]> = {
  400: ['Bad Request', '15.5.1'],
  402: ['Payment Required', '15.5.3'],
  403: ['Forbidden', '15.5.4'],
  404: ['Not Found', '15.5.5'],
  415: ['Unsupported Media Type', '15.5.16'],
  429: ['Too Many Requests', '6.5'],
};

/** Client-error ProblemDetails produced by [ApiController] for a bare status-code result. */
export function problemDetails(status: number): Record<string, unknown> {
  // The payment filter's StatusCodeResult(402) comes back as a bare {status, traceId} (issue #10).
  if (status === 402) return { status, traceId: traceId() };
  const [title, section] = PROBLEM_TITLES[status] ?? ['Error', '15.6.1'];
  return { type: `https://tools.ietf.org/html/rfc9110#section-${section}`, title, status, traceId: traceId() };
}

/** PaymentFilter / TenantStatusFilter short-circuit: not wrapped (result filters do not run). */
export function sendProblem(ctx: Ctx, status: number): void {
  sendJson(ctx, status, problemDetails(status), 'application/problem+json; charset=utf-8');
}

/**
 * 415 for a body that is not JSON. Inferred, not observed: the UnsupportedMediaType
 * ProblemDetails is an ObjectResult, so the response filter wraps it with status 0.
 */
export function sendUnsupportedMediaType(ctx: Ctx): void {
  sendJson(ctx, 415, { response: problemDetails(415), count: 1, links: links(ctx), status: 0, statusCode: 200 });
}
