// Entry of `specmint` (bundled to dist/cli.js): the main thread only starts the command in a worker
// thread (cli/worker.ts, dist/cli-worker.js) and answers signals. Compiling a large schema or making
// a large record is synchronous work that cannot look at a signal; here the main thread stays free:
//
//   SIGINT/SIGTERM   the worker is asked to stop (its AbortSignal: temporary files removed, the
//                    earlier output kept, its own message); if it is still busy after STOP_GRACE_MS,
//                    it is terminated, its temporary folders are removed here and the earlier output
//                    is put back if it had been moved aside. Exit 130 (SIGINT) or 143 (SIGTERM).
//   a second one     the same at once.
//
// Start-up matters, so this file imports nothing of the engine: it is a few kB.
import * as fs from "node:fs";
import * as path from "node:path";
import { isatty } from "node:tty";
import { MessageChannel, Worker, receiveMessageOnPort } from "node:worker_threads";
import { RunState, SIGNAL_EXIT, type MainMessage, type StopSignal, type WorkerInput, type WorkerMessage } from "./threads";

/** How long a stopped run may take to end by itself (its cleanup included). */
const STOP_GRACE_MS = 300;
/** The same while the finished output is being moved into place (renames: it ends well within this). */
const COMMIT_GRACE_MS = 800;
/** How long a terminated worker may take to end; longer means it is blocked in a system call. */
const TERMINATE_WAIT_MS = 150;
/** When after the signal cleanup gives up (what is left is named so that the next run removes it). */
const CLEANUP_DEADLINE_MS = 900;

const EXIT_BUG = 1;

interface Temporary {
  folder: string;
  outDir: string;
  holds: "new" | "previous";
}

/** Synchronous, whole writes to stderr: the worker may have made the descriptor non-blocking. */
function writeStderr(text: string): void {
  const buf = Buffer.from(text);
  const until = Date.now() + 200;
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(2, buf, off, buf.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN" || Date.now() > until) return;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/** Removes `dir` entry by entry until `deadline`; false when time ran out first. */
function removeUntil(dir: string, deadline: number): boolean {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT";
  }
  for (let k = 0; k < names.length; k++) {
    if ((k & 63) === 0 && Date.now() > deadline) return false;
    try {
      fs.rmSync(path.join(dir, names[k]), { recursive: true, force: true });
    } catch {
      // Best effort, as below.
    }
  }
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty after all, or gone: the next run removes a leftover of a process that is gone.
  }
  return true;
}

/** What a terminated worker left: its temporary folders removed, an earlier output moved aside put back. */
function cleanUp(temporaries: Temporary[], deadline: number): void {
  for (const t of temporaries) {
    if (t.holds === "previous") {
      try {
        if (fs.existsSync(t.folder) && !fs.existsSync(t.outDir)) {
          fs.renameSync(t.folder, t.outDir);
          continue;
        }
      } catch {
        // Leave it where it is: the earlier output is whole there.
        continue;
      }
    }
    removeUntil(t.folder, deadline);
  }
}

function main(): void {
  const channel = new MessageChannel();
  const shared = new SharedArrayBuffer(4);
  const state = new Int32Array(shared);
  const input: WorkerInput = {
    argv: process.argv.slice(2),
    stderrIsTTY: isatty(2),
    port: channel.port2,
    state: shared,
  };
  const worker = new Worker(path.join(__dirname, "cli-worker.js"), {
    workerData: input,
    transferList: [channel.port2],
    // The command's streams are the process's descriptors, written from the worker (cli/worker.ts).
    stdout: false,
    stderr: false,
  });
  const port = channel.port1;
  const temporaries: Temporary[] = [];
  let code: number | undefined;
  const onMessage = (m: WorkerMessage) => {
    if (m.kind === "temporary") temporaries.push({ folder: m.folder, outDir: m.outDir, holds: m.holds });
    else if (m.kind === "done") {
      code = m.code;
      // Its output is out and nothing of it still runs: do not wait for the thread to wind down.
      if (m.idle && !stopped) finish(code);
    }
  };
  port.on("message", onMessage);
  /** Messages the worker posted that have not been handled yet (it may be gone). */
  const drain = () => {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) onMessage(m.message as WorkerMessage);
  };

  let stopped: { signal: StopSignal; at: number } | undefined;
  let crash: Error | undefined;
  let forcing = false;
  let graceTimer: NodeJS.Timeout | undefined;

  const finish = (exitCode: number): never => {
    port.close();
    process.exit(exitCode);
  };

  /** Ends the worker from here, cleans up after it and exits. */
  const force = (again = false) => {
    if (forcing) return;
    forcing = true;
    clearTimeout(graceTimer);
    const s = stopped!;
    const clean = () => {
      drain();
      cleanUp(temporaries, s.at + CLEANUP_DEADLINE_MS);
      const outDirs = [...new Set(temporaries.map((t) => t.outDir))];
      writeStderr(
        `${input.stderrIsTTY ? "\r\x1b[2K" : ""}specmint: interrupted (${s.signal}${again ? ", a second signal: not waiting" : ""}) while busy; the work was stopped` +
          (outDirs.length ? `, its temporary files removed and ${outDirs.join(", ")} left as it was` : "") +
          `\nsummary: interrupted, exit ${SIGNAL_EXIT[s.signal]}\n`,
      );
    };
    const blocked = setTimeout(() => {
      // Terminating waits for JavaScript to run again; a thread blocked in a system call never does,
      // and process.exit() would wait for it. End the process by the signal itself (128 + n as well).
      clean();
      port.close();
      process.removeAllListeners(s.signal);
      process.kill(process.pid, s.signal);
    }, TERMINATE_WAIT_MS);
    void worker.terminate().then(() => {
      clearTimeout(blocked);
      clean();
      finish(SIGNAL_EXIT[s.signal]);
    });
  };

  const onSignal = (signal: StopSignal) => {
    if (code !== undefined && !stopped) {
      // The command is done and its output out; only the thread's last handles are closing.
      stopped = { signal, at: Date.now() };
      forcing = true;
      void worker.terminate().then(() => finish(SIGNAL_EXIT[signal]));
      return;
    }
    if (stopped) {
      // A second signal does not wait.
      stopped = { signal, at: stopped.at };
      force(true);
      return;
    }
    stopped = { signal, at: Date.now() };
    // Nothing may replace the earlier output from now on, unless the move has already begun.
    const was = Atomics.compareExchange(state, 0, RunState.running, RunState.stopping);
    const stop: MainMessage = { kind: "stop", signal };
    port.postMessage(stop);
    graceTimer = setTimeout(() => force(), was === RunState.committing ? COMMIT_GRACE_MS : STOP_GRACE_MS);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  worker.on("error", (e) => {
    crash = e;
  });
  worker.on("exit", (exitCode) => {
    if (forcing) return;
    clearTimeout(graceTimer);
    drain();
    if (stopped) {
      // It stopped by itself within the grace: it has said so and cleaned up.
      finish(SIGNAL_EXIT[stopped.signal]);
    }
    if (code === undefined) {
      // Died without an answer: an uncaught exception, out of memory, process.exit() in the worker.
      cleanUp(temporaries, Date.now() + CLEANUP_DEADLINE_MS);
      if (crash) {
        writeStderr(
          `specmint: internal error (this is a bug in SpecMint): ${crash.message}\n${crash.stack ?? ""}\n` +
            `summary: 1 internal error, exit ${EXIT_BUG}; please report it with the command that caused it\n`,
        );
      }
      code = crash ? EXIT_BUG : exitCode || EXIT_BUG;
    }
    port.close();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.exitCode = code;
  });
}

main();
