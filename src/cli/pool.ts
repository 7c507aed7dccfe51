/**
 * Scores many files on several processes: this one and `lanes - 1` children running the same command line
 * in worker mode (main.ts). A folder of workbooks is mostly exceljs parsing and zipping, one file at a
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

/** The command line's entry module, as this process runs it (main.js when built, main.ts under tsx). */
function entry(): string {
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

  /** A child lane: asks for the next file after each outcome. If the child fails (it cannot start, or
   *  dies), the file it held goes back to the queue and the lane closes: the other lanes finish the work. */
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
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        if (held !== null) queue.unshift(held);
        held = null;
        if (child.connected) child.disconnect();
        resolve();
      };
      const next = () => {
        const k = queue.shift();
        if (k === undefined) return close();
        held = k;
        const msg: TaskMessage = { k, task: tasks[k] };
        child.send(msg, (err) => err && close());
      };
      child.on("message", (m: OutcomeMessage) => {
        if (m.k !== held) return;
        held = null;
        finish(m.k, m.outcome);
        next();
      });
      child.on("error", close);
      child.on("exit", close);
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
  // A child that failed after this lane ran dry put its file back: do what is left here.
  await localLane();
}

/** Worker mode: answers each task message with its outcome until the parent disconnects. */
export function serveAsWorker(run: (task: FileTask) => Promise<FileOutcome>): void {
  let chain = Promise.resolve();
  process.on("message", (m: TaskMessage) => {
    chain = chain.then(async () => {
      const outcome = await run(m.task);
      const reply: OutcomeMessage = { k: m.k, outcome };
      process.send?.(reply);
    });
  });
  process.on("disconnect", () => {
    void chain.then(() => process.exit(0));
  });
}
