// The main thread's side of the check worker: the newest version of each document queued (an
// older queued one is dropped: only the latest version of a burst is checked), a time budget per
// check, and a long check of a version that is already stale ended rather than waited for.
import { WorkerQueue } from "../workerQueue";
import { CHECK_WORKER_ROLE, type CheckInput, type CheckReport, type CheckRequest, type CheckResponse } from "./messages";

/** How long the checks of one version may run before the worker is ended. */
export const CHECK_BUDGET_MS = 10_000;
/** A check of a version that a newer one replaced is ended once it has run this long. */
const STALE_CHECK_GRACE_MS = 1_000;

/** The outcome of a check: its report, or the budget it ran past. undefined: a newer version replaced it. */
export type CheckOutcome = ({ kind: "checked" } & CheckReport) | { kind: "over-budget"; budgetMs: number };

export interface CheckServiceOptions {
  workerScript: string;
  log: (message: string) => void;
  budgetMs?: number;
}

export class CheckService extends WorkerQueue<CheckRequest, CheckResponse, CheckOutcome> {
  constructor(private readonly options: CheckServiceOptions) {
    super({ script: options.workerScript, role: CHECK_WORKER_ROLE, name: "check" }, options.log);
  }

  check(input: CheckInput): Promise<CheckOutcome | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    for (let k = this.queue.length - 1; k >= 0; k--) {
      if (this.queue[k].request.input.uri === input.uri) this.queue.splice(k, 1)[0].resolve(undefined);
    }
    const running = this.runningFor();
    if (running?.job.request.input.uri === input.uri && running.ms >= STALE_CHECK_GRACE_MS) this.restartWorker(undefined);
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.newId(), input }, resolve, reject });
      this.pump();
    });
  }

  protected outcomeOf(m: CheckResponse): CheckOutcome {
    return { ...(m as Extract<CheckResponse, { kind: "checked" }>), kind: "checked" };
  }

  protected budgetOf(): number {
    return this.options.budgetMs ?? CHECK_BUDGET_MS;
  }

  protected overBudget(_job: unknown, budgetMs: number): CheckOutcome {
    return { kind: "over-budget", budgetMs };
  }
}
