// `npx tsx scripts/openapi-examples.ts [dir]`: the example answers of the published DocSpace
// OpenAPI 3 documents (v3.7.0: the backup API and the parts of settings, authentication, files and
// people the extension reads), assembled into tests/fixtures/openapi-examples.json, which
// utils/pure/docspace/schemas.test.ts parses with the extension's schemas. Run it again when the
// documents change; [dir] defaults to $DOCSPACE_OPENAPI_DIR, else ../shared/docspace/openapi.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? process.env.DOCSPACE_OPENAPI_DIR ?? path.resolve('../shared/docspace/openapi');
const OUT = path.resolve('tests/fixtures/openapi-examples.json');

// Examples from the published OpenAPI documents. They hold an `example` per
// property, not per object, so an example object is assembled from them: $ref
// resolved, allOf merged, enums as integers (the server writes integers),
// nullable properties without an example left out (the server drops nulls).

interface OpenApiSchema {
  $ref?: string;
  example?: unknown;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  type?: string;
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
}
interface OpenApiDoc {
  components: { schemas: Record<string, OpenApiSchema> };
}

function exampleOf(doc: OpenApiDoc, schema: OpenApiSchema | undefined, seen: string[] = []): unknown {
  if (!schema) return undefined;
  if (schema.$ref) {
    if (seen.includes(schema.$ref) || seen.length > 8) return undefined;
    const name = schema.$ref.split('/').pop() ?? '';
    return exampleOf(doc, doc.components.schemas[name], [...seen, schema.$ref]);
  }
  if ('example' in schema) return schema.example;
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => exampleOf(doc, s, seen) ?? {}));
  if (schema.oneOf) return exampleOf(doc, schema.oneOf.find((s) => s.type === 'integer') ?? schema.oneOf[0], seen);
  if (schema.type === 'array') {
    const item = exampleOf(doc, schema.items, seen);
    return item === undefined ? undefined : [item];
  }
  if (schema.type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema.properties ?? {})) {
      const built = exampleOf(doc, value, seen);
      if (built !== undefined) out[key] = built;
    }
    return out;
  }
  return undefined;
}

/** The documents' wrappers leave status/statusCode without examples; a success has 0 and 200. */
const success = (wrapper: unknown) => ({ ...(wrapper as object), status: 0, statusCode: 200 });

// FolderContentDto.pathParts is documented with a prose string
// ('{key = "Key", path = "//path//to//folder"}'), not data; the server sends a
// list of {id, title}. It is replaced with that before parsing.
const fixFolderContent = (content: unknown) => ({ ...(content as object), pathParts: [{ id: 1, title: 'Rooms' }] });

function docCases(): Record<string, unknown> {
  const load = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as OpenApiDoc;
  const backup = load('backup_2.0.json');
  const settings = load('settings-auth_2.0.json');
  const people = load('people-self_2.0.json');
  const files = load('files-rooms_2.0.json');
  const ex = (doc: OpenApiDoc, name: string) => {
    const schema = doc.components.schemas[name];
    if (!schema) throw new Error(`The OpenAPI document has no ${name}`);
    return exampleOf(doc, schema);
  };
  const folderWrapper = ex(files, 'FolderContentIntegerWrapper') as { response: unknown };
  return {
    'backup ScheduleDto': ex(backup, 'ScheduleDto'),
    'backup ScheduleWrapper': success(ex(backup, 'ScheduleWrapper')),
    'backup BackupProgress': ex(backup, 'BackupProgress'),
    'backup BackupProgressWrapper': success(ex(backup, 'BackupProgressWrapper')),
    'backup BackupHistoryRecord': [ex(backup, 'BackupHistoryRecord')],
    'backup BackupHistoryRecordArrayWrapper': success(ex(backup, 'BackupHistoryRecordArrayWrapper')),
    'backup BooleanWrapper': { ...success(ex(backup, 'BooleanWrapper')), response: true },
    'settings SettingsDto': ex(settings, 'SettingsDto'),
    'settings SettingsWrapper': success(ex(settings, 'SettingsWrapper')),
    'settings StorageDto': [ex(settings, 'StorageDto')],
    'settings StorageArrayWrapper': success(ex(settings, 'StorageArrayWrapper')),
    'settings AuthenticationTokenDto': ex(settings, 'AuthenticationTokenDto'),
    'people EmployeeFullDto': ex(people, 'EmployeeFullDto'),
    'people EmployeeFullWrapper': success(ex(people, 'EmployeeFullWrapper')),
    'files FolderContentDtoInteger': fixFolderContent(ex(files, 'FolderContentDtoInteger')),
    'files FolderContentIntegerWrapper': success({ ...folderWrapper, response: fixFolderContent(folderWrapper.response) }),
    'files FolderDtoString (third-party backup folder)': ex(files, 'FolderDtoString'),
    'files FolderStringWrapper': success(ex(files, 'FolderStringWrapper')),
  };
}


writeFileSync(OUT, `${JSON.stringify(docCases(), null, 2)}\n`);
console.log(`Wrote ${path.relative(process.cwd(), OUT)} from ${dir}`);
