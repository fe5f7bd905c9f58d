// Step 6 of the data flow: one chat request per record, answered from the cache when it can be,
// checked before use, and never costing a record. What the CLI, the language server and the bench
// call.
import { setMaxListeners } from "node:events";
import { AbortedError } from "../output/writer";
import type { RuleChecker } from "../validate/score";
import type { LoadedSchema } from "../schema/load";
import { SchemaValidator } from "../validate/ajv";
import { applyAnswer } from "./answer";
import { AnswerCache, cacheKey } from "./cache";
import { LlmCallError, OllamaClient, type ChatCall } from "./client";
import { requestFormat } from "./format";
import { buildMessages } from "./prompt";
import { BreakerOpenError, CallScheduler, SCHEDULER_DEFAULTS, type SchedulerOptions } from "./scheduler";
import { llmSeed } from "./seed";
import { findLlmTargets, ruleTexts, slotsOf, type LlmTarget } from "./targets";

export interface EnrichSettings {
  mode: "fields" | "record";
  host: string;
  model: string;
  /** The model's digest as the host reports it (/api/tags): part of the cache key. */
  digest?: string;
  temperature: number;
  /** The run's seed; each record's request seed derives from it (docs/determinism.md). */
  seed: number;
  workers: number;
  maxRps: number;
  timeoutMs: number;
  /** Text of the --context file, quoted to the model after the schema's x-llm-context. */
  contextText?: string;
  /** Answer cache folder; undefined for no cache. */
  cacheDir?: string;
  /** Cross-field rules to keep holding (core/rules), when they are enforced. */
  rules?: RuleChecker;
  /** Retry, backoff and breaker settings (defaults: docs/llm.md). */
  scheduler?: Partial<Omit<SchedulerOptions, "workers" | "maxRps">>;
  onWarning?: (message: string) => void;
}

export interface EnrichStats {
  /** Requests sent to the model, retries included. */
  llm_calls: number;
  /** Records answered from the cache. */
  cache_hits: number;
  /** Requests repeated after a timeout, 5xx or dropped connection. */
  retries: number;
  /** Values that kept their generated value. */
  fallbacks: number;
  /** Values taken after a small repair. */
  repairs: number;
  /** Records that had values for the model. */
  records: number;
  breaker_opened: number;
}

export interface FallbackExample {
  record: number;
  reason: string;
}

const MAX_EXAMPLES = 5;

/** Output tokens a request may use: enough for its keys, bounded so a runaway answer ends. */
function predictBudget(keys: number): number {
  return Math.min(4096, 256 + 128 * keys);
}

export class Enricher {
  readonly targets: LlmTarget[];
  readonly examples: FallbackExample[] = [];
  private readonly counts = { cache_hits: 0, fallbacks: 0, repairs: 0, records: 0 };
  private readonly scheduler: CallScheduler;
  private readonly cache: AnswerCache;
  private readonly client: OllamaClient;
  private readonly rules: string[];
  private readonly context: string[];

  constructor(
    readonly loaded: LoadedSchema,
    readonly validator: SchemaValidator,
    readonly settings: EnrichSettings,
  ) {
    this.targets = findLlmTargets(loaded);
    this.rules = ruleTexts(loaded);
    const root = loaded.main.root;
    const schemaContext = typeof root === "object" && typeof root["x-llm-context"] === "string" ? root["x-llm-context"] : undefined;
    this.context = [schemaContext, settings.contextText].filter((c): c is string => typeof c === "string" && c.trim() !== "");
    this.scheduler = new CallScheduler({
      ...SCHEDULER_DEFAULTS,
      ...settings.scheduler,
      workers: settings.workers,
      maxRps: settings.maxRps,
    });
    this.cache = new AnswerCache(settings.cacheDir, settings.onWarning);
    this.client = new OllamaClient(settings.host);
  }

  /** Whether any value of any record could go to the model in this mode. */
  get active(): boolean {
    return this.targets.some((t) => this.settings.mode === "record" || t.marked);
  }

  get stats(): EnrichStats {
    return {
      llm_calls: this.scheduler.stats.calls,
      cache_hits: this.counts.cache_hits,
      retries: this.scheduler.stats.retries,
      fallbacks: this.counts.fallbacks,
      repairs: this.counts.repairs,
      records: this.counts.records,
      breaker_opened: this.scheduler.stats.breakerOpened,
    };
  }

