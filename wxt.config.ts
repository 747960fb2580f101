import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The demo/e2e build (`--mode e2e`) grants loopback portals at install, because
// Playwright cannot click permission prompts. The production build has no
// install-time host permission at all.
const LOOPBACK = ['http://127.0.0.1/*', 'http://localhost/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()], build: { sourcemap: process.env.SOURCEMAP === '1' } }),
  webExt: { disabled: true },
  manifest: ({ browser, mode }) => {
    const e2e = mode === 'e2e';
    const manifest: Record<string, unknown> = {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      permissions: ['storage', 'alarms', 'cookies', 'activeTab'],
      optional_permissions: ['notifications'],
      optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
      host_permissions: e2e ? LOOPBACK : [],
      action: { default_title: '__MSG_extName__' },
    };
    if (browser === 'firefox') {
      manifest.browser_specific_settings = {
        gecko: {
          id: 'docspace-backup@example.org',
          strict_min_version: '128.0',
          data_collection_permissions: { required: ['none'] },
        },
      };
    }
    return manifest;
  },
});
