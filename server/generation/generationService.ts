// The main thread's side of the generation worker: one long-lived worker for the probe and for
// samples, a job queue in which the newest probe of a document replaces older ones, and a worker
// of its own for each dataset written. Generation is synchronous inside the worker, so a stale
// probe is cancelled by ending its worker; the next job starts a fresh one.
import { Worker } from "node:worker_threads";
import type { GenerateResult, SamplesResult } from "../../common/protocol";
import type { GenerationFailure, GenerationInput, KindChoice, WorkerRequest, WorkerResponse } from "./messages";
import { WORKER_ROLE } from "./messages";
import { WorkerQueue, type QueuedJob } from "../workerQueue";

export class GenerationError extends Error {
  constructor(readonly failure: GenerationFailure) {
    super(failure.message);
  }
}

/** A job stopped because it ran past its time budget (its worker was ended). */
export class BudgetError extends Error {
  constructor(
    readonly job: string,
    readonly budgetMs: number,
  ) {
    super(`generation took longer than ${budgetMs / 1000} s, the editor's time budget, and was stopped`);
  }
}

/** How long a probe or a samples job may run before its worker is ended. */
export const JOB_BUDGET_MS = 10_000;

export class CancelledError extends Error {
  constructor() {
    super("cancelled");
  }
}

type JobRequest = Extract<WorkerRequest, { kind: "probe" } | { kind: "samples" }>;
type JobRequestWithoutId = JobRequest extends infer R ? (R extends JobRequest ? Omit<R, "id"> : never) : never;

interface Job extends QueuedJob<JobRequest, WorkerResponse> {
  /** The document a probe belongs to; a newer probe of it replaces this one. */
  owner?: string;
  /** Already stopped once for samples; stopped again, it is dropped. */
  requeued?: boolean;
}

export interface GenerationServiceOptions {
  workerScript: string;
  log: (message: string) => void;
  /** A job running longer than this is stopped (its worker ended) and fails. */
  jobTimeoutMs?: number;
  /** A superseded probe that has run this long is stopped rather than waited for. */
  staleProbeGraceMs?: number;
  /**
   * Samples wait at most this long behind a probe of another document (or a probe that has run
   * past slowProbeMs); then the probe is stopped and tried again after them.
   */
  samplesPatienceMs?: number;
  slowProbeMs?: number;
}

export interface SamplesJobOptions {
  records?: KindChoice;
  ownConstraints?: boolean;
}

export interface ProgressSink {
  (done: number, total: number): void;
}

export class GenerationService extends WorkerQueue<JobRequest, WorkerResponse, WorkerResponse, Job> {
  constructor(private readonly options: GenerationServiceOptions) {
    super({ script: options.workerScript, role: WORKER_ROLE, name: "generation" }, options.log);
  }

  /** Nothing running and nothing queued: work started now waits for nobody and holds up nobody yet. */
  get idle(): boolean {
    return this.running === undefined && this.queue.length === 0;
  }

  protected outcomeOf(m: WorkerResponse): WorkerResponse {
    return m;
  }

  protected budgetOf(): number {
    return this.options.jobTimeoutMs ?? JOB_BUDGET_MS;
  }

  protected overBudget(job: Job, budgetMs: number): Error {
    return new BudgetError(job.request.kind, budgetMs);
  }

  /**
   * Build the generator for `input` and make records 1…records; resolves with the failure (if
   * any) and the findings only generation can make, or undefined when a newer probe of the same
   * document replaced this one.
   */
  probe(
    owner: string,
    input: GenerationInput,
    records: number,
  ): Promise<Omit<Extract<WorkerResponse, { kind: "probe" }>, "id" | "kind"> | undefined> {
    for (let k = this.queue.length - 1; k >= 0; k--) {
      const j = this.queue[k];
      if (j.owner === owner && j.request.kind === "probe") {
        this.queue.splice(k, 1);
        j.resolve(undefined);
      }
    }
    const running = this.runningFor();
    if (running?.job.owner === owner && running.job.request.kind === "probe" && running.ms >= (this.options.staleProbeGraceMs ?? 400)) {
      this.restartWorker(undefined);
    }
    return this.enqueue({ kind: "probe", input, records }, owner).then((r) => {
      if (r === undefined) return undefined;
      const probe = r as Extract<WorkerResponse, { kind: "probe" }>;
      return { failure: probe.failure, findings: probe.findings ?? [] };
    });
  }

