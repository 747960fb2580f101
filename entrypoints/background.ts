import { route } from '@/utils/background/router';

export default defineBackground(() => {
  const ctx = { ownId: browser.runtime.id, ownBaseUrl: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message, sender) => {
    // Returning undefined leaves foreign senders unanswered.
    const reply = route(message, sender, ctx);
    return reply.then((r) => r) as Promise<unknown>;
  });
});
