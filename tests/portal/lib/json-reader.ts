// A small JSON reader that keeps what System.Text.Json keeps and JSON.parse
// loses: the raw text of numbers (JsonElement.ToString() returns it), the
// position of every value and the `$.a.b` path, for STJ-shaped error messages.

interface Span {
  start: number;
  end: number;
}
export type JNode =
  | (Span & { kind: 'object'; entries: Array<{ key: string; value: JNode }> })
  | (Span & { kind: 'array'; items: JNode[] })
  | (Span & { kind: 'string'; value: string })
  | (Span & { kind: 'number'; raw: string })
  | (Span & { kind: 'true' | 'false' | 'null' });

/** A JsonException: `path` becomes the ModelState key, `message` the error text. */
export class JsonReadError extends Error {
  constructor(
    readonly path: string,
    readonly bareMessage: string,
    readonly text: string,
    readonly pos: number,
  ) {
    super(`${bareMessage} Path: ${path} | ${positionSuffix(text, pos)}`);
  }
}

/** "LineNumber: 0 | BytePositionInLine: 12." as Utf8JsonReader reports it (0-based, UTF-8 bytes). */
export function positionSuffix(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const line = (before.match(/\n/g) ?? []).length;
  const lineStart = before.lastIndexOf('\n') + 1;
  return `LineNumber: ${line} | BytePositionInLine: ${Buffer.byteLength(text.slice(lineStart, pos))}.`;
}

export function childPath(parent: string, key: string): string {
  return /^[A-Za-z0-9_$]+$/.test(key) ? `${parent}.${key}` : `${parent}['${key}']`;
}

const WS = new Set([' ', '\t', '\n', '\r']);

export function readJson(text: string): JNode {
  let i = 0;
  const fail = (path: string, msg: string, at = i): never => {
    throw new JsonReadError(path, msg, text, at);
  };
  const skipWs = () => {
    while (i < text.length && WS.has(text[i] as string)) i++;
  };
  const show = (c: string) => (c < ' ' ? `0x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : c);
  const endOfData = (path: string): never =>
    fail(path, 'Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.');

  const readString = (path: string): string => {
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail(path, 'Expected end of string, but instead reached end of data.');
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return out;
      }
      if (c < ' ') fail(path, `'${show(c)}' is invalid within a JSON string. The string should be correctly escaped.`);
      if (c === '\\') {
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        if (e !== undefined && map[e] !== undefined) {
          out += map[e];
          i += 2;
          continue;
        }
        fail(path, `'${show(e ?? '')}' is not valid in an escaped JSON string.`, i + 1);
      }
      out += c;
      i++;
    }
  };

  const readValue = (path: string): JNode => {
    skipWs();
    if (i >= text.length) {
      if (path === '$') fail(path, 'The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, while isFinalBlock is true.');
      endOfData(path);
    }
    const start = i;
    const c = text[i] as string;
    if (c === '{') {
      i++;
      const entries: Array<{ key: string; value: JNode }> = [];
      skipWs();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', entries, start, end: i };
      }
      for (;;) {
        skipWs();
        if (i >= text.length) endOfData(path);
        if (text[i] === '}' && entries.length > 0)
          fail(path, 'The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options.');
        if (text[i] !== '"') fail(path, `'${show(text[i] as string)}' is an invalid start of a property name. Expected a '"'.`);
        const key = readString(path);
        const valuePath = childPath(path, key);
        skipWs();
        if (i >= text.length) endOfData(valuePath);
        if (text[i] !== ':') fail(valuePath, `'${show(text[i] as string)}' is invalid after a property name. Expected a ':'.`);
        i++;
        const value = readValue(valuePath);
        entries.push({ key, value });
        skipWs();
        if (i >= text.length) endOfData(path);
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', entries, start, end: i };
        }
        fail(valuePath, `'${show(text[i] as string)}' is invalid after a value. Expected either ',', '}', or ']'.`);
      }
    }
    if (c === '[') {
      i++;
      const items: JNode[] = [];
      skipWs();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', items, start, end: i };
      }
      for (;;) {
        const itemPath = `${path}[${items.length}]`;
        skipWs();
        if (text[i] === ']' && items.length > 0)
          fail(path, 'The JSON array contains a trailing comma at the end which is not supported in this mode. Change the reader options.');
        items.push(readValue(itemPath));
        skipWs();
        if (i >= text.length) endOfData(path);
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', items, start, end: i };
        }
        fail(itemPath, `'${show(text[i] as string)}' is invalid after a value. Expected either ',', '}', or ']'.`);
      }
    }
    if (c === '"') {
      const value = readString(path);
      return { kind: 'string', value, start, end: i };
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
      if (!m || m[0] === '-') fail(path, `'${show(text[i + 1] ?? '')}' is invalid within a number, immediately after a sign character ('-'). Expected a digit ('0'-'9').`, i + 1);
      const raw = (m as RegExpExecArray)[0];
      i += raw.length;
      const next = text[i];
      if (next !== undefined && /[0-9.eE]/.test(next)) fail(path, `'${show(next)}' is invalid within a number. Expected a delimiter.`);
      return { kind: 'number', raw, start, end: i };
    }
    for (const lit of ['true', 'false', 'null'] as const) {
      if (c === lit[0]) {
        if (text.startsWith(lit, i)) {
          i += lit.length;
          return { kind: lit, start, end: i };
        }
        let k = 0;
        while (k < lit.length && text[i + k] === lit[k]) k++;
        fail(path, `'${show(text[i + k] ?? '')}' is an invalid JSON literal. Expected the literal '${lit}'.`, i + k);
      }
    }
    return fail(path, `'${show(c)}' is an invalid start of a value.`);
  };

  const root = readValue('$');
  skipWs();
  if (i < text.length) fail('$', `'${show(text[i] as string)}' is invalid after a single JSON value. Expected end of data.`);
  return root;
}

/** JsonElement.ToString(): strings unquoted, numbers as written, booleans as .NET prints them. */
export function elementToString(node: JNode, text: string): string | null {
  switch (node.kind) {
    case 'null':
      return null;
    case 'string':
      return node.value;
    case 'true':
      return 'True';
    case 'false':
      return 'False';
    default:
      return text.slice(node.start, node.end);
  }
}
