// Argument parsing for cli.ts, kept separate so it can be tested without a process.
import type { Mode } from './portal-core';
import type { SameSite } from './session-cookie';
import { isValidTimeZone } from './timezone';

export interface CliArgs {
  port: number;
  dataDir: string;
  mode: Mode;
  timezone: string;
  testControls: boolean;
  portals: number;
  latencyMs: number;
  backupSeconds: number;
  https: boolean;
  sameSite?: SameSite;
  partitioned: boolean;
  /** One host per portal (127.0.0.1 unless --host/--hosts). */
  hosts: string[];
}

export const USAGE = `Usage: npx tsx tests/portal/cli.ts [options]
  --port <P>             port (default 8092; 0 = any free port)
  --data <dir>           state directory (default .portal-data)
  --mode <m>             standalone | cloud (default standalone)
  --timezone <IANA id>   portal time zone (default Europe/Berlin)
  --test-controls        enable the /__test__/ endpoints
  --portals <N>          start N portals on ports P..P+N-1, data in <dir>/<port>
  --host <h>             the portal's host: a loopback address (127.0.0.2) or a
                         *.localhost name (served on 127.0.0.1); default 127.0.0.1
  --hosts <h1,h2,…>      one portal per host, on ports P..P+N-1, data in <dir>/<host>:
                         portals a browser signs in to separately (cookies ignore ports)
  --latency <ms>         delay every API answer
  --backup-seconds <s>   length of a manual backup (default 4)
  --https                serve HTTPS with a self-signed certificate (made with openssl, kept in <dir>/tls)
  --samesite <m>         strict | lax | none: the server's web:samesite (default strict);
                         none gives SameSite=None; Secure over https only (Strict over http)
  --partitioned          as DocSpace 3.8: add Partitioned to a SameSite=None; Secure session cookie
  --help                 show this text
`;

type Parsed = { args: CliArgs } | { error: string } | { help: true };

export function parseArgs(argv: string[]): Parsed {
  const args: CliArgs = {
    port: 8092,
    dataDir: '.portal-data',
    mode: 'standalone',
    timezone: 'Europe/Berlin',
    testControls: false,
    portals: 1,
    latencyMs: 0,
    backupSeconds: 4,
    https: false,
    partitioned: false,
    hosts: ['127.0.0.1'],
  };
  let hostsGiven = false;
  const hostOk = (h: string) => /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^([a-z0-9-]+\.)*localhost$/.test(h);
  const num = (flag: string, v: string | undefined, check: (n: number) => boolean, what: string): number | string => {
    if (v === undefined || v.startsWith('--')) return `${flag} needs a value (${what}).`;
    const n = Number(v);
    return v.trim() !== '' && Number.isFinite(n) && check(n) ? n : `${flag} must be ${what}, got "${v}".`;
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = () => inline ?? argv[++i];
    let r: number | string;
    switch (flag) {
      case '--help':
      case '-h':
        return { help: true };
      case '--test-controls':
        args.testControls = true;
        break;
      case '--https':
        args.https = true;
        break;
      case '--partitioned':
        args.partitioned = true;
        break;
      case '--samesite': {
        const v = value()?.toLowerCase();
        if (v !== 'strict' && v !== 'lax' && v !== 'none') return { error: `--samesite must be "strict", "lax" or "none", got "${v ?? ''}".` };
        args.sameSite = v;
        break;
      }
      case '--port':
        r = num(flag, value(), (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'an integer from 0 to 65535');
        if (typeof r === 'string') return { error: r };
        args.port = r;
        break;
      case '--portals':
        r = num(flag, value(), (n) => Number.isInteger(n) && n >= 1 && n <= 100, 'an integer from 1 to 100');
        if (typeof r === 'string') return { error: r };
        args.portals = r;
        break;
      case '--latency':
        r = num(flag, value(), (n) => n >= 0, 'a number of milliseconds ≥ 0');
        if (typeof r === 'string') return { error: r };
        args.latencyMs = r;
        break;
      case '--backup-seconds':
        r = num(flag, value(), (n) => n > 0, 'a number of seconds > 0');
        if (typeof r === 'string') return { error: r };
        args.backupSeconds = r;
        break;
      case '--host':
      case '--hosts': {
        const v = value();
        const list = (v ?? '').toLowerCase().split(',').map((h) => h.trim()).filter(Boolean);
        if (v === undefined || v.startsWith('--') || list.length === 0) return { error: `${flag} needs a host name.` };
        const bad = list.find((h) => !hostOk(h));
        if (bad) return { error: `${flag}: "${bad}" is neither a loopback address (127.x.y.z) nor a *.localhost name.` };
        if (flag === '--host' && list.length > 1) return { error: '--host takes one host; use --hosts for several.' };
        if (new Set(list).size !== list.length) return { error: `${flag}: a host is listed twice.` };
        args.hosts = list;
        hostsGiven = true;
        break;
      }
      case '--data': {
        const v = value();
        if (v === undefined || v === '' || v.startsWith('--')) return { error: '--data needs a directory.' };
        args.dataDir = v;
        break;
      }
      case '--mode': {
        const v = value();
        if (v !== 'standalone' && v !== 'cloud') return { error: `--mode must be "standalone" or "cloud", got "${v ?? ''}".` };
        args.mode = v;
        break;
      }
      case '--timezone': {
        const v = value();
        if (v === undefined || !isValidTimeZone(v)) return { error: `--timezone must be an IANA time zone id such as Europe/Berlin, got "${v ?? ''}".` };
        args.timezone = v;
        break;
      }
      default:
        return { error: `Unknown option "${raw}".` };
    }
  }
  if (hostsGiven && args.hosts.length > 1) {
    if (args.portals !== 1 && args.portals !== args.hosts.length) return { error: '--portals and --hosts disagree on the number of portals.' };
    args.portals = args.hosts.length;
  } else if (args.portals > 1) {
    args.hosts = Array.from({ length: args.portals }, () => args.hosts[0]!);
  }
  if (args.port !== 0 && args.port + args.portals - 1 > 65535) return { error: '--port + --portals goes beyond port 65535.' };
  return { args };
}
