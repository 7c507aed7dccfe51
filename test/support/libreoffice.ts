/** LibreOffice (Debian's libreoffice-calc) as an independent reader: converts a workbook headless. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const SOFFICE = "soffice";

/**
 * Converts `file` to `format` ("csv", "pdf", …) into `outDir`; returns the converted file's path. Each call
 * uses its own user profile, so that conversions running at the same time do not lock each other out.
 */
export function convertWithLibreOffice(file: string, format: string, outDir: string): string {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "lo-profile-"));
  try {
    const r = spawnSync(
      SOFFICE,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--convert-to",
        format,
        "--outdir",
        outDir,
        file,
      ],
      { encoding: "utf8", timeout: 180_000 }
    );
    const out = path.join(
      outDir,
      `${path.basename(file, path.extname(file))}.${format.split(":")[0]}`
    );
    if (r.status !== 0 || !fs.existsSync(out))
      throw new Error(
        `soffice could not convert ${file} to ${format}: ${r.stderr || r.stdout || r.error}`
      );
    return out;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
