/**
 * The pool's own guarantees, in-process. Under Jest the child processes cannot load the TypeScript entry,
 * so every child lane fails at start: the files they held must come back and be done here, in order.
 * (That real children score files is tested end to end in cli.test.ts.)
 */
import { childExecArgv, runInPool } from "../../src/cli/pool";
import type { FileOutcome, FileTask } from "../../src/cli/run";

const task = (k: number): FileTask => ({
  command: "validate",
  file: `f${k}.xlsx`,
  out: null,
  lang: "en",
  jsonToStdout: false,
  single: false,
});

test("children that cannot start: every file is still done once, here, and delivered in order", async () => {
  const tasks = Array.from({ length: 12 }, (_, k) => task(k));
  const ran: string[] = [];
  const delivered: number[] = [];
  const local = async (t: FileTask): Promise<FileOutcome> => {
    ran.push(t.file);
    await new Promise((r) => setTimeout(r, 5)); // let the children's failures arrive meanwhile
    return { report: null, failed: false, stdout: `${t.file}\n`, stderr: "" };
  };
  await runInPool(tasks, 3, local, (k, o) => {
    expect(o.stdout).toBe(`f${k}.xlsx\n`);
    delivered.push(k);
  });
  expect(delivered).toEqual(tasks.map((_, k) => k));
  expect([...ran].sort()).toEqual(tasks.map((t) => t.file).sort());
});

describe("childExecArgv: the parent's Node options without the debugger's", () => {
  test.each([
    [[], []],
    [
      ["--import", "tsx"],
      ["--import", "tsx"],
    ],
    [["--inspect"], []],
    [["--inspect=9229", "--max-old-space-size=4096"], ["--max-old-space-size=4096"]],
    [
      ["--inspect-brk=127.0.0.1:9230", "--import", "tsx"],
      ["--import", "tsx"],
    ],
    [["--inspect-wait"], []],
    [["--inspect-port", "9231", "--enable-source-maps"], ["--enable-source-maps"]],
    [["--inspect-port=9231"], []],
    [["--debug-port", "9232"], []],
    // Not the debugger's: kept as they are.
    [
      ["--inspector-something-else", "--trace-gc"],
      ["--inspector-something-else", "--trace-gc"],
    ],
  ])("%j → %j", (parent, child) => {
    expect(childExecArgv(parent)).toEqual(child);
  });
});
