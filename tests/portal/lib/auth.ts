// Login tokens and request authentication, following the MultiAuthSchemes
// selector and CookieAuthHandler: the asc_auth_key cookie first, then the
// Authorization header (a leading "Bearer " stripped); Basic e-mail/password.
import { randomBytes } from 'node:crypto';
import { checkPassword, findUserByEmail, findUserById, type User } from './accounts';
import type { PortalClock } from './clock';
import type { Ctx } from './http';
import type { Session, StateStore } from './state';

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
  ) {}

  /** Issues a new opaque token; every login gets its own (login event). */
  login(user: User): Session {
    const s = this.store.state;
    const session: Session = {
      token: randomBytes(32).toString('base64url'),
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

  logout(token: string): boolean {
    const s = this.store.state;
    const before = s.sessions.length;
    s.sessions = s.sessions.filter((x) => x.token !== token);
    if (s.sessions.length === before) return false;
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
    const principal = token ? this.byToken(token) : undefined;
    if (!principal) this.clearCookies(ctx);
    return principal;
  }

  clearCookies(ctx: Ctx, always = false): void {
    for (const name of [AUTH_COOKIE, SOCKET_COOKIE]) {
      if (always ? name === AUTH_COOKIE || ctx.cookies.has(name) : ctx.cookies.has(name)) {
        ctx.setCookies.push(`${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`);
      }
    }
  }

  /** CookiesManager.SetCookiesAsync for the auth key: HttpOnly, SameSite=Strict, Secure over https. */
  setAuthCookie(ctx: Ctx, session: Session, sessionOnly: boolean): void {
    // The browser judges expiry against real time, so convert from the portal clock.
    const realExpiry = new Date(session.expires - this.clock.offsetMs).toUTCString();
    const parts = [`${AUTH_COOKIE}=${session.token}`];
    if (!sessionOnly) parts.push(`expires=${realExpiry}`);
    parts.push('path=/');
    if (ctx.isHttps) parts.push('Secure');
    parts.push('HttpOnly', 'SameSite=Strict');
    ctx.setCookies.push(parts.join('; '));
  }
}
