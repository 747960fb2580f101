// CSV as spreadsheets write and read it (RFC 4180): quoted fields, doubled quotes,
// line breaks inside quotes. Comma, semicolon (European Excel) or tab.

export type Delimiter = ',' | ';' | '\t';

/** The delimiter of a file: the one of the first non-empty line, outside quotes. */
export function guessDelimiter(text: string): Delimiter {
  const first = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  const bare = first.replace(/"[^"]*"/g, '');
  if (bare.includes('\t')) return '\t';
  if (bare.includes(';') && !bare.includes(',')) return ';';
  return ',';
}

/** Records with the 1-based line each starts on. */
export function parseCsv(text: string, delimiter: Delimiter): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (field !== '' || fields.length) endRecord();
  return records;
}

/**
 * One field for a file people open in a spreadsheet: quoted when needed, and a
 * leading = + - @ (which spreadsheets run as a formula) defused with a quote mark.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n\t]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: string[]): string {
  return values.map(csvField).join(',');
}
