/**
 * Whether a tab's URL looks like a DocSpace portal, to offer adding it. Only
 * the URL is available without a host permission, so this is a hint, not proof.
 */
export function looksLikeDocSpace(url: URL): boolean {
  if (url.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return false;
  if (/(^|\.)onlyoffice\.(com|eu|io|sg)$/i.test(url.hostname) || /docspace/i.test(url.hostname)) return true;
  return /^\/(rooms|portal-settings|files|accounts|login)(\/|$)/i.test(url.pathname);
}
