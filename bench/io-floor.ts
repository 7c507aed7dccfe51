/**
 * The I/O floor of `score --out` (issue 16): what any scorer must at least do to a workbook, with the
 * project's own zip code — unzip every part, read each sheet and the shared strings as text, zip every
 * part back into a file. `score --out` is measured against it in the same run (cli.ts).
 *
 * Run bundled in a process of its own: `node io-floor.cjs <in.xlsx> <out.xlsx>`.
 */
import fs from "fs";
import { inflateEntry, readZipDirectory, writeZip } from "../src/ooxml/zip";

function floor(input: string, output: string): number {
  const data = fs.readFileSync(input);
  const entries = readZipDirectory(data);
  let chars = 0;
  const parts = entries.map((e) => {
    const bytes = inflateEntry(data, e);
    if (/^xl\/(worksheets\/[^/]+|sharedStrings)\.xml$/.test(e.name))
      chars += bytes.toString("utf8").length;
    return { name: e.name, data: bytes };
  });
  fs.writeFileSync(output, writeZip(data, parts));
  return chars;
}

const [input, output] = process.argv.slice(2);
process.stdout.write(`${floor(input, output)}\n`);
