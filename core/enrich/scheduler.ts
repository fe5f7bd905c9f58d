// How calls reach the model: at most `workers` in flight, at most `maxRps` started per second (a
// token bucket of one token, so the rate holds over any window), retries with jittered exponential
// backoff for failures a retry can fix, and a circuit breaker that stops calling a host that keeps
// failing. Randomness here only decides when a call starts, never what a record contains.
import { LlmCallError } from "./client";
import { Rng, recordKey } from "../base/rng";

export interface SchedulerOptions {
  workers: number;
  maxRps: number;
  /** Retries after the first attempt. */
  retries: number;
  backoffMinMs: number;
  backoffMaxMs: number;
  /** Consecutive failed attempts that open the breaker, and how long it then stays open. */
  breakerThreshold: number;
  breakerCooldownMs: number;
  random?: () => number;
  now?: () => number;
}

export const SCHEDULER_DEFAULTS = {
  retries: 3,
  backoffMinMs: 200,
  backoffMaxMs: 2_000,
  breakerThreshold: 5,
  breakerCooldownMs: 30_000,
} as const;

export interface SchedulerStats {
  /** Attempts started (each one is a request to the model). */
  calls: number;
  /** Attempts after a failed one. */
  retries: number;
  /** Times the breaker opened. */
  breakerOpened: number;
}

export class BreakerOpenError extends Error {
  constructor(readonly until: number) {
    super("the model failed too often in a row; not calling it until the cool-down ends");
    this.name = "BreakerOpenError";
  }
}

/** Sleeps, or rejects as soon as the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new LlmCallError("aborted", "cancelled"));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LlmCallError("aborted", "cancelled"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export class CallScheduler {
  readonly stats: SchedulerStats = { calls: 0, retries: 0, breakerOpened: 0 };
  private readonly opts: Required<SchedulerOptions>;
  private active = 0;
  private readonly waiting: { resolve: () => void; reject: (e: unknown) => void; signal?: AbortSignal; onAbort: () => void }[] = [];
  /** Earliest time the next attempt may start (the token bucket, kept as a time). */
  private nextStart = -Infinity;
  private failures = 0;
  private openUntil = -Infinity;

  constructor(options: SchedulerOptions) {
    // Backoff jitter spreads retries in time only; a fixed stream keeps even that repeatable.
    const jitter = new Rng(recordKey(0x717e, 1));
    this.opts = { random: () => jitter.float(), now: () => performance.now(), ...options };
    if (!(this.opts.workers >= 1)) throw new RangeError("workers must be at least 1");
    if (!(this.opts.maxRps > 0)) throw new RangeError("maxRps must be above 0");
  }

  get breakerOpen(): boolean {
    return this.opts.now() < this.openUntil;
  }

  /**
   * Runs `attempt` until it succeeds, fails in a way a retry cannot fix, runs out of retries, or the
   * breaker opens. Rejects with the last LlmCallError, a BreakerOpenError, or an "aborted" error.
   */
  async run<T>(attempt: (signal?: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let n = 0; ; n++) {
      this.checkBreaker();
      await this.acquire(signal);
      let result: T;
      try {
        this.checkBreaker();
        await this.startToken(signal);
        this.checkBreaker();
        this.stats.calls++;
        if (n > 0) this.stats.retries++;
        result = await attempt(signal);
      } catch (e) {
        this.release();
        const err =
          e instanceof LlmCallError || e instanceof BreakerOpenError ? e : new LlmCallError("server", String((e as Error)?.message ?? e));
        if (err instanceof LlmCallError && err.kind === "aborted") throw err;
        if (err instanceof BreakerOpenError) throw err;
        this.failed();
        if (!err.retryable || n >= this.opts.retries) throw err;
        await sleep(this.backoff(n), signal);
        continue;
      }
      this.release();
      this.failures = 0;
      return result;
    }
  }

  /** 200, 400, 800, 1600 ms… capped at the maximum, each within ±20% and never outside the bounds. */
  backoff(n: number): number {
    const base = Math.min(this.opts.backoffMaxMs, this.opts.backoffMinMs * 2 ** n);
    const jittered = base * (0.8 + 0.4 * this.opts.random());
    return Math.round(Math.min(this.opts.backoffMaxMs, Math.max(this.opts.backoffMinMs, jittered)));
  }

  private checkBreaker(): void {
    if (this.breakerOpen) throw new BreakerOpenError(this.openUntil);
  }

  private failed(): void {
    this.failures++;
    if (this.failures >= this.opts.breakerThreshold && !this.breakerOpen) {
      this.openUntil = this.opts.now() + this.opts.breakerCooldownMs;
      this.stats.breakerOpened++;
      // After the cool-down one more failure opens it again at once (half-open).
      this.failures = this.opts.breakerThreshold - 1;
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new LlmCallError("aborted", "cancelled"));
    if (this.active < this.opts.workers) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const k = this.waiting.indexOf(entry);
          if (k >= 0) this.waiting.splice(k, 1);
          reject(new LlmCallError("aborted", "cancelled"));
        },
      };
      signal?.addEventListener("abort", entry.onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      next.signal?.removeEventListener("abort", next.onAbort);
      next.resolve(); // the slot passes on: `active` stays the same
    } else {
      this.active--;
    }
  }

  private async startToken(signal?: AbortSignal): Promise<void> {
    const interval = 1000 / this.opts.maxRps;
    const now = this.opts.now();
    const at = Math.max(now, this.nextStart);
    this.nextStart = at + interval;
    // Timers have millisecond resolution: a sub-millisecond wait (rates above 1,000/s) would cost a
    // whole millisecond per start, so it is not waited for; the schedule itself stays exact.
    if (at - now >= 1) await sleep(at - now, signal);
  }
}
