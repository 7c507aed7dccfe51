/**
 * The zip container of an .xlsx package: its directory read with guards before anything is inflated, and
 * a package written back with every entry it did not change copied as stored (same compressed bytes, same
 * name, same checksum), so that what the scorer has no reason to touch cannot change. Node's zlib does
 * the deflating; the container format is small enough to own.
 */
import * as zlib from "zlib";
import { deflateRawSync, inflateRawSync } from "zlib";

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** Bit 3: sizes and checksum follow the data (we always write them in the header, so it is cleared). */
const DATA_DESCRIPTOR = 0x8;
/** Bit 0: the entry is encrypted. */
const ENCRYPTED = 0x1;

/** Limits checked on the declared sizes, before a byte is inflated. */
export const ZIP_LIMITS = {
  entries: 20_000,
  /** One part: above this it could not even be held as one string. */
  partBytes: 400 * 1024 * 1024,
  /** All parts together. */
  totalBytes: 1024 * 1024 * 1024,
};

export class ZipError extends Error {
  constructor(
    readonly kind: "NOT_ZIP" | "CORRUPT" | "TOO_LARGE" | "UNSUPPORTED",
    message: string
  ) {
    super(message);
    this.name = "ZipError";
  }
}

export interface ZipEntry {
  /** The name as stored (bytes kept in `nameBytes`, so a copy writes it unchanged). */
  name: string;
  nameBytes: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  time: number;
  date: number;
  /** Where the compressed data sits in the archive. */
  dataOffset: number;
}

/** The central directory, checked: entry count, declared sizes, methods, and every local header found. */
export function readZipDirectory(data: Buffer): ZipEntry[] {
  if (data.length < 22) throw new ZipError("NOT_ZIP", "no zip directory");
  const lowest = Math.max(0, data.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = data.length - 22; i >= lowest; i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("CORRUPT", "no end of central directory");
  const count = data.readUInt16LE(eocd + 10);
  const offset = data.readUInt32LE(eocd + 16);
  if (
    count === 0xffff ||
    offset === 0xffffffff ||
    (eocd >= 20 && data.readUInt32LE(eocd - 20) === ZIP64_LOCATOR)
  )
    throw new ZipError("TOO_LARGE", "zip64");
  if (count > ZIP_LIMITS.entries) throw new ZipError("TOO_LARGE", `${count} parts`);
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== CENTRAL_ENTRY)
      throw new ZipError("CORRUPT", "damaged central directory");
    const flags = data.readUInt16LE(p + 8);
    const method = data.readUInt16LE(p + 10);
    const nameLength = data.readUInt16LE(p + 28);
    const extraLength = data.readUInt16LE(p + 30);
    const commentLength = data.readUInt16LE(p + 32);
    const localOffset = data.readUInt32LE(p + 42);
    if (p + 46 + nameLength > data.length)
      throw new ZipError("CORRUPT", "damaged central directory");
    const nameBytes = Buffer.from(data.subarray(p + 46, p + 46 + nameLength));
    const entry: ZipEntry = {
      name: nameBytes.toString(flags & 0x800 ? "utf8" : "latin1"),
      nameBytes,
      flags,
      method,
      crc: data.readUInt32LE(p + 16),
      compressedSize: data.readUInt32LE(p + 20),
      size: data.readUInt32LE(p + 24),
      time: data.readUInt16LE(p + 12),
      date: data.readUInt16LE(p + 14),
      dataOffset: -1,
    };
    if (flags & ENCRYPTED) throw new ZipError("UNSUPPORTED", `${entry.name} is encrypted`);
    if (method !== STORED && method !== DEFLATED)
      throw new ZipError("UNSUPPORTED", `${entry.name} uses compression method ${method}`);
    if (entry.size > ZIP_LIMITS.partBytes)
      throw new ZipError("TOO_LARGE", `${entry.name}: ${entry.size} bytes`);
    total += entry.size;
    if (total > ZIP_LIMITS.totalBytes) throw new ZipError("TOO_LARGE", `${total} bytes`);
    if (localOffset + 30 > data.length || data.readUInt32LE(localOffset) !== LOCAL_ENTRY)
      throw new ZipError("CORRUPT", `${entry.name}: no local header`);
    entry.dataOffset =
      localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28);
    if (entry.dataOffset + entry.compressedSize > data.length)
      throw new ZipError("CORRUPT", `${entry.name} runs past the end of the file`);
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's contents. Sizes that lie (more or fewer bytes than declared) or a bad checksum are CORRUPT. */
export function inflateEntry(data: Buffer, e: ZipEntry): Buffer {
  const raw = data.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  let out: Buffer;
  if (e.method === STORED) out = raw;
  else {
    try {
      // One byte over the declared size is enough to know it lies; no more is ever allocated.
      out = inflateRawSync(raw, { maxOutputLength: e.size + 1 });
    } catch {
      throw new ZipError("CORRUPT", `${e.name} cannot be inflated or is larger than it declares`);
    }
  }
  if (out.length !== e.size) throw new ZipError("CORRUPT", `${e.name} is not the size it declares`);
  if (crc32(out) !== e.crc) throw new ZipError("CORRUPT", `${e.name} fails its checksum`);
  return out;
}

