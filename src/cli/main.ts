/**
 * indicator-scorer command line entry point (see run.ts for the commands).
 *
 * stdout carries only the command's output: anything a library prints through console.* goes to stderr,
 * so that `indicator-scorer score x.xlsx --json -` prints exactly one JSON document.
 */
import { serveAsWorker, WORKER_ENV } from "./pool";
import { processFile, run } from "./run";

function toStderr(...parts: unknown[]): void {
  process.stderr.write(`${parts.map((p) => (typeof p === "string" ? p : String(p))).join(" ")}\n`);
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  quietConsole();
  const out = (s: string) => void process.stdout.write(s);
  const err = (s: string) => void process.stderr.write(s);
  let code: number;
  try {
    code = await run(argv, { stdout: out, stderr: err }, "auto");
  } catch (e) {
    err(`indicator-scorer: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}\n`);
    code = 2;
  }
  return code;
}

function quietConsole(): void {
  console.log = toStderr;
  console.info = toStderr;
  console.warn = toStderr;
  console.debug = toStderr;
  console.trace = toStderr;
}

if (require.main === module) {
  process.on("uncaughtException", (e) => {
    process.stderr.write(
      `indicator-scorer: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}\n`
    );
    process.exit(2);
  });
  process.on("unhandledRejection", (e) => {
    process.stderr.write(
      `indicator-scorer: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}\n`
    );
    process.exit(2);
  });
  if (process.env[WORKER_ENV] && process.send) {
    // A child of the pool (pool.ts): files come as messages, outcomes go back the same way.
    quietConsole();
    serveAsWorker(processFile);
  } else {
    main().then((code) => {
      process.exitCode = code;
    });
  }
}
