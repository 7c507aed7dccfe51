/**
 * A zip archive's entries, read from its central directory: enough to know which parts an .xlsx holds
 * without unpacking it, and to inflate the few small parts whose contents say what they hold (node's zlib,
 * not a second zip library beside exceljs's own).
 */
import { inflateRawSync } from "zlib";

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** Bit 11 of an entry's flags: its name is UTF-8 (else code page 437, read here as Latin-1). */
const UTF8_NAME = 0x800;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not read. */
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

/** The entry names in central-directory order, or null when the buffer holds no readable directory. */
export function zipEntryNames(data: Buffer): string[] | null {
  return zipDirectory(data)?.map((e) => e.name) ?? null;
}

/** The entries in central-directory order, or null when the buffer holds no readable directory. */
export function zipDirectory(data: Buffer): ZipEntry[] | null {
  if (data.length < 22) return null;
  // The end record sits in the last 22 bytes plus at most a 65,535-byte archive comment.
  const lowest = Math.max(0, data.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = data.length - 22; i >= lowest; i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = data.readUInt16LE(eocd + 10);
  let offset = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || data.readUInt32LE(locator) !== ZIP64_LOCATOR) return null;
    const z = Number(data.readBigUInt64LE(locator + 8));
    if (z + 56 > data.length || data.readUInt32LE(z) !== ZIP64_EOCD) return null;
    count = Number(data.readBigUInt64LE(z + 32));
    offset = Number(data.readBigUInt64LE(z + 48));
  }
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== CENTRAL_ENTRY) return null;
    const flags = data.readUInt16LE(p + 8);
    const method = data.readUInt16LE(p + 10);
    const compressedSize = data.readUInt32LE(p + 20);
    const size = data.readUInt32LE(p + 24);
    const localOffset = data.readUInt32LE(p + 42);
    const nameLength = data.readUInt16LE(p + 28);
    const extraLength = data.readUInt16LE(p + 30);
    const commentLength = data.readUInt16LE(p + 32);
    if (p + 46 + nameLength > data.length) return null;
    const name = data.toString(flags & UTF8_NAME ? "utf8" : "latin1", p + 46, p + 46 + nameLength);
    entries.push({ name, method, compressedSize, size, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The contents of one entry, or null when they cannot be read: a damaged or zip64-sized entry, an unknown
 * compression method, or more than `maxBytes` once inflated (a part that large is not one we count in, and
 * a zip bomb must not cost the memory).
 */
export function readZipEntry(data: Buffer, entry: ZipEntry, maxBytes: number): Buffer | null {
  const p = entry.localOffset;
  if (entry.compressedSize === 0xffffffff || entry.size > maxBytes) return null;
  if (p + 30 > data.length || data.readUInt32LE(p) !== LOCAL_ENTRY) return null;
  const start = p + 30 + data.readUInt16LE(p + 26) + data.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) return null;
  const raw = data.subarray(start, end);
  if (entry.method === STORED) return raw;
  if (entry.method !== DEFLATED) return null;
  try {
    return inflateRawSync(raw, { maxOutputLength: maxBytes });
  } catch {
    return null;
  }
}
