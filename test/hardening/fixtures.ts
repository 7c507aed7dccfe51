/**
 * Builders for the malformed and odd files of the hardening tests. Every fixture is made in a temp dir
 * at test time; nothing binary is committed.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import { buildBigSheetXlsx, buildXlsx } from "../support/xlsx-builder";

export function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

// ---------------------------------------------------------------------------------------------
// Compound File Binary (OLE2 / CFB): old .xls workbooks and password-protected (encrypted) .xlsx

const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;
const SECTOR = 512;
const MINI_CUTOFF = 4096;

interface CfbStream {
  name: string;
  data: Buffer;
}

/**
 * A minimal but well-formed CFB v3 file (512-byte sectors): header, one FAT sector, one directory sector
 * (Root Entry + up to 3 streams, siblings chained to the right), then each stream in whole sectors.
 * Streams are padded to the 4096-byte mini-stream cutoff so that no mini FAT is needed.
 */
export function buildCfb(streams: CfbStream[]): Buffer {
  if (streams.length > 3) throw new Error("buildCfb: at most 3 streams");
  const padded = streams.map((s) => {
    const size = Math.max(s.data.length, MINI_CUTOFF);
    const data = Buffer.alloc(Math.ceil(size / SECTOR) * SECTOR);
    s.data.copy(data);
    return { name: s.name, data, size };
  });
  const streamSectors = padded.reduce((n, s) => n + s.data.length / SECTOR, 0);
  const totalSectors = 2 + streamSectors; // FAT + directory + streams
  if (totalSectors > SECTOR / 4) throw new Error("buildCfb: streams too large for one FAT sector");

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 0x18); // minor version
  header.writeUInt16LE(0x0003, 0x1a); // major version 3
  header.writeUInt16LE(0xfffe, 0x1c); // byte order
  header.writeUInt16LE(0x0009, 0x1e); // sector shift: 512
  header.writeUInt16LE(0x0006, 0x20); // mini sector shift: 64
  header.writeUInt32LE(0, 0x28); // directory sectors (0 for v3)
  header.writeUInt32LE(1, 0x2c); // FAT sectors
  header.writeUInt32LE(1, 0x30); // first directory sector
  header.writeUInt32LE(0, 0x34); // transaction signature
  header.writeUInt32LE(MINI_CUTOFF, 0x38);
  header.writeUInt32LE(ENDOFCHAIN, 0x3c); // first mini FAT sector
  header.writeUInt32LE(0, 0x40);
  header.writeUInt32LE(ENDOFCHAIN, 0x44); // first DIFAT sector
  header.writeUInt32LE(0, 0x48);
  header.writeUInt32LE(0, 0x4c); // DIFAT[0] = sector 0 holds the FAT
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREESECT, 0x4c + 4 * i);

  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FATSECT, 0);
  fat.writeUInt32LE(ENDOFCHAIN, 4);
  const dir = Buffer.alloc(SECTOR);
  const entry = (
    i: number,
    name: string,
    type: number,
    start: number,
    size: number,
    right: number,
    child: number
  ) => {
    const off = i * 128;
    const n = Buffer.from(`${name}\u0000`, "utf16le");
    n.copy(dir, off);
    dir.writeUInt16LE(n.length, off + 0x40);
    dir.writeUInt8(type, off + 0x42);
    dir.writeUInt8(1, off + 0x43); // black
    dir.writeUInt32LE(NOSTREAM, off + 0x44);
    dir.writeUInt32LE(right, off + 0x48);
    dir.writeUInt32LE(child, off + 0x4c);
    dir.writeUInt32LE(start, off + 0x74);
    dir.writeUInt32LE(size, off + 0x78);
  };
  entry(0, "Root Entry", 5, ENDOFCHAIN, 0, NOSTREAM, padded.length ? 1 : NOSTREAM);
  let next = 2;
  padded.forEach((s, i) => {
    const n = s.data.length / SECTOR;
    entry(i + 1, s.name, 2, next, s.size, i + 1 < padded.length ? i + 2 : NOSTREAM, NOSTREAM);
    for (let k = 0; k < n; k++)
      fat.writeUInt32LE(k === n - 1 ? ENDOFCHAIN : next + k + 1, 4 * (next + k));
    next += n;
  });
  return Buffer.concat([header, fat, dir, ...padded.map((s) => s.data)]);
}

