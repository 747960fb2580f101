// `npm run check:zips` (after `npm run zip`): checks the three store packages.
//
// - Chrome and Firefox zips: a manifest at the root, the Firefox one with its
//   gecko id; no source maps, node_modules or tests inside.
// - The sources zip for addons.mozilla.org: none of node_modules, .output,
//   test-results, playwright-report, .portal-data, tests or dot files, and
//   every file the build reads (package.json and its lock, the configs, the
//   entrypoints, components, utils, public and the files wxt.config.ts imports).
// - With `--rebuild`: unpacks the sources zip into a temporary folder, runs
//   `npm ci` and `npm run build:firefox` there exactly as a reviewer would, and
//   compares the result, file by file, with the Firefox zip.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

interface Entry {
  name: string;
  read(): Buffer;
}

/** A small reader for the zips WXT writes (no zip64, stored or deflated entries). */
export function readZip(file: string): Entry[] {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory`);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    entries.push({
      name,
      read() {
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const data = buf.subarray(start, start + compressedSize);
        if (method === 0) return Buffer.from(data);
        if (method === 8) return inflateRawSync(data);
        throw new Error(`${file}: ${name} uses compression method ${method}`);
      },
    });
  }
  return entries;
}

const root = process.cwd();
const out = path.join(root, '.output');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const problems: string[] = [];
const fail = (message: string) => problems.push(message);

function zipPath(suffix: string): string {
  const file = path.join(out, `${pkg.name}-${pkg.version}-${suffix}.zip`);
  try {
    statSync(file);
  } catch {
    console.error(`Missing ${path.relative(root, file)}: run "npm run zip" first.`);
    process.exit(1);
  }
  return file;
}

function files(dir: string, skipTests = true): string[] {
  const result: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(path.join(root, d), { withFileTypes: true })) {
      const rel = path.posix.join(d, entry.name);
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(rel);
      else if (!(skipTests && /\.(test|spec)\.[cm]?[jt]sx?$/.test(entry.name))) result.push(rel);
    }
  };
  walk(dir);
  return result;
}

function checkPackage(suffix: 'chrome' | 'firefox') {
  const file = zipPath(suffix);
  const names = readZip(file).map((e) => e.name);
  const manifestEntry = readZip(file).find((e) => e.name === 'manifest.json');
  if (!manifestEntry) return fail(`${suffix} zip: no manifest.json at the root`);
  const manifest = JSON.parse(manifestEntry.read().toString('utf8')) as Record<string, unknown>;
  if (manifest.manifest_version !== 3) fail(`${suffix} zip: manifest_version ${String(manifest.manifest_version)}`);
  if ((manifest.host_permissions as string[] | undefined)?.length) fail(`${suffix} zip: install-time host permissions (an e2e build?)`);
  for (const name of names) {
    if (/(^|\/)node_modules\/|\.map$|(^|\/)tests?\/|\.(test|spec)\./.test(name)) fail(`${suffix} zip: unexpected ${name}`);
  }
  if (suffix === 'firefox') {
    const gecko = (manifest.browser_specific_settings as { gecko?: { id?: string } } | undefined)?.gecko;
    if (!gecko?.id) fail('firefox zip: no browser_specific_settings.gecko.id');
    if (!(manifest.background as { scripts?: string[] } | undefined)?.scripts) fail('firefox zip: background.scripts missing');
  }
  console.log(`✔ ${path.relative(root, file)}: ${names.filter((n) => !n.endsWith('/')).length} files`);
}

function checkSources(): Set<string> {
  const file = zipPath('sources');
  const names = new Set(readZip(file).map((e) => e.name).filter((n) => !n.endsWith('/')));
  const forbidden = /^(node_modules|\.output|\.wxt|test-results|playwright-report|\.portal-data|tests|bench-results|web-ext-artifacts)\/|(^|\/)\.[^/]+$|\.log$/;
  for (const name of names) if (forbidden.test(name)) fail(`sources zip: must not contain ${name}`);
  // Everything the build reads.
  const config = readFileSync(path.join(root, 'wxt.config.ts'), 'utf8');
  const configImports = [...config.matchAll(/from '(\.\/[^']+)'/g)].map((m) => path.posix.normalize(`${m[1]}.ts`));
  const needed = [
    'package.json',
    'package-lock.json',
    'wxt.config.ts',
    'tsconfig.json',
    'README.md',
    ...configImports,
    ...['entrypoints', 'components', 'utils', 'public'].flatMap((d) => files(d)),
  ];
  for (const name of needed) if (!names.has(name)) fail(`sources zip: missing ${name}`);
  console.log(`✔ ${path.relative(root, file)}: ${names.size} files, none of node_modules/.output/tests/test-results/.portal-data`);
  return names;
}

function rebuild() {
  const dir = mkdtempSync(path.join(tmpdir(), 'docspace-sources-'));
  console.log(`\nRebuilding from the sources zip in ${dir} (npm ci, npm run build:firefox)…`);
  try {
    for (const entry of readZip(zipPath('sources'))) {
      if (entry.name.endsWith('/')) continue;
      mkdirSync(path.join(dir, path.dirname(entry.name)), { recursive: true });
      writeFileSync(path.join(dir, entry.name), entry.read());
    }
    for (const args of [
      ['ci', '--no-audit', '--no-fund'],
      ['run', 'build:firefox'],
    ]) {
      const run = spawnSync('npm', args, { cwd: dir, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
      if (run.status !== 0) return fail(`rebuild: npm ${args.join(' ')} failed`);
    }
    const built = path.join(dir, '.output/firefox-mv3');
    const shipped = readZip(zipPath('firefox')).filter((e) => !e.name.endsWith('/'));
    const rebuilt = new Set<string>();
    const walk = (d: string) => {
      for (const entry of readdirSync(path.join(built, d), { withFileTypes: true })) {
        const rel = d ? `${d}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(rel);
        else rebuilt.add(rel);
      }
    };
    walk('');
    for (const entry of shipped) {
      if (!rebuilt.delete(entry.name)) fail(`rebuild: ${entry.name} is in the Firefox zip but was not rebuilt`);
      else if (!entry.read().equals(readFileSync(path.join(built, entry.name)))) fail(`rebuild: ${entry.name} differs`);
    }
    for (const extra of rebuilt) fail(`rebuild: ${extra} was rebuilt but is not in the Firefox zip`);
    if (!problems.length) console.log(`✔ The rebuild is identical to the Firefox zip (${shipped.length} files).`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

checkPackage('chrome');
checkPackage('firefox');
checkSources();
if (process.argv.includes('--rebuild')) rebuild();
if (problems.length) {
  console.error(`\n✖ ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
