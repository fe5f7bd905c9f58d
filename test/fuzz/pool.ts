// Worker threads that run in-process fuzz cases (test/fuzz/cases.ts) with a time budget: a case
// that hangs in synchronous code cannot be interrupted by a timer in its own thread, so it runs in a
// worker that is terminated (and replaced) when the budget is over. A worker that runs out of
// memory dies alone; the test says which case did it.
import { Worker } from "node:worker_threads";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Failure } from "./config";

export type CaseKind = "engine" | "rules" | "dataset" | "server";

export interface CaseResult {
  failure?: Failure;
  ms: number;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  ready: Promise<void>;
  /** The worker's temporary folder (removed when the worker is replaced or the pool closed). */
  root?: string;
}

const ENTRY = path.join(__dirname, "cases.ts");

function spawnWorker(): Slot {
  const tsx = require.resolve("tsx/cjs");
  const worker = new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(ENTRY)}).serveCases();`, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: 768 },
    stdout: true,
    stderr: true,
  });
  // Whatever a case prints (ajv's warnings, …) is not the test's output.
  worker.stdout.resume();
  worker.stderr.resume();
  const slot: Slot = { worker, busy: false, ready: Promise.resolve() };
  slot.ready = new Promise<void>((resolve, reject) => {
    worker.once("message", (m: { ready?: boolean; root?: string }) => {
      slot.root = m.root;
      if (m.ready) resolve();
      else reject(new Error("worker did not start"));
    });
    worker.once("error", reject);
  });
  return slot;
}

async function stop(slot: Slot): Promise<void> {
  await slot.worker.terminate();
  if (slot.root) fs.rmSync(slot.root, { recursive: true, force: true });
}

export class CasePool {
  private slots: Slot[];
  private waiting: ((s: Slot) => void)[] = [];
  private next = 0;

  constructor(size: number) {
    this.slots = Array.from({ length: size }, spawnWorker);
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot, replace: boolean): void {
    let s = slot;
    if (replace) {
      void stop(slot);
      s = spawnWorker();
      this.slots[this.slots.indexOf(slot)] = s;
    }
    const w = this.waiting.shift();
    if (w) {
      s.busy = true;
      w(s);
    } else s.busy = false;
  }

  /** Run one case within `budgetMs`; a timeout or a dead worker is a failure of the case. */
  async run(kind: CaseKind, input: unknown, budgetMs: number): Promise<CaseResult> {
    const slot = await this.acquire();
    await slot.ready;
    const id = this.next++;
    const started = Date.now();
    return new Promise<CaseResult>((resolve) => {
      let done = false;
      const finish = (r: CaseResult, replace: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        slot.worker.off("message", onMessage);
        slot.worker.off("error", onError);
        slot.worker.off("exit", onExit);
        this.release(slot, replace);
        resolve(r);
      };
      const onMessage = (m: { id: number; failure?: Failure; ms: number }) => {
        if (m.id === id) finish({ failure: m.failure, ms: m.ms }, false);
      };
      const onError = (e: Error) =>
        finish(
          {
            failure: { klass: `worker died: ${(e as NodeJS.ErrnoException).code ?? e.name}`, detail: e.stack ?? String(e) },
            ms: Date.now() - started,
          },
          true,
        );
      const onExit = (code: number) =>
        finish({ failure: { klass: "worker exited", detail: `exit code ${code}` }, ms: Date.now() - started }, true);
      const timer = setTimeout(
        () =>
          finish(
            {
              failure: { klass: `over the time budget (${budgetMs} ms)`, detail: `${kind} case still running after ${budgetMs} ms` },
              ms: budgetMs,
            },
            true,
          ),
        budgetMs,
      );
      slot.worker.on("message", onMessage);
      slot.worker.on("error", onError);
      slot.worker.on("exit", onExit);
      slot.worker.postMessage({ id, kind, input });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map(stop));
  }
}
