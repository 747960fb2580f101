import { parsePortalOrigin } from '../portals/origin';
import { csvLine, guessDelimiter, parseCsv } from './csv';

/** Limits that keep a pasted or chosen file from freezing the page. */
export const MAX_LIST_BYTES = 1024 * 1024;
export const MAX_LIST_PORTALS = 1000;

export type ImportStatus = 'new' | 'duplicate' | 'exists' | 'bad';

export interface ImportRow {
  /** 1-based line in the text. */
  line: number;
  address: string;
  name: string;
  origin?: string;
  status: ImportStatus;
  /** For bad lines: why. */
  reason?: 'invalid' | 'insecure' | 'too-many';
}

export interface ImportPreview {
  rows: ImportRow[];
  /** What would be added: the new rows, in order. */
  additions: { origin: string; name: string }[];
  counts: Record<ImportStatus, number>;
}

const HEADER = /^(address|url|portal|origin|host)$/i;

/**
 * A list of portals from a CSV file (address, optional name; a header row is
 * skipped) or plain text (one address per line, the rest of the line is the name).
 * Lines starting with # and empty lines are ignored. Nothing is added here.
 */
export function previewPortalList(text: string, existing: Iterable<string>): ImportPreview {
  const known = new Set(existing);
  const seen = new Set<string>();
  const rows: ImportRow[] = [];
  const delimiter = guessDelimiter(text);
  const records = parseCsv(text.replace(/^\uFEFF/, ''), delimiter);
  for (const { line, fields } of records) {
    const [first = '', ...rest] = fields.map((f) => f.trim());
    let address = first;
    let name = rest.join(' ').trim();
    if (!address && !name) continue;
    if (address.startsWith('#')) continue;
    if (rows.length === 0 && HEADER.test(address)) continue;
    // Plain text: "https://portal.example.com Head office".
    if (fields.length === 1) {
      const space = address.search(/\s/);
      if (space > 0) [address, name] = [address.slice(0, space), address.slice(space + 1).trim()];
    }
    name = name.slice(0, 120);
    const parsed = parsePortalOrigin(address);
    if (!parsed.ok) {
      rows.push({ line, address, name, status: 'bad', reason: parsed.reason });
      continue;
    }
    const origin = parsed.origin;
    const status: ImportStatus = known.has(origin) ? 'exists' : seen.has(origin) ? 'duplicate' : 'new';
    seen.add(origin);
    rows.push({ line, address, name, origin, status });
  }
  let room = MAX_LIST_PORTALS;
  for (const row of rows) {
    if (row.status !== 'new') continue;
    if (room-- <= 0) Object.assign(row, { status: 'bad', reason: 'too-many' });
  }
  const counts: Record<ImportStatus, number> = { new: 0, duplicate: 0, exists: 0, bad: 0 };
  for (const row of rows) counts[row.status]++;
  const additions = rows.filter((r) => r.status === 'new').map((r) => ({ origin: r.origin!, name: r.name }));
  return { rows, additions, counts };
}

/** The list as CSV (address,name), which previewPortalList reads back. */
export function portalListCsv(portals: { origin: string; name: string }[]): string {
  return [csvLine(['address', 'name']), ...portals.map((p) => csvLine([p.origin, p.name]))].join('\r\n') + '\r\n';
}
