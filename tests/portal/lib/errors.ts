// .NET exceptions as the DocSpace server raises them. CustomExceptionHandler
// (ASC.Api.Core/Middleware/ResponseWrapper.cs) maps the exception class to the
// HTTP status and decides whether type/stack/hresult are written.

export interface DotNetErrorInit {
  status: number;
  type: string;
  message: string;
  hresult: number;
  /** false for AuthenticationException, CustomHttpException, … ("no type/stack"). */
  withStack?: boolean;
}

export class DotNetError extends Error {
  readonly status: number;
  readonly type: string;
  readonly hresult: number;
  readonly withStack: boolean;
  /** Where the server would have thrown; only used to build a plausible stack text. */
  where = 'ASC.Api.Core.Middleware';

  constructor(init: DotNetErrorInit) {
    super(init.message);
    this.status = init.status;
    this.type = init.type;
    this.hresult = init.hresult;
    this.withStack = init.withStack ?? true;
  }

  at(where: string): this {
    this.where = where;
    return this;
  }
}

// HRESULT values of the framework exception classes.
const E_ARGUMENT = -2147024809;
const E_POINTER = -2147467261;
const COR_E_KEYNOTFOUND = -2146232969;
const COR_E_FORMAT = -2146233033;
const COR_E_EXCEPTION = -2146233088;
const COR_E_SECURITY = -2146233078;
const COR_E_INVALIDOPERATION = -2146233079;
const COR_E_DIRECTORYNOTFOUND = -2147024893;

/** ArgumentException and subclasses → 400 with the message. */
export const argumentError = (message: string): DotNetError =>
  new DotNetError({ status: 400, type: 'System.ArgumentException', message, hresult: E_ARGUMENT });

/** A dereferenced null: any unmapped exception → 500. */
export const nullReference = (): DotNetError =>
  new DotNetError({
    status: 500,
    type: 'System.NullReferenceException',
    message: 'Object reference not set to an instance of an object.',
    hresult: E_POINTER,
  });

/** Dictionary indexer on a missing key → 500. */
export const keyNotFound = (key: string): DotNetError =>
  new DotNetError({
    status: 500,
    type: 'System.Collections.Generic.KeyNotFoundException',
    message: `The given key '${key}' was not present in the dictionary.`,
    hresult: COR_E_KEYNOTFOUND,
  });

/** Quartz CronExpression parse errors → 500. */
export const formatError = (message: string): DotNetError =>
  new DotNetError({ status: 500, type: 'System.FormatException', message, hresult: COR_E_FORMAT });

/** `new Uri(origin)` on a value that is no absolute URI, such as "null" → 500. */
export const uriFormatError = (): DotNetError =>
  new DotNetError({ status: 500, type: 'System.UriFormatException', message: 'Invalid URI: The format of the URI could not be determined.', hresult: COR_E_FORMAT });

/** A plain `new Exception(msg)` → 500. */
export const plainException = (message: string): DotNetError =>
  new DotNetError({ status: 500, type: 'System.Exception', message, hresult: COR_E_EXCEPTION });

/** DirectoryNotFoundException → 404. */
export const folderNotFound = (): DotNetError =>
  new DotNetError({
    status: 404,
    type: 'System.IO.DirectoryNotFoundException',
    message: 'The required folder was not found',
    hresult: COR_E_DIRECTORYNOTFOUND,
  });

/** SecurityException → 403; the handler always replaces the message with "Access denied". */
export const securityError = (): DotNetError =>
  new DotNetError({ status: 403, type: 'System.Security.SecurityException', message: 'Access denied', hresult: COR_E_SECURITY });

/** AuthorizingException (permissionContext.DemandPermissionsAsync) → 403 "Access denied". */
export const authorizingError = (): DotNetError =>
  new DotNetError({
    status: 403,
    type: 'ASC.Common.Security.Authorizing.AuthorizingException',
    message: 'Access denied',
    hresult: COR_E_EXCEPTION,
  });

/** BillingException → 402. */
export const billingError = (message = 'Your pricing plan does not support this option'): DotNetError =>
  new DotNetError({ status: 402, type: 'ASC.Core.Billing.BillingException', message, hresult: COR_E_EXCEPTION });

/** TenantQuotaException → 402. */
export const tenantQuotaError = (message: string): DotNetError =>
  new DotNetError({ status: 402, type: 'ASC.Core.Tenants.TenantQuotaException', message, hresult: COR_E_EXCEPTION });

/** InvalidOperationException → 403 with its message. */
export const invalidOperation = (message: string): DotNetError =>
  new DotNetError({ status: 403, type: 'System.InvalidOperationException', message, hresult: COR_E_INVALIDOPERATION });

/** AuthenticationException → 401 without type/stack (the only 401 with a body). */
export const authenticationFailed = (message = 'User authentication failed'): DotNetError =>
  new DotNetError({
    status: 401,
    type: 'System.Security.Authentication.AuthenticationException',
    message,
    hresult: 0,
    withStack: false,
  });