/** A BIFF8 "Workbook" stream that starts like a real one: BOF (globals), CODEPAGE, EOF. */
function biff8Workbook(): Buffer {
  const rec = (type: number, body: Buffer) => {
    const h = Buffer.alloc(4);
    h.writeUInt16LE(type, 0);
    h.writeUInt16LE(body.length, 2);
    return Buffer.concat([h, body]);
  };
  const bof = Buffer.alloc(16);
  bof.writeUInt16LE(0x0600, 0); // BIFF8
  bof.writeUInt16LE(0x0005, 2); // workbook globals
  bof.writeUInt16LE(0x0dbb, 4);
  bof.writeUInt16LE(0x07cc, 6);
  const codepage = Buffer.alloc(2);
  codepage.writeUInt16LE(1200, 0);
  return Buffer.concat([rec(0x0809, bof), rec(0x0042, codepage), rec(0x000a, Buffer.alloc(0))]);
}

/** An Excel 97–2003 .xls: a CFB with a BIFF8 Workbook stream. */
export function buildXls(): Buffer {
  return buildCfb([{ name: "Workbook", data: biff8Workbook() }]);
}

/**
 * A password-protected .xlsx as Excel saves it: a CFB (not a zip) with an EncryptionInfo stream (agile
 * encryption, version 4.4) and an EncryptedPackage stream.
 */
export function buildEncryptedXlsx(): Buffer {
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">' +
    '<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>';
  const info = Buffer.concat([
    Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]),
    Buffer.from(xml, "utf8"),
  ]);
  const pkg = Buffer.alloc(4096);
  pkg.writeUInt32LE(1000, 0);
  for (let i = 8; i < pkg.length; i++) pkg[i] = (i * 131 + 7) & 0xff; // "ciphertext"
  return buildCfb([
    { name: "EncryptionInfo", data: info },
    { name: "EncryptedPackage", data: pkg },
  ]);
}

// ---------------------------------------------------------------------------------------------
// .xlsx builders

/** The header row of a year-end self-evaluation table, as the hardening workbooks write it. */
export const SELF_EVAL_HEADER = [
  "一级指标",
  "二级指标",
  "三级指标",
  "指标值",
  "实际完成值",
  "偏差原因分析及改进措施",
];

/** A small, valid self-evaluation workbook (one table); returns its bytes. */
export async function goodWorkbookBuffer(): Promise<Buffer> {
  return buildXlsx({
    sheets: [
      {
        name: "绩效表",
        rows: [
          ["测试项目2025绩效自评表"],
          ["项目名称", "测试项目"],
          ["预算数", 100, "全年执行数", 95],
          SELF_EVAL_HEADER,
          ["产出指标", "数量指标", "维护系统数量", "≥6个", "7个"],
          ["效益指标", "社会效益指标", "提高服务水平", "作用显著", "达成"],
          ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%", "97%"],
        ],
      },
    ],
  });
}

/** A well-formed package whose workbook.xml lists no sheet at all (`<sheets/>`). */
export async function zeroSheetWorkbookBuffer(): Promise<Buffer> {
  return buildXlsx({ sheets: [] });
}

/** A workbook whose only sheet is empty. */
export async function emptySheetWorkbookBuffer(): Promise<Buffer> {
  return buildXlsx({ sheets: [{ name: "Sheet1" }] });
}

/**
 * One indicator table of `rows` indicator rows on the sheet 大表, written lean (the sheet as string chunks,
 * inline strings, no styles). `actual(i)` gives row i's actual (null leaves it empty).
 */
export async function writeBigTable(
  file: string,
  rows: number,
  actual: (i: number) => number | string | null
): Promise<void> {
  const head: (number | string | null)[][] = [
    ["大表项目2025绩效自评表"],
    ["项目名称", "大表项目"],
    ["预算数", 100, "全年执行数", 95],
    SELF_EVAL_HEADER,
  ];
  const l1 = ["产出指标", "效益指标", "满意度指标"];
  const data = await buildBigSheetXlsx({
    name: "大表",
    rowCount: head.length + rows,
    row: (r) => {
      if (r < head.length) return head[r];
      const i = r - head.length;
      return [l1[i % 3], "数量指标", `指标${i + 1}`, "≥6个", actual(i)];
    },
  });
  fs.writeFileSync(file, data);
}
