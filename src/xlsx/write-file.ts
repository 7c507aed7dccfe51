/**
 * Writing a file so that a crash, a full disk or a failed write never leaves a truncated file in place of the
 * previous good one: the data goes to a temp file in the target's own folder (opened with `wx`, so no other
 * file is ever followed or reused), is fsynced, and is renamed over the target. Node only: nothing else of
 * src/xlsx is needed.
 *
 * - The target's mode is kept when it exists (a 0600 workbook stays 0600), and its owner and group where the
 *   system permits (only root may give a file away; EPERM is ignored).
 * - A target that is a symbolic link is written through: the file it points to is replaced and the link stays.
 * - On any failure the temp file is removed and a WriteFileError carrying the errno code is thrown.
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** A failed atomic write: `code` is the errno code (`ENOSPC`, `EACCES`, `EISDIR`…), `step` what failed. */
export class WriteFileError extends Error {
  readonly target: string;
  readonly code: string;
  readonly step: "stat" | "open" | "write" | "sync" | "rename";

  constructor(target: string, code: string, step: WriteFileError["step"]) {
    super(`${target}: cannot write (${code})`);
    this.name = "WriteFileError";
    this.target = target;
    this.code = code;
    this.step = step;
  }
}

export interface WriteFileOptions {
  /**
   * When the target does not exist yet, the file whose permission bits the new file takes (a copy of a 0600
   * workbook stays private). Ignored when the target exists: its own mode is kept. Only the mode is taken
   * from this file, never its owner. Without either, a new file gets 0666 less the umask, as usual.
   */
  keepModeOf?: string;
}

/** `a.xlsx` → `.a.xlsx.<pid>.<random>.tmp`, in the same folder (hidden, and never `*.xlsx`). */
export function tempNameFor(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
  );
}

/** True when `name` is a temp file this module makes (for `a.xlsx`, or for any target without `of`). */
export function isTempName(name: string, of?: string): boolean {
  const base = path.basename(name);
  if (of === undefined) return /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/.test(base);
  return base.startsWith(`.${path.basename(of)}.`) && /\.\d+\.[0-9a-f]{8}\.tmp$/.test(base);
}

function errnoOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" ? code : "EIO";
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

/** The path a write lands on: a link's final target when `target` is a symbolic link that resolves. */
function landingPath(target: string): string {
  try {
    if (fs.lstatSync(target).isSymbolicLink()) return fs.realpathSync(target);
  } catch {
    // a dangling link or no file at all: written as named
  }
  return target;
}

/**
 * Writes `data` to `target` atomically (see the file's comment). Resolves once the new file is in place and
 * on disk; rejects with a WriteFileError, leaving the target as it was and no temp file behind.
 */
export async function writeFileAtomic(
  target: string,
  data: Buffer | string,
  options: WriteFileOptions = {}
): Promise<void> {
  const dest = landingPath(target);
  const existing = statOrNull(dest);
  if (existing?.isDirectory()) throw new WriteFileError(target, "EISDIR", "stat");
  const modeFrom = existing ?? (options.keepModeOf ? statOrNull(options.keepModeOf) : null);
  const mode = modeFrom ? modeFrom.mode & 0o7777 : null;

  const tmp = tempNameFor(dest);
  let fh: fs.promises.FileHandle | null = null;
  let step: WriteFileError["step"] = "open";
  try {
    fh = await fs.promises.open(tmp, "wx", mode ?? 0o666);
    if (existing) {
      try {
        // Before chmod: changing the owner may clear set-id bits, which chmod then restores.
        await fh.chown(existing.uid, existing.gid);
      } catch (err) {
        const code = errnoOf(err);
        if (code !== "EPERM" && code !== "EINVAL" && code !== "ENOSYS") throw err;
      }
    }
    // `open` applied the umask: give the file exactly the mode it keeps.
    if (mode !== null) await fh.chmod(mode);
    step = "write";
    await fh.writeFile(data);
    step = "sync";
    await fh.sync();
    await fh.close();
    fh = null;
    step = "rename";
    await fs.promises.rename(tmp, dest);
  } catch (err) {
    if (fh) await fh.close().catch(() => undefined);
    // Nothing to remove when `open` itself failed: with `wx` the name was never ours.
    if (step !== "open" || fh) await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw new WriteFileError(target, errnoOf(err), step);
  }
  await syncFolder(path.dirname(dest));
}

/** Puts the rename itself on disk. Not every system can open a folder for that: then it is left to the OS. */
async function syncFolder(dir: string): Promise<void> {
  let fh: fs.promises.FileHandle | null = null;
  try {
    fh = await fs.promises.open(dir, "r");
    await fh.sync();
  } catch {
    // best effort (Windows, some network file systems)
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** What makes a file the same as another: its resolved path, and its device and inode when it exists. */
export interface FileIdentity {
  path: string;
  inode: string | null;
}

export function fileIdentity(p: string): FileIdentity {
  const st = statOrNull(p);
  return { path: canonicalPath(p), inode: st ? `${st.dev}:${st.ino}` : null };
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.path === b.path || (a.inode !== null && a.inode === b.inode);
}

/**
 * True when `a` and `b` name the same file: the same path once resolved (links in the folders followed, so
 * `out/x.json` and `link-to-out/x.json` match even before either exists), or the same device and inode (hard
 * links, a link to the file itself). Paths that do not exist compare by path only.
 */
export function sameFile(a: string, b: string): boolean {
  return sameIdentity(fileIdentity(a), fileIdentity(b));
}

/** The real path of `p`, or of its nearest existing folder joined with the rest; case-folded where names are. */
function canonicalPath(p: string): string {
  const abs = path.resolve(p);
  let real: string;
  try {
    real = fs.realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    real = parent === abs ? abs : path.join(canonicalPath(parent), path.basename(abs));
  }
  return process.platform === "win32" || process.platform === "darwin" ? real.toLowerCase() : real;
}
