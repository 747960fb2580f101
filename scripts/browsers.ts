import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const BROWSERS = { chromium: '/usr/bin/chromium', 'firefox-esr': '/usr/bin/firefox-esr' } as const;

/**
 * The tests drive Debian's browsers (no browser download is possible here).
 * Missing ones are installed with apt-get when we are root on Debian/Ubuntu;
 * otherwise we stop with the exact command to run. Never a silent skip.
 */
export function ensureBrowsers(names: (keyof typeof BROWSERS)[] = ['chromium', 'firefox-esr']): void {
  const missing = names.filter((n) => !existsSync(process.env[`${n.toUpperCase().replace('-', '_')}_PATH`] ?? BROWSERS[n]));
  if (!missing.length) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log(`Installing ${missing.join(', ')} with apt-get…`);
    execFileSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${command}`], { stdio: 'inherit' });
    return;
  }
  console.error(`Missing browser(s): ${missing.join(', ')}. Install them with:\n  sudo ${command}`);
  process.exit(1);
}
