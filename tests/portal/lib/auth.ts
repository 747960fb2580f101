// Login tokens and request authentication, following the MultiAuthSchemes
// selector and CookieAuthHandler: the asc_auth_key cookie first, then the
// Authorization header (a leading "Bearer " stripped); Basic e-mail/password.
import { randomBytes } from 'node:crypto';
import { checkPassword, findUserByEmail, findUserById, type User } from './accounts';
import type { PortalClock } from './clock';
import type { Ctx } from './http';
import type { Session, StateStore } from './state';
import { authSetCookie, clearSetCookies, decodeToken, type CookiePolicy } from './session-cookie';

export const AUTH_COOKIE = 'asc_auth_key';
const SOCKET_COOKIE = 'socketio.sid';
const YEAR_MS = 365 * 86400_000;

export interface Principal {
  user: User;
  /** The login session, absent for Basic auth. */
  session?: Session;
}

export class Auth {
  constructor(
    private readonly store: StateStore,
    private readonly clock: PortalClock,
    private readonly policy: CookiePolicy = {},
  ) {}

  /** Issues a new opaque token; every login gets its own (login event). */
  login(user: User): Session {
    const s = this.store.state;
    const session: Session = {
      token: newToken(),
      userId: user.id,
      expires: this.clock.now() + YEAR_MS,
      loginEventId: s.nextLoginEventId++,
    };
    s.sessions.push(session);
    // Forget sessions that expired long ago so state.json does not grow forever.
    s.sessions = s.sessions.filter((x) => x.expires > this.clock.now() - YEAR_MS);
    this.store.save();
    return session;
  }

  /**
   * AuthenticationController.Logout: ends the login event read from the request's
   * cookie (CookieStorage.GetLoginEventIdFromCookie). A token sent only as a header
   * names no event, so it stays valid.
   */
  logoutCookieEvent(ctx: Ctx): boolean {
    const cookie = ctx.cookies.get(AUTH_COOKIE);
    if (!cookie) return false;
    const token = decodeToken(cookie.trim());
    const event = this.store.state.sessions.find((x) => x.token === token)?.loginEventId;
    if (event === undefined) return false;
    const s = this.store.state;
    s.sessions = s.sessions.filter((x) => x.loginEventId !== event);
    this.store.save();
    return true;
  }

  private byToken(token: string): Principal | undefined {
    const session = this.store.state.sessions.find((x) => x.token === token);
    if (!session || session.expires <= this.clock.now()) return undefined;
    const user = findUserById(session.userId);
    return user ? { user, session } : undefined;
  }

  /**
   * Authenticates a request; a failed cookie-handler attempt queues Set-Cookie
   * headers deleting the auth (and socket.io) cookies that were sent.
   */
  authenticate(ctx: Ctx): Principal | undefined {
    const header = String(ctx.req.headers.authorization ?? '');
    if (/^Basic /.test(header)) {
      // The scheme selector routes Basic to its own handler: the cookie is not consulted.
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const user = colon > 0 ? findUserByEmail(decoded.slice(0, colon)) : undefined;
      return user && checkPassword(user, decoded.slice(colon + 1)) ? { user } : undefined;
    }
    if (/^Bearer sk-/.test(header) || /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(header)) {
      // API keys / OAuth JWTs: none are issued by this portal.
      return undefined;
    }
    let token = ctx.cookies.get(AUTH_COOKIE) ?? header;
    token = token.trim();
    // CookieAuthHandler: if "Bearer" appears anywhere, the first 7 characters are cut off.
    if (token.includes('Bearer')) token = token.slice('Bearer '.length);
    // CookieStorage.DecryptCookie decodes the value, whether it came from the cookie or the header.
    const principal = token ? this.byToken(decodeToken(token)) : undefined;
    if (!principal) this.clearCookies(ctx);
    return principal;
  }

  /** CookiesManager.ClearCookies: only cookies the request carried, each once per answer. */
  clearCookies(ctx: Ctx): void {
    for (const name of [AUTH_COOKIE, SOCKET_COOKIE]) {
      if (!ctx.cookies.has(name)) continue;
      for (const header of clearSetCookies(name, this.policy, ctx.isHttps)) {
        if (!ctx.setCookies.includes(header)) ctx.setCookies.push(header);
      }
    }
  }

  /** AuthenticateMe for a 2FA user: only the confirm key cookie (session-only), no session. */
  setConfirmCookie(ctx: Ctx, key: string): void {
    ctx.setCookies.push(authSetCookie('asc_confirm_key_TfaAuth', key, this.policy, ctx.isHttps));
  }

  /** CookiesManager.SetCookiesAsync for the auth key (see session-cookie.ts). */
  setAuthCookie(ctx: Ctx, session: Session, sessionOnly: boolean): void {
    // The browser judges expiry against real time, so convert from the portal clock.
    const realExpiry = sessionOnly ? undefined : new Date(session.expires - this.clock.offsetMs);
    ctx.setCookies.push(authSetCookie(AUTH_COOKIE, session.token, this.policy, ctx.isHttps, realExpiry));
  }
}

/**
 * A token shaped like the server's (base64 of an encrypted string), always with
 * '+', '/' and '=' so that every cookie value needs URL-escaping, as real ones do.
 */
function newToken(): string {
  for (;;) {
    const token = randomBytes(47).toString('base64');
    if (token.includes('+') && token.includes('/')) return token;
  }
}
