// Entry of dist/cli-worker.js: the command itself, in the worker thread that cli/main.ts starts.
// Compiling a schema and generating records are synchronous and can take long; here they leave the
// main thread free to answer SIGINT and SIGTERM (and to terminate this thread when they go on).
//
// stdout and stderr are the process's own file descriptors, written from this thread: the worker's
// process.stdout would copy every chunk through the main thread. Pipes and sockets get a net.Socket
// (what process.stdout is in a main thread: back-pressure, 'drain', EPIPE as an error), terminals a
// tty.WriteStream, files and /dev/null synchronous writes.
import * as fs from "node:fs";
import * as net from "node:net";
import * as tty from "node:tty";
import { Writable } from "node:stream";
import { workerData } from "node:worker_threads";
import { setOutputGuard } from "../core/output";
import { describeFailure, exitCodeOf } from "./failure";
import { run } from "./run";
import type { CliContext } from "./context";
import { RunState, type MainMessage, type WorkerInput, type WorkerMessage } from "./threads";

const input = workerData as WorkerInput;
const port = input.port;
const state = new Int32Array(input.state);

const tell = (m: WorkerMessage) => port.postMessage(m);

/** Blocks this thread for `ms` (it is not the one that answers signals). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Synchronous writes to a file descriptor that may be non-blocking (EAGAIN: wait and retry). */
class FdWriter extends Writable {
  constructor(private readonly fd: number) {
    super({ decodeStrings: true });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    try {
      let off = 0;
      while (off < chunk.length) {
        try {
          off += fs.writeSync(this.fd, chunk, off, chunk.length - off);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
          sleepSync(1);
        }
      }
      callback();
    } catch (e) {
      callback(e as Error);
    }
  }
}

function openOutput(fd: number): NodeJS.WriteStream {
  let stream: Writable;
  let st: fs.Stats | undefined;
  try {
    st = fs.fstatSync(fd);
  } catch {
    st = undefined;
  }
  if (!st) {
    // Closed (`specmint … >&-`): like Node's own stdio, a sink.
    stream = new Writable({ write: (_c, _e, cb) => cb() });
  } else if (tty.isatty(fd)) {
    stream = new tty.WriteStream(fd);
  } else if (st.isFIFO() || st.isSocket()) {
    stream = new net.Socket({ fd, readable: false, writable: true });
  } else {
    stream = new FdWriter(fd);
  }
  return stream as NodeJS.WriteStream;
}

/** Resolves once everything written to `s` so far has been handed to the system (or `s` failed). */
function flushed(s: Writable): Promise<void> {
  if (s.destroyed || s.writableLength === 0) return Promise.resolve();
  // Write callbacks run in order: this one runs after every earlier chunk is out.
  return new Promise((resolve) => s.write("", () => resolve()));
}

/**
 * Nothing is left to run but the idle stdio handles: the main thread may exit at once instead of
 * waiting for this thread to wind down (tens of milliseconds of every run). A timer, a file
 * operation or a connection still going (a model client, a cache write) means it waits.
 */
function isIdle(): boolean {
  const active = process.getActiveResourcesInfo();
  return active.length <= 2 && active.every((r) => r === "PipeWrap" || r === "TTYWrap");
}

async function main(): Promise<void> {
  const controller = new AbortController();
  port.on("message", (m: MainMessage) => {
    if (m.kind !== "stop" || controller.signal.aborted) return;
    // An AbortError like any other (fetch and the model client see nothing new); `signal` tells
    // failure.ts's interruptedExit whether to say 130 or 143.
    controller.abort(Object.assign(new DOMException(`interrupted by ${m.signal}`, "AbortError"), { signal: m.signal }));
  });
  // The port must not keep this thread alive once the command is done.
  port.unref();
  setOutputGuard({
    temporary: (folder, outDir, holds) => tell({ kind: "temporary", folder, outDir, holds }),
    beginCommit: () => Atomics.compareExchange(state, 0, RunState.running, RunState.committing) === RunState.running,
    endCommit: () => void Atomics.compareExchange(state, 0, RunState.committing, RunState.running),
  });
  const ctx: CliContext = {
    cwd: process.cwd(),
    env: process.env,
    stdout: openOutput(1),
    stderr: openOutput(2),
    stderrIsTTY: input.stderrIsTTY,
    signal: controller.signal,
  };
  let code: number;
  try {
    code = await run(input.argv, ctx);
  } catch (e) {
    ctx.stderr.write(describeFailure(e));
    code = exitCodeOf(e);
  }
  await Promise.all([flushed(ctx.stdout), flushed(ctx.stderr)]);
  tell({ kind: "done", code, idle: isIdle() });
}

void main();
