// One long-lived worker thread and a queue of jobs for it, one running at a time: the part the
// generation service and the check service share. Work inside the worker is synchronous, so a job
// is stopped by ending the worker (restartWorker); the next job starts a fresh one. A job that runs
// past its budget is stopped the same way and settled as the subclass says.
import { Worker } from "node:worker_threads";

export interface QueuedJob<Request extends { id: number }, Outcome> {
  request: Request;
  /** undefined: replaced or stopped, not failed. */
  resolve: (outcome: Outcome | undefined) => void;
  reject: (e: Error) => void;
  /** performance.now() when it was handed to the worker. */
  startedAt?: number;
}

export abstract class WorkerQueue<
  Request extends { id: number },
  Response extends { id: number; kind: string },
  Outcome,
  Job extends QueuedJob<Request, Outcome> = QueuedJob<Request, Outcome>,
> {
  protected running?: Job;
  protected readonly queue: Job[] = [];
  protected disposed = false;
  private worker?: Worker;
  private timer?: NodeJS.Timeout;
  private nextId = 1;

  constructor(
    private readonly spec: { script: string; role: string; name: string },
    protected readonly log: (message: string) => void,
  ) {}

  /** What a response of the worker settles its job with; a `crash` response rejects it instead. */
  protected abstract outcomeOf(response: Response): Outcome;
  /** How long the job may run. */
  protected abstract budgetOf(job: Job): number;
  /** How a job past its budget is settled: an error rejects it, anything else resolves it. */
  protected abstract overBudget(job: Job, budgetMs: number): Error | Outcome;

  protected newId(): number {
    return this.nextId++;
  }

  /** How long the running job has run (ms), with the job. */
  protected runningFor(): { job: Job; ms: number } | undefined {
    const job = this.running;
    return job?.startedAt === undefined ? undefined : { job, ms: performance.now() - job.startedAt };
  }

  /** Start the worker now, so that the first job does not wait for it to load. */
  warmUp(): void {
    if (!this.disposed) this.ensureWorker();
  }

  dispose(): void {
    this.disposed = true;
    for (const j of this.queue.splice(0)) j.resolve(undefined);
    this.restartWorker(undefined);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const { script, role, name } = this.spec;
    const worker = new Worker(script, { workerData: { role } });
    worker.on("message", (m: Response) => this.onMessage(worker, m));
    worker.on("error", (e) => {
      this.log(`specmint: ${name} worker failed: ${e.stack ?? e}`);
      this.onWorkerGone(worker, e);
    });
    worker.on("exit", (code) => this.onWorkerGone(worker, new Error(`${name} worker exited with code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  protected pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    job.startedAt = performance.now();
    this.ensureWorker().postMessage(job.request);
    const budget = this.budgetOf(job);
    this.timer = setTimeout(() => {
      this.log(`specmint: a ${this.spec.name} job ran longer than ${budget} ms and was stopped`);
      this.running = undefined;
      this.restartWorker(undefined);
      const settled = this.overBudget(job, budget);
      if (settled instanceof Error) job.reject(settled);
      else job.resolve(settled);
    }, budget);
  }

  private onMessage(worker: Worker, m: Response): void {
    const job = this.running;
    if (worker !== this.worker || !job || m.id !== job.request.id) return;
    clearTimeout(this.timer);
    this.running = undefined;
    if (m.kind === "crash") job.reject(new Error((m as { message?: string }).message ?? "the worker crashed"));
    else job.resolve(this.outcomeOf(m));
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

  /** End the worker; the running job (if any) resolves as stopped, or fails with `error`. */
  protected restartWorker(error: Error | undefined): void {
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
