// Adds or updates English catalog entries: `npm run messages < entries.json`.
// Each entry is "key": "text" or "key": ["text with $NAME$", ["name", ...]];
// the names become placeholders $1, $2… in that order.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CATALOG = 'public/_locales/en/messages.json';

export interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type Entry = string | [string, string[]];

function isEntry(value: unknown): value is Entry {
  if (typeof value === 'string') return true;
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'string' &&
    Array.isArray(value[1]) &&
    value[1].every((n) => typeof n === 'string')
  );
}

/** The catalog with `entries` added or replaced in place (existing keys keep their position). */
export function addMessages(catalog: Record<string, Message>, entries: Record<string, unknown>): Record<string, Message> {
  const out = { ...catalog };
  for (const [key, value] of Object.entries(entries)) {
    if (!isEntry(value)) throw new Error(`${key}: expected "text" or ["text", ["name", ...]], got ${JSON.stringify(value)}`);
    if (typeof value === 'string') {
      out[key] = { message: value };
    } else {
      const [message, names] = value;
      out[key] = { message, placeholders: Object.fromEntries(names.map((n, i) => [n, { content: `$${i + 1}` }])) };
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const catalog = JSON.parse(readFileSync(CATALOG, 'utf8')) as Record<string, Message>;
  const entries = JSON.parse(readFileSync(0, 'utf8')) as unknown;
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    console.error('Expected a JSON object of "key": entry on stdin.');
    process.exit(2);
  }
  const next = addMessages(catalog, entries as Record<string, unknown>);
  writeFileSync(CATALOG, `${JSON.stringify(next, null, 2)}\n`);
  console.log(Object.keys(next).length, 'keys');
}
