// The asc_auth_key cookie as the server writes, reads and clears it.
//
// - Writing: web/ASC.Web.Core/CookiesManager.cs SetCookiesAsync. SameSite comes from `web:samesite`
//   (here --samesite): Strict or Lax as configured; None only over https (with Secure), so None over
//   plain http ends up Strict ("Unspecified → Strict"). 3.8.0 (here --partitioned) adds `Partitioned`
//   to a `SameSite=None; Secure` cookie. ASP.NET's Response.Cookies.Append escapes the value
//   (Uri.EscapeDataString): a base64 token's + / = travel as %2B %2F %3D.
// - Reading: ASP.NET unescapes request cookie values; then CookieStorage.DecryptCookie (used for the
//   cookie and the Authorization header alike) runs HttpUtility.UrlDecode(value).Replace(' ', '+').
// - Clearing: CookiesManager.ClearCookies deletes only a cookie the request carried; 3.8.0 also emits
//   the Partitioned deletion over https (a partitioned cookie is only deleted by a Partitioned header).

export type SameSite = 'strict' | 'lax' | 'none';

export interface CookiePolicy {
  /** `web:samesite`; undefined = not configured (Strict). */
  sameSite?: SameSite;
  /** 3.8.0 behaviour: Partitioned on SameSite=None; Secure. */
  partitioned?: boolean;
}

const EPOCH = 'Thu, 01 Jan 1970 00:00:00 GMT';
const SAME_SITE_NAME: Record<SameSite, string> = { strict: 'Strict', lax: 'Lax', none: 'None' };

/** The attributes after `name=value` for a cookie of this policy. */
export function authCookieAttributes(policy: CookiePolicy, isHttps: boolean): { sameSite: string; secure: boolean; partitioned: boolean } {
  let sameSite: SameSite = policy.sameSite && policy.sameSite !== 'none' ? policy.sameSite : 'strict';
  if (isHttps && policy.sameSite === 'none') sameSite = 'none';
  const partitioned = Boolean(policy.partitioned) && sameSite === 'none' && isHttps;
  return { sameSite: SAME_SITE_NAME[sameSite], secure: isHttps, partitioned };
}

/** The session cookie's attributes in words, for a person starting the portal. */
export function cookieSummary(sameSite: string | undefined, partitioned: boolean | undefined, https: boolean | undefined): string {
  const a = authCookieAttributes({ sameSite: sameSite as SameSite | undefined, partitioned }, Boolean(https));
  return `SameSite=${a.sameSite}${a.secure ? '; Secure' : ''}${a.partitioned ? '; Partitioned' : ''}`;
}

/** Set-Cookie for a new login; `expires` undefined for a session-only cookie. */
export function authSetCookie(name: string, token: string, policy: CookiePolicy, isHttps: boolean, expires?: Date): string {
  const a = authCookieAttributes(policy, isHttps);
  const parts = [`${name}=${escapeDataString(token)}`];
  if (expires) parts.push(`expires=${expires.toUTCString()}`);
  parts.push('path=/');
  if (a.secure) parts.push('secure');
  parts.push(`samesite=${a.sameSite.toLowerCase()}`, 'httponly');
  if (a.partitioned) parts.push('Partitioned');
  return parts.join('; ');
}

/** The deletion headers ClearCookies sends for a cookie the request carried. */
export function clearSetCookies(name: string, policy: CookiePolicy, isHttps: boolean): string[] {
  const out = [`${name}=; expires=${EPOCH}; path=/`];
  if (policy.partitioned && isHttps) out.push(`${name}=; expires=${EPOCH}; path=/; secure; samesite=none; Partitioned`);
  return out;
}

/** Uri.EscapeDataString: everything but the RFC 3986 unreserved characters. */
export function escapeDataString(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** HttpUtility.UrlDecode(value).Replace(' ', '+'): '+' and %20 both end as '+'; bad escapes stay. */
export function decodeToken(value: string): string {
  const spaced = value.replace(/\+/g, ' ');
  const decoded = spaced.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
  return decoded.replace(/ /g, '+');
}
