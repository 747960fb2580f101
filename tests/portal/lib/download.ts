// Temporary backup copies (DataStore): the pre-signed /storage/backup/... link
// answers with a small but genuine .tar.gz so clients can test downloads.
import { gzipSync } from 'node:zlib';
import type { BackupRecord } from './state';

function tarHeader(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(512);
  const put = (text: string, offset: number, len: number) => h.write(text.slice(0, len), offset, len, 'ascii');
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, '0') + '\0';
  put(name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(Math.floor(mtime / 1000), 12), 136, 12);
  put('        ', 148, 8); // checksum placeholder
  put('0', 156, 1);
  put('ustar\u000000', 257, 8);
  let sum = 0;
  for (const b of h) sum += b;
  put(octal(sum, 7) + ' ', 148, 8);
  return h;
}

export function backupArchive(record: BackupRecord): Buffer {
  const info = Buffer.from(
    JSON.stringify({ generator: 'local DocSpace portal', id: record.id, fileName: record.name, createdOn: record.createdOn }, null, 2),
  );
  const pad = Buffer.alloc((512 - (info.length % 512)) % 512);
  const tar = Buffer.concat([tarHeader('backupinfo.json', info.length, Date.now()), info, pad, Buffer.alloc(1024)]);
  return gzipSync(tar);
}
