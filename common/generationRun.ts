// One generation run as `specmint generate` and the language server's generation worker both make
// it: the records (with the model working ahead of the writer in an LLM mode) and the manifest the
// dataset gets, so that the same inputs give the same files and the same manifest from either front;
// and what a validation reads back from that manifest.
import { setMaxListeners } from "node:events";
import * as fs from "node:fs";
import * as path from "node:path";
import { SpecMintError } from "../core/base";
import type { Generator } from "../core/engine";
import type { LoadedSchema } from "../core/schema";
import { Enricher, EnrichedRecords, checkProvider, providerProblem } from "../core/enrich";
import { AbortedError, type Manifest, type ManifestInput } from "../core/output";
import { boundaryRecordsOf, type CoverageCounter } from "../core/boundary";
import type { RecordsOfKind } from "../core/kinds";
import type { Violation } from "../core/invalid";
import { DEFAULT_SETTINGS, type LlmMode, type LlmSettings, type OllamaSettings } from "./settings";

/** Records generated ahead of the one being written, per worker (and at least this many in all). */
const LOOKAHEAD_PER_WORKER = 8;
const MIN_LOOKAHEAD = 32;
/** The provider check before anything is written waits at most this long (or the call timeout, when shorter). */
const CHECK_TIMEOUT_MS = 10_000;

/** How the model is called in an LLM mode. */
export interface LlmRun extends Omit<LlmSettings, "mode">, OllamaSettings {
  mode: Exclude<LlmMode, "off">;
  /** Plain-text domain context for the model (the CLI's --context file). */
  contextText?: string;
  /** Answer cache folder; undefined for no cache. */
  cacheDir?: string;
}

export interface Enrichment {
  llm: LlmRun;
  enricher: Enricher;
  /** Records in index order, enriched; ask for 1, 2, 3, … */
  records: EnrichedRecords;
  /** Aborts requests still in flight (the run ended early, a write failed). */
  stop(): void;
}

/**
 * The model's side of a run: the provider check first (a missing host or model is a SpecMintError
 * "llm" with the fix, before anything is written; AbortedError when `signal` aborts it), then the
 * enricher and its window of records.
 */
export async function startEnrichment(
  llm: LlmRun,
  run: { loaded: LoadedSchema; generator: Generator; seed: number; count: number },
  signal: AbortSignal,
  warn: (message: string) => void,
): Promise<Enrichment> {
  let status;
  try {
    status = await checkProvider(llm.host, llm.model, { signal, timeoutMs: Math.min(llm.timeoutMs, CHECK_TIMEOUT_MS) });
  } catch (e) {
    if (signal.aborted) throw new AbortedError();
    throw e;
  }
  const problem = providerProblem(status);
  if (problem) throw new SpecMintError("llm", problem);

  const { loaded, generator } = run;
  const enricher = new Enricher(loaded, generator.validator, {
    mode: llm.mode,
    host: llm.host,
    model: llm.model,
    digest: status.found?.digest || undefined,
    temperature: llm.temperature,
    seed: run.seed,
    workers: llm.workers,
    maxRps: llm.maxRps,
    timeoutMs: llm.timeoutMs,
    contextText: llm.contextText,
    cacheDir: llm.cacheDir,
    // Model values must keep every enforced cross-field rule holding, as generated values do.
    rules: generator.rules && generator.rules.size > 0 ? generator.rules : undefined,
    onWarning: warn,
  });
  if (!enricher.active) {
    warn(
      llm.mode === "fields"
        ? "no field is marked for the model (x-llm: true, or a description starting with 'llm:'); records keep their generated values"
        : "the schema has no values the model could write; records keep their generated values",
    );
  }
  const lookahead = Math.max(MIN_LOOKAHEAD, llm.workers * LOOKAHEAD_PER_WORKER);
  // Its own controller: the run may end before the window is drained (`--stdout | head`, a failed
  // write), and requests that nobody will read must not keep the process alive.
  const controller = new AbortController();
  // Every record in the window waits on this signal: more than the default 10 listeners is expected.
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  const records = new EnrichedRecords((i) => generator.record(i), enricher, run.count, lookahead, controller.signal);
  return {
    llm,
    enricher,
    records,
    stop() {
      signal.removeEventListener("abort", onAbort);
      controller.abort();
    },
  };
}

