import { route } from '@/utils/background/router';
import { isOwnPage } from '@/utils/background/sender';
import { startHealthChecks } from '@/utils/background/health-schedule';
import { startStorageGuard } from '@/utils/background/storage-guard';
import { forgetPortal } from '@/utils/background/portals';
import { startManagedSync } from '@/utils/background/managed-sync';

export default defineBackground(() => {
  // Before anything else: brings stored values to the layout this version reads, checks
  // them all, and from now on every value read or stored (the pages read without zod).
  void startStorageGuard();
  const ctx = { ownId: browser.runtime.id, ownBaseUrl: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message, sender) => {
    // Foreign senders get no listener answer at all, so they cannot even tell we exist.
    if (!isOwnPage(sender, ctx.ownId, ctx.ownBaseUrl)) return undefined;
    return route(message, sender, ctx) as Promise<unknown>;
  });
  // First install: the settings page is where a portal is added. The Firefox
  // end-to-end suite relies on it (WebDriver BiDi cannot open moz-extension:// itself);
  // the Chrome e2e/demo build leaves it out, as Chromium would reuse the tab Playwright just opened.
  const openSettingsOnInstall = import.meta.env.MODE !== 'e2e' || import.meta.env.FIREFOX;
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' && openSettingsOnInstall) void browser.runtime.openOptionsPage();
  });
  startHealthChecks();
  // Portals from the organisation's policy (storage.managed); they are checked with the others.
  startManagedSync(forgetPortal);
});
