import type { Browser } from '#imports';

/**
 * Only the extension's own pages may talk to the background: content scripts
 * and other extensions have another id or a web page URL.
 */
export function isOwnPage(sender: Browser.runtime.MessageSender, ownId: string, ownBaseUrl: string): boolean {
  if (sender.id !== ownId) return false;
  if (typeof sender.url !== 'string' || !sender.url.startsWith(ownBaseUrl)) return false;
  // A page in a tab is fine (options page); a content script's sender has a web URL, caught above.
  return true;
}
