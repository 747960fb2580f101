// /api/2.0/authentication and /api/2.0/people/@self.
import { randomBytes } from 'node:crypto';
import { checkPassword, employeeFull, findUserByEmail } from './accounts';
import { AUTH_REQUESTS_DTO } from './binding';
import { sendSuccess } from './envelope';
import { authenticationFailed } from './errors';
import type { Portal } from './portal';
import { bindJsonBody } from './request-binding';
import type { Router } from './router';
import { formatApiDateTime } from './timezone';

interface AuthBody {
  userName?: string | null;
  password?: string | null;
  session?: boolean;
}

export function registerAuthRoutes(router: Router, p: Portal): void {
  const A = 'ASC.Web.Api.Controllers.AuthenticationController';

  router.add('GET', '/api/2.0/authentication', { anonymous: true, where: `${A}.GetIsAuthentificated()` }, (ctx, pr) => {
    sendSuccess(ctx, pr !== undefined);
  });

  router.add('POST', '/api/2.0/authentication', { anonymous: true, where: `${A}.AuthenticateMe(AuthRequestsDto inDto)` }, async (ctx) => {
    const dto = await bindJsonBody<AuthBody>(ctx, AUTH_REQUESTS_DTO);
    const user = findUserByEmail(dto.userName ?? '');
    // Unknown e-mail and wrong password look the same: BruteForceLoginManager → AuthenticationException.
    if (!user || !checkPassword(user, dto.password ?? '')) throw authenticationFailed();
    if (p.opts.tfaUsers?.some((email) => email.toLowerCase() === user.email.toLowerCase())) {
      // AuthenticateMeAsync with an authenticator app: a confirm key cookie and the code page's URL,
      // no token and no asc_auth_key until the code is entered (not emulated: it stays pending).
      const key = randomBytes(16).toString('hex');
      p.auth.setConfirmCookie(ctx, key);
      const base = ctx.displayUrl.slice(0, ctx.displayUrl.indexOf('/api/'));
      sendSuccess(ctx, { sms: false, tfa: true, confirmUrl: `${base}/confirm/TfaAuth?type=TfaAuth&key=${key}&email=${encodeURIComponent(user.email)}` });
      return;
    }
    const session = p.auth.login(user);
    const sessionOnly = dto.session === true;
    p.auth.setAuthCookie(ctx, session, sessionOnly);
    const out: Record<string, unknown> = { token: session.token };
    if (!sessionOnly) out.expires = formatApiDateTime(session.expires, p.opts.timezone);
    out.sms = false;
    out.tfa = false;
    sendSuccess(ctx, out);
  });

  router.add('POST', '/api/2.0/authentication/logout', { anonymous: true, where: `${A}.Logout()` }, (ctx) => {
    // Only the cookie's login event ends; a header-only token stays valid, and without
    // a cookie in the request no Set-Cookie comes back (CookiesManager.ClearCookies).
    p.auth.logoutCookieEvent(ctx);
    p.auth.clearCookies(ctx);
    sendSuccess(ctx, null);
  });

  router.add('GET', '/api/2.0/people/@self', { where: 'ASC.People.Api.UserController.SelfAsync()' }, (ctx, pr) => {
    const principal = pr as NonNullable<typeof pr>;
    sendSuccess(ctx, employeeFull(principal.user, p.opts.timezone, principal.session?.loginEventId));
  });
}
