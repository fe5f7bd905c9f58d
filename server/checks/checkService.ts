// The main thread's side of the check worker: one worker, the newest version of each document
// queued (an older queued one is dropped: only the latest version of a burst is checked), a time
// budget per check, and a long check of a version that is already stale ended rather than waited
// for. A check is synchronous inside the worker, so stopping one means ending the worker; the next
// check starts a fresh one.
import { Worker } from "node:worker_threads";
import { CHECK_WORKER_ROLE, type CheckInput, type CheckReport, type CheckRequest, type CheckResponse } from "./messages";

/** How long the checks of one version may run before the worker is ended. */
export const CHECK_BUDGET_MS = 10_000;
/** A check of a version that a newer one replaced is ended once it has run this long. */
const STALE_CHECK_GRACE_MS = 1_000;

/** The outcome of a check: its report, or the budget it ran past. undefined: a newer version replaced it. */
export type CheckOutcome = ({ kind: "checked" } & CheckReport) | { kind: "over-budget"; budgetMs: number };

interface Job {
  request: CheckRequest;
  resolve: (outcome: CheckOutcome | undefined) => void;
  reject: (e: Error) => void;
  startedAt?: number;
}

export interface CheckServiceOptions {
  workerScript: string;
  log: (message: string) => void;
  budgetMs?: number;
}

export class CheckService {
  private worker?: Worker;
  private running?: Job;
  private readonly queue: Job[] = [];
  private nextId = 1;
  private timer?: NodeJS.Timeout;
  private disposed = false;

  constructor(private readonly options: CheckServiceOptions) {}

  /** Start the worker now, so that the first document opened does not wait for it to load. */
  warmUp(): void {
    if (!this.disposed) this.ensureWorker();
  }

  check(input: CheckInput): Promise<CheckOutcome | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    for (let k = this.queue.length - 1; k >= 0; k--) {
      if (this.queue[k].request.input.uri === input.uri) this.queue.splice(k, 1)[0].resolve(undefined);
    }
    const running = this.running;
    if (running?.request.input.uri === input.uri && performance.now() - (running.startedAt ?? 0) >= STALE_CHECK_GRACE_MS) {
      this.restartWorker(undefined);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, input }, resolve, reject });
      this.pump();
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const j of this.queue.splice(0)) j.resolve(undefined);
    this.restartWorker(undefined);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerScript, { workerData: { role: CHECK_WORKER_ROLE } });
    worker.on("message", (m: CheckResponse) => this.onMessage(worker, m));
    worker.on("error", (e) => {
      this.options.log(`specmint: check worker failed: ${e.stack ?? e}`);
      this.onWorkerGone(worker, e);
    });
    worker.on("exit", (code) => this.onWorkerGone(worker, new Error(`check worker exited with code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    job.startedAt = performance.now();
    this.ensureWorker().postMessage(job.request);
    const budget = this.options.budgetMs ?? CHECK_BUDGET_MS;
    this.timer = setTimeout(() => {
      this.options.log(`specmint: checking ${job.request.input.uri} ran longer than ${budget} ms and was stopped`);
      this.running = undefined;
      this.restartWorker(undefined);
      job.resolve({ kind: "over-budget", budgetMs: budget });
    }, budget);
  }

  private onMessage(worker: Worker, m: CheckResponse): void {
    const job = this.running;
    if (worker !== this.worker || !job || m.id !== job.request.id) return;
    clearTimeout(this.timer);
    this.running = undefined;
    if (m.kind === "crash") job.reject(new Error(m.message));
    else job.resolve({ ...m, kind: "checked" });
    this.pump();
  }

  private onWorkerGone(worker: Worker, e: Error): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    const job = this.running;
    this.running = undefined;
    clearTimeout(this.timer);
    job?.reject(e);
    this.pump();
  }

  /** End the worker; the running job (if any) resolves as replaced, or fails with `error`. */
  private restartWorker(error: Error | undefined): void {
    const worker = this.worker;
    const job = this.running;
    this.worker = undefined;
    this.running = undefined;
    clearTimeout(this.timer);
    if (job) {
      if (error) job.reject(error);
      else job.resolve(undefined);
    }
    if (worker) void worker.terminate();
    this.pump();
  }
}
