#!/usr/bin/env node
// Writes the PWA icons (web/public/icons/*.png) without any image library: a blue tile with a white
// "building" glyph, drawn per pixel and encoded as PNG with node:zlib. Run: node web/scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = join(dirname(fileURLToPath(import.meta.url)), '../public/icons');
mkdirSync(out, { recursive: true });

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x / size, y / size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const BLUE = [21, 94, 170, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];
/** the glyph in a unit square: a roof and three columns on a base (a "public service" building) */
function glyph(u, v) {
  const roof = v >= 0.12 && v <= 0.34 && Math.abs(u - 0.5) <= (v - 0.12) * 2.1 && Math.abs(u - 0.5) <= 0.46;
  const cols = v > 0.4 && v < 0.8 && [0.2, 0.5, 0.8].some((c) => Math.abs(u - c) < 0.08);
  const base = v >= 0.82 && v <= 0.92 && u > 0.06 && u < 0.94;
  return roof || cols || base;
}
/** `inset`: fraction of the tile around the glyph; `round`: corner radius (0 = full bleed, for maskable) */
function icon(inset, round) {
  return (x, y) => {
    const dx = Math.max(round - x, x - (1 - round), 0);
    const dy = Math.max(round - y, y - (1 - round), 0);
    if (round > 0 && dx * dx + dy * dy > round * round) return CLEAR;
    const u = (x - inset) / (1 - 2 * inset);
    const v = (y - inset) / (1 - 2 * inset);
    return u >= 0 && u <= 1 && v >= 0 && v <= 1 && glyph(u, v) ? WHITE : BLUE;
  };
}

for (const size of [192, 512]) writeFileSync(join(out, `icon-${size}.png`), png(size, icon(0.2, 0.18)));
writeFileSync(join(out, 'maskable-512.png'), png(512, icon(0.28, 0)));
writeFileSync(join(out, 'apple-touch-icon.png'), png(180, icon(0.2, 0)));
console.log(`icons written to ${out}`);
