// What the CLI's two threads say to each other (cli/main.ts runs the signals, cli/worker.ts the
// command). Kept free of imports but types: the main thread's bundle must stay small, it is part of start-up.
import type { MessagePort } from "node:worker_threads";

/** Exit code of a run ended by a signal: 128 + its number, as a shell reports it. */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

export type StopSignal = keyof typeof SIGNAL_EXIT;

/** workerData of the worker thread. */
export interface WorkerInput {
  argv: string[];
  stderrIsTTY: boolean;
  /** The worker's end of the channel: WorkerMessage out, MainMessage in. */
  port: MessagePort;
  /** One Int32 (RunState), so that either side can read and change it while the other is busy. */
  state: SharedArrayBuffer;
}

/** The run's state in WorkerInput.state. */
export const RunState = {
  /** Working; a signal may still stop it before anything is replaced. */
  running: 0,
  /** A signal came: the output must not replace anything any more. */
  stopping: 1,
  /** The finished output is being moved into place; it finishes even when a signal comes. */
  committing: 2,
} as const;

export type MainMessage = { kind: "stop"; signal: StopSignal };

export type WorkerMessage =
  /** Sent before the folder is created: the main thread removes it (or, "previous", puts it back) if it has to end the worker. */
  | { kind: "temporary"; folder: string; outDir: string; holds: "new" | "previous" }
  /** The command's exit code, once its output has been handed to the system; idle: nothing of it still runs. */
  | { kind: "done"; code: number; idle: boolean };