/** One entry of a package to write: copied as read (`from`), or new contents. */
export type ZipOut =
  | { name: string; from: ZipEntry }
  | { name: string; data: Buffer; nameBytes?: Buffer; time?: number; date?: number };

/** Writes a zip: copied entries keep their compressed bytes, name bytes, checksum and time. */
export function writeZip(source: Buffer, entries: readonly ZipOut[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const out of entries) {
    let head: Omit<ZipEntry, "dataOffset" | "name">;
    let body: Buffer;
    if ("from" in out) {
      head = { ...out.from, flags: out.from.flags & ~DATA_DESCRIPTOR };
      body = source.subarray(out.from.dataOffset, out.from.dataOffset + out.from.compressedSize);
    } else {
      body = deflateRawSync(out.data, { level: 6 });
      const stored = body.length >= out.data.length;
      if (stored) body = out.data;
      const nameBytes = out.nameBytes ?? Buffer.from(out.name, "utf8");
      head = {
        nameBytes,
        // A name beyond ASCII is flagged UTF-8, as Excel writes it.
        flags: /^[\x20-\x7e]*$/.test(out.name) ? 0 : 0x800,
        method: stored ? STORED : DEFLATED,
        crc: crc32(out.data),
        compressedSize: body.length,
        size: out.data.length,
        time: out.time ?? 0,
        date: out.date ?? 0x21, // 1980-01-01, as Excel writes its own parts
      };
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_ENTRY, 0);
    local.writeUInt16LE(head.method === STORED ? 10 : 20, 4);
    local.writeUInt16LE(head.flags, 6);
    local.writeUInt16LE(head.method, 8);
    local.writeUInt16LE(head.time, 10);
    local.writeUInt16LE(head.date, 12);
    local.writeUInt32LE(head.crc >>> 0, 14);
    local.writeUInt32LE(head.compressedSize, 18);
    local.writeUInt32LE(head.size, 22);
    local.writeUInt16LE(head.nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(CENTRAL_ENTRY, 0);
    cd.writeUInt16LE(20, 4);
    local.copy(cd, 6, 4, 30); // version needed … extra length, the same fields in the same order
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, head.nameBytes, body);
    central.push(cd, head.nameBytes);
    offset += 30 + head.nameBytes.length + body.length;
    if (offset > 0xffffffff) throw new ZipError("TOO_LARGE", "the package would exceed 4 GB");
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

let table: Int32Array | null = null;
const native = (zlib as { crc32?: (data: Buffer) => number }).crc32;

/** CRC-32 (zip's checksum): Node's own where it has one (20.15 and later), else a table. */
export function crc32(buf: Buffer): number {
  if (native) return native(buf) >>> 0;
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < buf.length; i++) c = table[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