  /**
   * Samples of the node at `pointer` of document `owner` (see core/kinds/samples.ts); rejects with
   * GenerationError. `records`: their kind (default valid); `ownConstraints`: see KindSamplesOptions.
   */
  async samples(
    owner: string,
    input: GenerationInput,
    pointer: string,
    count: number,
    { records = { kind: "valid" }, ownConstraints = false }: SamplesJobOptions = {},
  ): Promise<SamplesResult> {
    // Samples of an older text of the same document are not worth compiling it for any more.
    for (let k = this.queue.length - 1; k >= 0; k--) {
      const j = this.queue[k];
      if (j.owner === owner && j.request.kind === "samples" && j.request.input.text !== input.text) {
        this.queue.splice(k, 1);
        j.resolve(undefined);
      }
    }
    const pending = this.enqueue({ kind: "samples", input, pointer, count, records, ownConstraints }, owner, true);
    this.preemptFor(owner);
    const r = (await pending) as Extract<WorkerResponse, { kind: "samples" }> | undefined;
    if (!r) throw new CancelledError();
    if (r.failure) throw new GenerationError(r.failure);
    const result: SamplesResult = { samples: r.samples ?? [] };
    if (r.violations) result.violations = r.violations;
    if (r.omitted) result.omitted = r.omitted;
    return result;
  }

  /** Write a dataset in a worker of its own; `signal` cancels it, leaving the output folder as it was. */
  generate(
    request: Omit<Extract<WorkerRequest, { kind: "generate" }>, "id" | "kind">,
    onProgress: ProgressSink,
    signal: AbortSignal,
  ): Promise<GenerateResult> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(this.options.workerScript, { workerData: { role: WORKER_ROLE } });
      const id = this.newId();
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", onAbort);
        void worker.terminate();
        fn();
      };
      const onAbort = () => worker.postMessage({ id, kind: "cancel" } satisfies WorkerRequest);
      signal.addEventListener("abort", onAbort);
      worker.on("message", (m: WorkerResponse) => {
        if (m.kind === "progress") onProgress(m.done, m.total);
        else if (m.kind === "log") this.options.log(m.message);
        else if (m.kind === "generate") {
          if (m.cancelled) finish(() => reject(new CancelledError()));
          else if (m.failure) finish(() => reject(new GenerationError(m.failure!)));
          else finish(() => resolve(m.result!));
        } else if (m.kind === "crash") finish(() => reject(new Error(m.message)));
      });
      worker.on("error", (e) => finish(() => reject(e)));
      worker.on("exit", (code) => finish(() => reject(new Error(`generation worker exited with code ${code}`))));
      worker.postMessage({ id, kind: "generate", ...request } satisfies WorkerRequest);
      if (signal.aborted) onAbort();
    });
  }

  /**
   * A person waiting for samples should not wait behind slow work for another document (a
   * pathological pattern can keep the worker busy for a minute): after a moment, stop that job and
   * queue it again behind the samples. A probe of the same document is waited for a while longer:
   * it builds the very generator the samples need.
   */
  private preemptFor(owner: string): void {
    const patience = this.options.samplesPatienceMs ?? 1500;
    const slow = this.options.slowProbeMs ?? 5000;
    const check = () => {
      const current = this.runningFor();
      if (!current || !this.queue.some((j) => j.request.kind === "samples" && j.owner === owner)) return;
      const { job: running, ms: ranFor } = current;
      if (running.owner === owner) {
        if (running.request.kind === "samples") return; // the same person's earlier hover
        if (ranFor < slow) {
          setTimeout(check, slow - ranFor).unref();
          return;
        }
      }
      const { resolve, reject, request, owner: jobOwner, requeued } = running;
      // Detach the job from the worker that is about to end, then queue it again (once).
      running.resolve = () => {};
      running.reject = () => {};
      this.restartWorker(undefined);
      if (!requeued) this.queue.push({ request, owner: jobOwner, resolve, reject, requeued: true });
      else if (request.kind === "samples") reject(new Error("generation was stopped: it took too long"));
      else resolve(undefined);
      this.pump();
    };
    setTimeout(check, patience).unref();
  }

  private enqueue(request: JobRequestWithoutId, owner: string | undefined, urgent = false): Promise<WorkerResponse | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const job: Job = { request: { ...request, id: this.newId() }, owner, resolve, reject };
      // A person waiting for a hover goes before background probes.
      if (urgent) {
        const firstProbe = this.queue.findIndex((j) => j.request.kind === "probe");
        this.queue.splice(firstProbe < 0 ? this.queue.length : firstProbe, 0, job);
      } else this.queue.push(job);
      this.pump();
    });
  }
}
