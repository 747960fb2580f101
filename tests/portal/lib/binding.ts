// Model binding of JSON bodies as ASP.NET Core + System.Text.Json do it for the
// DocSpace DTOs: case-insensitive property names, numbers readable from
// strings, strict booleans, JsonStringEnumConverter on the enum properties.
import { childPath, elementToString, JsonReadError, readJson, type JNode } from './json-reader';

export type FieldSpec =
  | { kind: 'int'; nullable: boolean }
  | { kind: 'bool' }
  | { kind: 'string' }
  | { kind: 'enum'; typeName: string; names: readonly string[] }
  | { kind: 'object'; typeName: string; fields: Record<string, FieldSpec> }
  | { kind: 'kvlist' };

/** A pair of ItemKeyValuePair<object,object>: null means a C# null (JSON null or missing). */
export interface KeyValueItem {
  key: string | null;
  value: string | null;
}
/** null = the whole item was JSON null. */
export type KeyValueList = Array<KeyValueItem | null>;

const STORAGE_TYPE_NAMES = ['Documents', 'ThridpartyDocuments', 'CustomCloud', 'Local', 'DataStore', 'ThirdPartyConsumer'] as const;
const PERIOD_NAMES = ['EveryDay', 'EveryWeek', 'EveryMonth'] as const;

const storageTypeSpec: FieldSpec = {
  kind: 'enum',
  typeName: 'System.Nullable`1[ASC.Data.Backup.Contracts.BackupStorageType]',
  names: STORAGE_TYPE_NAMES,
};
const kvListTypeName =
  'System.Collections.Generic.IEnumerable`1[ASC.Api.Collections.ItemKeyValuePair`2[System.Object,System.Object]]';

export const BACKUP_SCHEDULE_DTO: FieldSpec = {
  kind: 'object',
  typeName: 'ASC.Data.Backup.ApiModels.BackupScheduleDto',
  fields: {
    storageType: storageTypeSpec,
    storageParams: { kind: 'kvlist' },
    backupsStored: { kind: 'int', nullable: true },
    cronParams: {
      kind: 'object',
      typeName: 'ASC.Data.Backup.ApiModels.Cron',
      fields: {
        period: { kind: 'enum', typeName: 'System.Nullable`1[ASC.Data.Backup.Services.BackupPeriod]', names: PERIOD_NAMES },
        hour: { kind: 'int', nullable: false },
        day: { kind: 'int', nullable: true },
      },
    },
    dump: { kind: 'bool' },
  },
};

export const BACKUP_DTO: FieldSpec = {
  kind: 'object',
  typeName: 'ASC.Data.Backup.ApiModels.BackupDto',
  fields: { storageType: storageTypeSpec, storageParams: { kind: 'kvlist' }, dump: { kind: 'bool' } },
};

export const AUTH_REQUESTS_DTO: FieldSpec = {
  kind: 'object',
  typeName: 'ASC.Web.Api.ApiModel.RequestsDto.AuthRequestsDto',
  fields: { userName: { kind: 'string' }, password: { kind: 'string' }, passwordHash: { kind: 'string' }, session: { kind: 'bool' } },
};

export class BindError extends Error {
  constructor(readonly errors: Record<string, string[]>) {
    super('model binding failed');
  }
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function typeNameOf(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'int':
      return spec.nullable ? 'System.Nullable`1[System.Int32]' : 'System.Int32';
    case 'bool':
      return 'System.Boolean';
    case 'string':
      return 'System.String';
    case 'kvlist':
      return kvListTypeName;
    default:
      return spec.typeName;
  }
}

function parseInt32(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= INT_MIN && n <= INT_MAX ? n : undefined;
}

/** Enum.TryParse(ignoreCase) as JsonStringEnumConverter uses it: names or integer text; undefined values pass. */
function parseEnum(s: string, names: readonly string[]): number | undefined {
  const trimmed = s.trim();
  const asInt = parseInt32(trimmed);
  if (asInt !== undefined) return asInt;
  const idx = names.findIndex((n) => n.toLowerCase() === trimmed.toLowerCase());
  return idx >= 0 ? idx : undefined;
}

/** Binds one node; `undefined` return is never produced, C# null comes back as null. */
function bindNode(node: JNode, spec: FieldSpec, path: string, text: string): unknown {
  const fail = (): never => {
    throw new JsonReadError(path, `The JSON value could not be converted to ${typeNameOf(spec)}.`, text, node.end);
  };
  switch (spec.kind) {
    case 'int': {
      if (node.kind === 'null') return spec.nullable ? null : fail();
      if (node.kind === 'number') return parseInt32(text.slice(node.start, node.end)) ?? fail();
      // AllowReadingFromString: the whole string must be the number.
      if (node.kind === 'string') return parseInt32(node.value) ?? fail();
      return fail();
    }
    case 'bool':
      if (node.kind === 'true') return true;
      if (node.kind === 'false') return false;
      return fail();
    case 'string':
      if (node.kind === 'null') return null;
      if (node.kind === 'string') return node.value;
      return fail();
    case 'enum': {
      if (node.kind === 'null') return null;
      if (node.kind === 'number') return parseInt32(text.slice(node.start, node.end)) ?? fail();
      if (node.kind === 'string') return parseEnum(node.value, spec.names) ?? fail();
      return fail();
    }
    case 'kvlist': {
      if (node.kind === 'null') return null;
      if (node.kind !== 'array') return fail();
      return node.items.map((item, idx): KeyValueItem | null => {
        const itemPath = `${path}[${idx}]`;
        if (item.kind === 'null') return null;
        if (item.kind !== 'object') {
          throw new JsonReadError(
            itemPath,
            'The JSON value could not be converted to ASC.Api.Collections.ItemKeyValuePair`2[System.Object,System.Object].',
            text,
            item.end,
          );
        }
        const out: KeyValueItem = { key: null, value: null };
        for (const e of item.entries) {
          const name = e.key.toLowerCase();
          if (name === 'key') out.key = elementToString(e.value, text);
          else if (name === 'value') out.value = elementToString(e.value, text);
        }
        return out;
      });
    }
    case 'object': {
      if (node.kind === 'null') return null;
      if (node.kind !== 'object') return fail();
      const lookup = new Map(Object.keys(spec.fields).map((k) => [k.toLowerCase(), k]));
      const out: Record<string, unknown> = {};
      for (const e of node.entries) {
        const name = lookup.get(e.key.toLowerCase());
        if (!name) continue; // unknown properties are ignored
        out[name] = bindNode(e.value, spec.fields[name] as FieldSpec, childPath(path, e.key), text);
      }
      return out;
    }
  }
}

/**
 * Binds a request body to a DTO. Throws BindError with ModelState-shaped errors:
 * `{"": ["A non-empty request body is required."]}` for an empty/null body,
 * `{"$.x.y": ["<JsonException message>"]}` for syntax and conversion errors.
 */
export function bindBody<T>(raw: Buffer, spec: FieldSpec): T {
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  if (raw.length === 0) throw new BindError({ '': ['A non-empty request body is required.'] });
  try {
    const root = readJson(text);
    const value = bindNode(root, spec, '$', text);
    if (value === null) throw new BindError({ '': ['A non-empty request body is required.'] });
    return value as T;
  } catch (e) {
    if (e instanceof JsonReadError) throw new BindError({ [e.path]: [e.message] });
    throw e;
  }
}

