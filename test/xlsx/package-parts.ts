/** What the command-line tests of written workbooks share: a part's text, and the CLI run in-process. */
import * as fs from "fs";
import { run } from "../../src/cli/run";
import { readZipEntry, zipDirectory } from "../../src/xlsx/zip-entries";

/** The text of a part of an .xlsx file, or null when the file has no such part. */
export function part(file: string, name: string): string | null {
  const data = fs.readFileSync(file);
  const entry = zipDirectory(data)?.find((e) => e.name === name);
  return entry ? (readZipEntry(data, entry, 1 << 26)?.toString("utf8") ?? null) : null;
}

/** The command line, in this process: its exit code and everything it printed. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await run(argv, { stdout: (s) => (out += s), stderr: (s) => (out += s) });
  return { code, out };
}