  get degraded(): boolean {
    return this.counts.fallbacks > 0;
  }

  /**
   * Record `index` (1-based) with the model's values where they pass every check. Resolves with the
   * draft itself when nothing can change; rejects only with AbortedError.
   */
  async enrich(index: number, draft: unknown, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) throw new AbortedError();
    const slots = slotsOf(draft, this.targets, this.settings.mode, this.validator);
    if (slots.length === 0) return draft;
    this.counts.records++;
    const { format, keys, hints } = requestFormat(this.loaded, slots, draft);
    const s = this.settings;
    const call: ChatCall = {
      model: s.model,
      messages: buildMessages({ mode: s.mode, record: draft, keys, format, hints, rules: this.rules, context: this.context }),
      format,
      options: { seed: llmSeed(s.seed, index), temperature: s.temperature, num_predict: predictBudget(keys.length) },
    };
    const key = cacheKey({
      model: s.model,
      digest: s.digest,
      mode: s.mode,
      temperature: s.temperature,
      messages: call.messages,
      format,
      seed: call.options.seed,
      options: { num_predict: call.options.num_predict },
    });

    let content = await this.cache.get(key);
    if (content !== undefined) this.counts.cache_hits++;
    else {
      try {
        content = (await this.scheduler.run((sig) => this.client.chat(call, { signal: sig, timeoutMs: s.timeoutMs }), signal)).content;
      } catch (e) {
        if ((e instanceof LlmCallError && e.kind === "aborted") || signal?.aborted) throw new AbortedError();
        const why =
          e instanceof BreakerOpenError ? "not asked: the model failed too often in a row (circuit breaker open)" : (e as Error).message;
        this.fellBack(index, slots.length, [why]);
        return draft;
      }
      await this.cache.put(key, s.model, content);
    }
    if (signal?.aborted) throw new AbortedError();
    const outcome = applyAnswer({ loaded: this.loaded, validator: this.validator, rules: s.rules }, draft, slots, keys, content, index);
    this.counts.repairs += outcome.repairs;
    if (outcome.fallbacks > 0) this.fellBack(index, outcome.fallbacks, outcome.reasons);
    return outcome.record;
  }

  private fellBack(index: number, values: number, reasons: string[]): void {
    this.counts.fallbacks += values;
    for (const reason of reasons) {
      if (this.examples.length >= MAX_EXAMPLES) break;
      this.examples.push({ record: index, reason });
    }
  }
}

export interface EnrichRecordsResult {
  records: unknown[];
  stats: EnrichStats;
  degraded: boolean;
  examples: FallbackExample[];
}

/**
 * Enriches records already generated (the language server's entry): record k of `records` is record
 * `firstIndex + k` of the run. The scheduler bounds what is in flight.
 */
export async function enrichRecords(
  loaded: LoadedSchema,
  records: readonly unknown[],
  settings: EnrichSettings & { validator?: SchemaValidator; firstIndex?: number },
  signal?: AbortSignal,
): Promise<EnrichRecordsResult> {
  const enricher = new Enricher(loaded, settings.validator ?? new SchemaValidator(loaded), settings);
  // One internal signal that every waiting request listens to (more than the default 10 listeners),
  // following the caller's.
  const inner = new AbortController();
  setMaxListeners(0, inner.signal);
  const onAbort = () => inner.abort();
  if (signal?.aborted) inner.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  const first = settings.firstIndex ?? 1;
  const out: unknown[] = new Array(records.length);
  let next = 0;
  // Records are prepared a few per worker ahead of the calls, not all up front: preparing a
  // thousand prompts before the first request would leave the model idle meanwhile.
  const lane = async () => {
    while (next < records.length) {
      const k = next++;
      out[k] = await enricher.enrich(first + k, records[k], inner.signal);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(records.length, Math.max(4, settings.workers * 4)) }, lane));
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // A lane that failed leaves the others' requests without a reader: end them.
    inner.abort();
  }
  return { records: out, stats: enricher.stats, degraded: enricher.degraded, examples: enricher.examples };
}
