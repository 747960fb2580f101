// Draws the toolbar icon (a backup tray with a check) at every size the
// manifest needs, as PNGs in public/icon/. Run after changing the design:
//   npx tsx scripts/make-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// Signed distances in a 0..1 square; negative is inside.
const roundedBox = (x: number, y: number, cx: number, cy: number, hw: number, hh: number, r: number) => {
  const dx = Math.abs(x - cx) - hw + r;
  const dy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
};
const segment = (x: number, y: number, ax: number, ay: number, bx: number, by: number) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay));
};

function shade(x: number, y: number): [number, number, number, number] {
  const bg = roundedBox(x, y, 0.5, 0.5, 0.47, 0.47, 0.2);
  if (bg > 0) return [0, 0, 0, 0];
  const stroke = 0.075;
  // A tray (open box) and a check mark above it.
  const tray = Math.min(segment(x, y, 0.2, 0.58, 0.2, 0.8), segment(x, y, 0.2, 0.8, 0.8, 0.8), segment(x, y, 0.8, 0.8, 0.8, 0.58));
  const check = Math.min(segment(x, y, 0.32, 0.42, 0.46, 0.56), segment(x, y, 0.46, 0.56, 0.72, 0.24));
  const white = Math.min(tray, check) < stroke / 2;
  return white ? [255, 255, 255, 255] : [38, 110, 222, 255];
}

mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 96, 128]) {
  // 4×4 supersampling keeps the small sizes smooth.
  const image = png(size, (px, py) => {
    const acc = [0, 0, 0, 0];
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const c = shade((px + (i + 0.5) / 4) / size, (py + (j + 0.5) / 4) / size);
        for (let k = 0; k < 4; k++) acc[k]! += c[k]! * (k === 3 ? 1 : c[3]! / 255);
      }
    const a = acc[3]! / 16;
    return a === 0 ? [0, 0, 0, 0] : [acc[0]! / 16 / (a / 255), acc[1]! / 16 / (a / 255), acc[2]! / 16 / (a / 255), a].map(Math.round) as [number, number, number, number];
  });
  writeFileSync(`public/icon/${size}.png`, image);
}
console.log('Wrote public/icon/{16,32,48,96,128}.png');
