/**
 * Generates the add-in's PNG icons (assets/icon-*.png, assets/score-*.png) with nothing but zlib:
 * a rounded blue tile with three bars (the pane) or a check mark (一键评分). Run: npx tsx scripts/make-icons.ts
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

type RGBA = [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function encodePng(size: number, pixel: (x: number, y: number) => RGBA): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const p = pixel(x, y);
      raw.set(p, y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    sig,
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Supersampled coverage (4×4) of a shape given in unit coordinates (0..1). */
function shade(
  size: number,
  inside: (u: number, v: number) => "bg" | "fg" | null
): (x: number, y: number) => RGBA {
  const BG: RGBA = [0x1f, 0x6f, 0xd0, 255];
  const FG: RGBA = [255, 255, 255, 255];
  return (x, y) => {
    let bg = 0;
    let fg = 0;
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const r = inside((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size);
        if (r === "bg") bg++;
        else if (r === "fg") fg++;
      }
    const a = (bg + fg) / 16;
    if (a === 0) return [0, 0, 0, 0];
    const t = fg / (bg + fg);
    return [0, 1, 2]
      .map((k) => Math.round(BG[k] * (1 - t) + FG[k] * t))
      .concat(Math.round(a * 255)) as RGBA;
  };
}

function roundedTile(u: number, v: number): boolean {
  const r = 0.18;
  const dx = Math.max(r - u, 0, u - (1 - r));
  const dy = Math.max(r - v, 0, v - (1 - r));
  return dx * dx + dy * dy <= r * r;
}

function bars(u: number, v: number): boolean {
  const cols: [number, number, number][] = [
    [0.2, 0.34, 0.55],
    [0.43, 0.57, 0.35],
    [0.66, 0.8, 0.22],
  ];
  return cols.some(([a, b, top]) => u >= a && u <= b && v >= top && v <= 0.8);
}

function check(u: number, v: number): boolean {
  const seg = (x1: number, y1: number, x2: number, y2: number, w: number) => {
    const dx = x2 - x1;
    const dy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((u - x1) * dx + (v - y1) * dy) / (dx * dx + dy * dy)));
    const px = x1 + t * dx - u;
    const py = y1 + t * dy - v;
    return px * px + py * py <= w * w;
  };
  return seg(0.22, 0.52, 0.42, 0.72, 0.075) || seg(0.42, 0.72, 0.8, 0.3, 0.075);
}

export function drawIcon(size: number, kind: "icon" | "score"): Buffer {
  const glyph = kind === "icon" ? bars : check;
  return encodePng(
    size,
    shade(size, (u, v) => (!roundedTile(u, v) ? null : glyph(u, v) ? "fg" : "bg"))
  );
}

if (require.main === module) {
  const out = path.join(__dirname, "..", "assets");
  fs.mkdirSync(out, { recursive: true });
  for (const kind of ["icon", "score"] as const) {
    for (const size of [16, 20, 24, 32, 40, 48, 64, 80, 128]) {
      fs.writeFileSync(path.join(out, `${kind}-${size}.png`), drawIcon(size, kind));
    }
  }
  console.log(`icons written to ${out}`);
}
