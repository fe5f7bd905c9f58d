// Entry of `specmint` (bundled to dist/cli.js): Ctrl-C, and the one place that turns errors into
// exit codes and summaries.
import { describeFailure, exitCodeOf, EXIT } from "./failure";
import { run } from "./run";
import type { CliContext } from "./context";

async function main(): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    // The first Ctrl-C stops cleanly (temporary files removed); a second one does not wait.
    if (interrupts > 1) process.exit(EXIT.interrupted);
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigint);
  const ctx: CliContext = {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stderrIsTTY: Boolean(process.stderr.isTTY),
    signal: controller.signal,
  };
  let code: number;
  try {
    code = await run(process.argv.slice(2), ctx);
  } catch (e) {
    ctx.stderr.write(describeFailure(e));
    code = exitCodeOf(e);
  }
  process.off("SIGINT", onSigint);
  process.off("SIGTERM", onSigint);
  // exitCode, not exit(): stdout may be a pipe with records still queued.
  process.exitCode = code;
}

void main();
