/**
 * The names of a zip archive's entries, read from its central directory: enough to know which parts an
 * .xlsx holds without unpacking it (and without a second zip library beside exceljs's own).
 */

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
/** Bit 11 of an entry's flags: its name is UTF-8 (else code page 437, read here as Latin-1). */
const UTF8_NAME = 0x800;

/** The entry names in central-directory order, or null when the buffer holds no readable directory. */
export function zipEntryNames(data: Buffer): string[] | null {
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
  const names: string[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== CENTRAL_ENTRY) return null;
    const flags = data.readUInt16LE(p + 8);
    const nameLength = data.readUInt16LE(p + 28);
    const extraLength = data.readUInt16LE(p + 30);
    const commentLength = data.readUInt16LE(p + 32);
    if (p + 46 + nameLength > data.length) return null;
    names.push(data.toString(flags & UTF8_NAME ? "utf8" : "latin1", p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
