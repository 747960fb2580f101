import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every catalog must carry every English key, no others, the same placeholders,
// and every plural form its language needs; components must take their text from the catalog.

type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const DIR = path.resolve('public/_locales');
const read = (folder: string): Catalog => JSON.parse(readFileSync(path.join(DIR, folder, 'messages.json'), 'utf8'));
const en = read('en');
const folders = readdirSync(DIR).filter((f) => f !== 'en');
const PORTAL_LOCALES = ['ar', 'az', 'bg', 'cs', 'de', 'el', 'es', 'fi', 'fr', 'hy', 'it', 'ja', 'ko', 'lo', 'lv', 'nl', 'pl', 'pt_PT', 'pt_BR', 'ro', 'ru', 'si', 'sk', 'sl', 'sq', 'sr', 'sr_Latn', 'tr', 'uk', 'vi', 'zh_CN'];
const PLURAL = /(zero|one|two|few|many|other|=\d+)\s*\{[^{}]*\}/g;
const tokens = (text: string) => [...text.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();
const isPlural = (text: string) => /^\s*((zero|one|two|few|many|other|=\d+)\s*\{[^{}]*\}\s*)+$/.test(text);

describe('message catalogs', () => {
  it('has the portal’s 31 other languages', () => {
    expect(folders.sort()).toEqual([...PORTAL_LOCALES].sort());
  });

  it('uses only declared placeholders in English', () => {
    for (const [key, entry] of Object.entries(en)) {
      expect(tokens(entry.message), key).toEqual(Object.keys(entry.placeholders ?? {}).sort());
    }
  });

  for (const folder of folders) {
    describe(folder, () => {
      const catalog = read(folder);
      const locale = folder.replace('_', '-');

      it('has exactly the English keys', () => {
        expect(Object.keys(catalog).filter((k) => !(k in en)), 'extra keys').toEqual([]);
        expect(Object.keys(en).filter((k) => !(k in catalog)), 'missing keys').toEqual([]);
      });

      it('keeps every placeholder', () => {
        for (const [key, entry] of Object.entries(en)) {
          const translated = catalog[key];
          if (!translated) continue;
          expect(translated.placeholders ?? {}, key).toEqual(entry.placeholders ?? {});
          expect([...new Set(tokens(translated.message))], key).toEqual([...new Set(tokens(entry.message))]);
          expect(translated.message.trim().length, key).toBeGreaterThan(0);
        }
      });

      it('keeps the store description within the Chrome Web Store’s 132 characters', () => {
        expect([...catalog.extDescription!.message].length).toBeLessThanOrEqual(132);
      });

      it('writes every plural form the language needs', () => {
        const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
        for (const [key, entry] of Object.entries(en)) {
          if (!isPlural(entry.message) || !catalog[key]) continue;
          const message = catalog[key].message;
          expect(isPlural(message), `${key} is not a plural pattern: ${message}`).toBe(true);
          const have = [...message.matchAll(PLURAL)].map((m) => m[1]);
          for (const category of needed) expect(have, `${key} lacks "${category}"`).toContain(category);
        }
      });
    });
  }
});

describe('components', () => {
  const sources = ['components', 'entrypoints'].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.tsx') && !f.endsWith('.test.tsx'))
      .map((f) => path.join(dir, f)),
  );

  it('contain no user-visible text outside the catalog', () => {
    const found: string[] = [];
    for (const file of sources) {
      const code = readFileSync(file, 'utf8');
      // Text between JSX tags, and text in attributes people read or hear.
      for (const m of code.matchAll(/(?<![=-])>([^<>{}]*)</g)) {
        if (/\p{L}{2,}/u.test(m[1]!) && !/=>|\(|;/.test(m[1]!)) found.push(`${file}: >${m[1]!.trim()}<`);
      }
      for (const m of code.matchAll(/\b(aria-label|title|placeholder|alt)="([^"]*)"/g)) {
        if (/\p{L}/u.test(m[2]!)) found.push(`${file}: ${m[1]}="${m[2]}"`);
      }
    }
    expect(found).toEqual([]);
  });
});
