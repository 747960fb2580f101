import { route } from '@/utils/background/router';
import { isOwnPage } from '@/utils/background/sender';

export default defineBackground(() => {
  const ctx = { ownId: browser.runtime.id, ownBaseUrl: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message, sender) => {
    // Foreign senders get no listener answer at all, so they cannot even tell we exist.
    if (!isOwnPage(sender, ctx.ownId, ctx.ownBaseUrl)) return undefined;
    return route(message, sender, ctx) as Promise<unknown>;
  });
});
