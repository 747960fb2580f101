import { describe, expect, it } from 'vitest';
import { chromiumArgs, E2E_EXTENSION_DIR } from './chromium';

describe('the one Chromium launcher', () => {
  it('loads only the given build, with no network chatter or first-run UI', () => {
    const args = chromiumArgs({ extensionDir: '/x/build' });
    expect(args).toEqual(expect.arrayContaining(['--disable-extensions-except=/x/build', '--load-extension=/x/build', '--no-first-run', '--disable-background-networking']));
    expect(args.some((a) => a.startsWith('--lang'))).toBe(false);
    expect(chromiumArgs()).toContain(`--load-extension=${E2E_EXTENSION_DIR}`);
  });

  it('adds the UI language, certificate leniency and extra switches only when asked', () => {
    const args = chromiumArgs({ lang: 'ar', ignoreHttpsErrors: true, args: ['--force-dark-mode'] });
    expect(args).toEqual(expect.arrayContaining(['--lang=ar', '--ignore-certificate-errors', '--force-dark-mode']));
    expect(chromiumArgs({})).not.toContain('--ignore-certificate-errors');
  });
});
