/**
 * Scores many files on several processes: this one and `lanes - 1` children running the same command line
 * in worker mode (main.ts). A folder of workbooks is mostly reading, scoring and deflating, one file at a
 * time, so a second process is what puts a second core to work. Outcomes are handed back in input order,
 * whichever lane finished first, so the output reads exactly as with one process.
 */
import { ChildProcess, fork } from "child_process";
import * as path from "path";
import type { FileOutcome, FileTask } from "./run";

/** Set in a child's environment: run as a pool worker (see main.ts). */
export const WORKER_ENV = "INDICATOR_SCORER_POOL_WORKER";

interface TaskMessage {
  k: number;
  task: FileTask;
}
interface OutcomeMessage {
  k: number;
  outcome: FileOutcome;
}
/** A worker's first message: it started and takes files. */
interface ReadyMessage {
  ready: true;
}

/**
 * Test hook, read only by a worker and only under NODE_ENV=test (Jest sets it): a worker given the file of
 * this name (`a.xlsx`) dies at once (SIGKILL), as one would on a file that exhausts its memory.
 */
export const CRASH_TEST_ENV = "INDICATOR_SCORER_TEST_CRASH_ON";

/** The one line for a file whose worker died while doing it: the others are still done. */
export function crashedOutcome(task: FileTask, how: string): FileOutcome {
  const name = path.basename(task.file);
  return {
    report: null,
    failed: true,
    stdout: "",
    stderr:
      task.lang === "en"
        ? `${name}: the process scoring this file stopped (${how}); nothing was written for it\n`
        : `${name}：处理该文件的进程意外退出（${how}），未写入任何结果\n`,
  };
}

/**
 * Defined (true) by esbuild in the one-file build (scripts/build-cli.mjs, dist-cli/indicator-scorer.cjs),
 * where this module and main are one file; undeclared everywhere else.
 */
declare const INDICATOR_SCORER_BUNDLE: boolean | undefined;

/**
 * The command line's entry module, as this process runs it: main.js when built, main.ts under tsx, and
 * the bundle itself in the one-file build.
 */
function entry(): string {
  if (typeof INDICATOR_SCORER_BUNDLE !== "undefined" && INDICATOR_SCORER_BUNDLE) return __filename;
  return path.join(__dirname, `main${path.extname(__filename)}`);
}

const DEBUGGER_FLAG = /^--(?:inspect|inspect-brk|inspect-wait|inspect-port|debug-port)(?:=|$)/;

/**
 * The Node options a child runs with: the parent's (the tsx loader, memory limits) without the debugger's.
 * A child given the parent's `--inspect=9229` finds the port taken, and `--inspect-brk` would stop it
 * before its first line, waiting for a debugger nobody attaches.
 */
export function childExecArgv(parent: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const a = parent[i];
    if (!DEBUGGER_FLAG.test(a)) out.push(a);
    // `--inspect-port 9230`: the port is the next argument.
    else if ((a === "--inspect-port" || a === "--debug-port") && i + 1 < parent.length) i++;
  }
  return out;
}

export async function runInPool(
  tasks: FileTask[],
  lanes: number,
  local: (task: FileTask) => Promise<FileOutcome>,
  deliver: (k: number, outcome: FileOutcome) => void
): Promise<void> {
  const queue = tasks.map((_, k) => k);
  const done = new Map<number, FileOutcome>();
  let nextToDeliver = 0;
  const finish = (k: number, outcome: FileOutcome) => {
    done.set(k, outcome);
    while (done.has(nextToDeliver)) {
      deliver(nextToDeliver, done.get(nextToDeliver)!);
      done.delete(nextToDeliver);
      nextToDeliver++;
    }
  };

  /** A child lane: holds a file from the start, and asks for the next after each outcome. A child that
   *  cannot start (it exits before it says it is ready) puts its file back for the other lanes. A child
   *  that dies while doing a file costs that file one line (any process could die on it as well), and
   *  its lane closes. */
  const childLane = (): Promise<void> =>
    new Promise((resolve) => {
      let child: ChildProcess;
      try {
        child = fork(entry(), [], {
          env: { ...process.env, [WORKER_ENV]: "1" },
          execArgv: childExecArgv(process.execArgv),
          // A child's own stderr is not the user's: what a file produced comes back in its outcome, and a
          // child that cannot start (or dies) only costs its lane; its trace is shown when debugging.
          stdio: ["ignore", "ignore", "pipe", "ipc"],
        });
      } catch {
        resolve();
        return;
      }
      if (process.env.INDICATOR_SCORER_DEBUG) child.stderr?.pipe(process.stderr);
      else child.stderr?.resume();
      let held: number | null = null;
      let ready = false;
      let closed = false;
      const close = (code?: number | null, signal?: NodeJS.Signals | null) => {
        if (closed) return;
        closed = true;
        if (held !== null) {
          if (!ready) queue.unshift(held);
          else {
            const how = signal ?? (typeof code === "number" ? `exit code ${code}` : "no reply");
            finish(held, crashedOutcome(tasks[held], how));
          }
        }
        held = null;
        if (child.connected) child.disconnect();
        resolve();
      };
      const next = () => {
        const k = queue.shift();
        if (k === undefined) return close();
        held = k;
        const msg: TaskMessage = { k, task: tasks[k] };
        child.send(msg, (err) => {
          if (!err || held !== k) return;
          // Never delivered, so never begun: the file goes back for another lane.
          queue.unshift(k);
          held = null;
          close();
        });
      };
      child.on("message", (m: OutcomeMessage | ReadyMessage) => {
        if ("ready" in m) {
          ready = true;
          return;
        }
        if (m.k !== held) return;
        held = null;
        finish(m.k, m.outcome);
        next();
      });
      child.on("error", () => close());
      child.on("exit", (code, signal) => close(code, signal));
      next();
    });

  /** This process's own lane: it works while the children start. */
  const localLane = async (): Promise<void> => {
    for (let k = queue.shift(); k !== undefined; k = queue.shift())
      finish(k, await local(tasks[k]));
  };

  const children = Array.from({ length: lanes - 1 }, childLane);
  await localLane();
  await Promise.all(children);
  // A child that could not start after this lane ran dry put its file back: do what is left here.
  await localLane();
}

/** Worker mode: says it is ready, then answers each task message with its outcome until the parent
 *  disconnects. */
export function serveAsWorker(run: (task: FileTask) => Promise<FileOutcome>): void {
  const crashOn = process.env.NODE_ENV === "test" ? process.env[CRASH_TEST_ENV] : undefined;
  const ready: ReadyMessage = { ready: true };
  // Files are begun only once the parent can know this process started: a death after that is the file's.
  let chain = new Promise<void>((resolve) => {
    if (process.send) process.send(ready, () => resolve());
    else resolve();
  });
  process.on("message", (m: TaskMessage) => {
    chain = chain.then(async () => {
      if (crashOn && path.basename(m.task.file) === crashOn) process.kill(process.pid, "SIGKILL");
      const outcome = await run(m.task);
      const reply: OutcomeMessage = { k: m.k, outcome };
      process.send?.(reply);
    });
  });
  process.on("disconnect", () => {
    void chain.then(() => process.exit(0));
  });
}