/** Record i of the run: the enriched one in an LLM mode, else the generator's. */
export function recordSource(generator: Generator, enrichment: Enrichment | undefined): (i: number) => unknown {
  return enrichment ? (i) => enrichment.records.get(i) : (i) => generator.record(i);
}

/** Invalid records and their labels: record(i) makes both, violation(i) hands out the label of the last one made. */
export interface LabelledRecords {
  record(i: number): unknown;
  violation(i: number): Violation;
}

/** The records of kind invalid as writeDataset (record, then violation, for each i) and stdout read them. */
export function labelledRecords(invalid: RecordsOfKind): LabelledRecords {
  let last: Violation | undefined;
  return {
    record(i) {
      const made = invalid.record(i);
      last = made.violation;
      return made.record;
    },
    violation(i) {
      if (last?.index !== i) throw new Error(`the label of invalid record ${i} was asked before the record`);
      return last;
    },
  };
}

/**
 * The manifest of a run (writeDataset's input). Its stats are read when the dataset is complete:
 * one `retries` (records made again on a derived stream, plus model requests sent again after a
 * timeout, 5xx or dropped connection) and one `repairs` (rule repairs of generated records, plus
 * model values repaired to fit), whatever the mode.
 */
export function runManifest(run: {
  createdAt: string;
  schemaPath: string;
  loaded: LoadedSchema;
  generator: Generator;
  seed: number;
  referenceDate: string;
  enrichment?: Enrichment;
  /** The kind of records (default "valid") and the keywords an invalid run was limited to. */
  kind?: string;
  violate?: string[];
}): ManifestInput {
  const { generator, enrichment } = run;
  const llm = enrichment?.llm;
  const kind = run.kind ?? "valid";
  // Made on the first record: a run whose writing fails before any record pays nothing for it. A
  // schema whose items cannot be packed (a valid record past the count cannot be made) is written
  // without coverage rather than not at all.
  let counter: CoverageCounter | null | undefined;
  const coverage = (): CoverageCounter | null => {
    if (counter === undefined) {
      try {
        counter = boundaryRecordsOf(generator).coverage();
      } catch (e) {
        if (!(e instanceof SpecMintError)) throw e;
        counter = null;
      }
    }
    return counter;
  };
  const llmManifest: Manifest["llm"] = llm ? { provider: "ollama", model: llm.model, temperature: llm.temperature, seed: run.seed } : null;
  return {
    created_at: run.createdAt,
    schema: {
      path: run.schemaPath,
      sha256: run.loaded.sha256,
      draft: {
        version: run.loaded.draft,
        assumed: ["inferred", "default"].includes(run.loaded.draftChoice.source),
        source: run.loaded.draftChoice.source,
      },
    },
    gen: {
      seed: run.seed,
      mode: llm?.mode ?? "off",
      kind,
      ...(run.violate ? { violate: run.violate } : {}),
      locale: generator.options.locale,
      reference_date: run.referenceDate,
      optional_probability: generator.options.optionalProbability,
    },
    llm: llmManifest,
    stats: () => {
      const st = enrichment?.enricher.stats;
      return {
        llm_calls: st?.llm_calls ?? 0,
        cache_hits: st?.cache_hits ?? 0,
        retries: generator.stats.retries + (st?.retries ?? 0),
        fallbacks: st?.fallbacks ?? 0,
        repairs: generator.stats.repairs + (st?.repairs ?? 0),
      };
    },
    degraded: () => enrichment?.enricher.degraded ?? false,
    coverage: {
      add: (record, index) => coverage()?.add(record, index),
      counts: () => {
        const c = coverage()?.counts();
        if (!c) return undefined;
        const { items, reachable, covered, percent, records_needed } = c;
        return { items, reachable, covered, percent, ...(kind === "boundary" ? { records_needed } : {}) };
      },
    },
  };
}

/**
 * The reference date a dataset was made with: gen.reference_date of the SpecMint manifest in (or
 * beside) it, else the default. Rules that use today() are checked against it.
 */
export function datasetReferenceDate(datasetPath: string): string {
  try {
    const dir = fs.statSync(datasetPath).isDirectory() ? datasetPath : path.dirname(datasetPath);
    const m = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as Partial<Manifest> | null;
    if (m?.tool?.name === "specmint" && typeof m?.gen?.reference_date === "string") return m.gen.reference_date;
  } catch {
    // no dataset or no manifest there: the default
  }
  return DEFAULT_SETTINGS.referenceDate;
}
