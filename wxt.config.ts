import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { noInnerHtml } from './scripts/vite-no-inner-html';
import { firstPaintChunk } from './scripts/vite-first-paint-chunk';

// The demo/e2e build (`--mode e2e`) grants loopback portals at install, because
// Playwright cannot click permission prompts: plain http and, for the local
// portal's --https (a 3.8-style portal), https. For the same reason Chromium's
// holds the notifications permission from install (turning them on still asks, and
// is granted without a prompt). Firefox grants a request only for a permission in
// optional_permissions, so there it stays optional and its e2e run grants it
// through a pref. The production build has no install-time host permission at
// all, and notifications are optional.
// *.localhost: local portals on distinct loopback names (one session each).
const LOOPBACK_HTTP = ['http://127.0.0.1/*', 'http://localhost/*', 'http://*.localhost/*', 'http://[::1]/*'];
const LOOPBACK = [...LOOPBACK_HTTP, 'https://127.0.0.1/*', 'https://localhost/*', 'https://[::1]/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact(), noInnerHtml(), firstPaintChunk(/entrypoints\/popup\/index\.html$/, 'popup-first')], build: { sourcemap: process.env.SOURCEMAP === '1', modulePreload: { polyfill: false } } }),
  webExt: { disabled: true },
  zip: {
    // The sources zip for addons.mozilla.org's review: what `npm ci && npm run build:firefox`
    // needs, nothing else (WXT already leaves out node_modules, dot files, .output and *.test/*.spec).
    // scripts/check-zips.ts checks the result.
    excludeSources: [
      'tests/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      'web-ext-artifacts/**',
      'docs/**',
      'stats.html',
      '**/*.log',
      'playwright.config.ts',
      'vitest.config.ts',
    ],
  },
  manifest: ({ browser, mode, manifestVersion }) => {
    const e2e = mode === 'e2e';
    const notificationsAtInstall = e2e && browser !== 'firefox';
    const manifest: Record<string, unknown> = {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      permissions: ['storage', 'alarms', 'cookies', 'activeTab', ...(notificationsAtInstall ? ['notifications'] : [])],
      optional_permissions: notificationsAtInstall ? [] : ['notifications'],
      optional_host_permissions: ['https://*/*', ...LOOPBACK_HTTP],
      host_permissions: e2e ? LOOPBACK : [],
      action: { default_title: '__MSG_extName__' },
      // Alt+Shift+D opens the popup (B would take Chrome's "focus the bookmarks bar").
      // People change it in chrome://extensions/shortcuts or Firefox's add-on shortcuts.
      commands: {
        [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
          suggested_key: { default: 'Alt+Shift+D' },
          description: '__MSG_commandOpenPopup__',
        },
      },
    };
    // Managed deployment (docs/managed-deployment.md): Chrome validates the admin's policy against this
    // schema; Firefox has no manifest key for it and reads the same keys from enterprise policies.
    if (browser !== 'firefox') manifest.storage = { managed_schema: 'managed_schema.json' };
    if (browser === 'firefox') {
      manifest.browser_specific_settings = {
        gecko: {
          id: 'docspace-backup@example.org',
          // 140 (desktop) and 142 (Android) are the first to read data_collection_permissions,
          // which addons.mozilla.org requires of new add-ons; optional_host_permissions needs 128.
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      };
    }
    return manifest;
  },
});
