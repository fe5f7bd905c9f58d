// The LLM side of `specmint generate`: the provider check before anything is written (exit 4 with the
// fix), the enricher and its ordered window, and what the manifest and the closing line say.
import { setMaxListeners } from "node:events";
import * as fs from "node:fs";
import { SpecMintError } from "../core/base";
import type { Generator } from "../core/engine";
import type { LoadedSchema } from "../core/schema";
import { checkProvider, providerProblem } from "../core/enrich";
import { Enricher } from "../core/enrich";
import { EnrichedRecords } from "../core/enrich";
import { AbortedError, type Manifest, type ManifestInput } from "../core/output";
import type { GenerateSettings } from "./generate";
import type { CliContext } from "./run";

/** Records generated ahead of the one being written, per worker (and at least this many in all). */
const LOOKAHEAD_PER_WORKER = 8;
const MIN_LOOKAHEAD = 32;

export interface Enrichment {
  enricher: Enricher;
  records: EnrichedRecords;
  manifest: Pick<ManifestInput, "llm" | "stats" | "degraded">;
  /** What the closing line adds, e.g. " · 10 model calls, 0 cache hits". */
  summary(): string;
  /** Lines for stderr when values fell back (first examples). */
  report(): string;
  /** Aborts requests still in flight (stdout closed early, a write failed). */
  stop(): void;
}

function readContext(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SpecMintError("io", `cannot read context file ${file}: ${code === "ENOENT" ? "no such file" : (e as Error).message}`, { file });
  }
}

export async function prepareEnrichment(
  s: GenerateSettings,
  loaded: LoadedSchema,
  generator: Generator,
  ctx: CliContext,
): Promise<Enrichment> {
  const llm = s.llm;
  if (llm.mode === "off") throw new Error("prepareEnrichment called with --llm-mode off");
  const contextText = llm.context !== undefined ? readContext(llm.context) : undefined;
  let status;
  try {
    status = await checkProvider(llm.ollamaHost, llm.model, { signal: ctx.signal, timeoutMs: Math.min(llm.timeoutMs, 10_000) });
  } catch (e) {
    if (ctx.signal.aborted) throw new AbortedError();
    throw e;
  }
  const problem = providerProblem(status);
  if (problem) throw new SpecMintError("llm", problem);

  const warn = (m: string) => ctx.stderr.write(`specmint: warning: ${m}\n`);
  const enricher = new Enricher(loaded, generator.validator, {
    mode: llm.mode,
    host: llm.ollamaHost,
    model: llm.model,
    digest: status.found?.digest || undefined,
    temperature: llm.temperature,
    seed: s.seed,
    workers: llm.workers,
    maxRps: llm.maxRps,
    timeoutMs: llm.timeoutMs,
    contextText,
    cacheDir: llm.cache ? llm.cacheDir : undefined,
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
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  const records = new EnrichedRecords((i) => generator.record(i), enricher, s.count, lookahead, controller.signal);
  const llmManifest: Manifest["llm"] = { provider: "ollama", model: llm.model, temperature: llm.temperature, seed: s.seed };
  return {
    enricher,
    records,
    manifest: {
      llm: llmManifest,
      stats: () => {
        const st = enricher.stats;
        return {
          llm_calls: st.llm_calls,
          cache_hits: st.cache_hits,
          // One `retries` in the manifest: records made again on a derived stream, plus requests
          // sent again after a timeout, 5xx or dropped connection.
          retries: generator.stats.retries + st.retries,
          fallbacks: st.fallbacks,
          // Likewise: rule repairs of the generated records, plus model values repaired to fit.
          repairs: generator.stats.repairs + st.repairs,
        };
      },
      degraded: () => enricher.degraded,
    },
    stop() {
      ctx.signal.removeEventListener("abort", onAbort);
      controller.abort();
    },
    summary() {
      const st = enricher.stats;
      const parts = [`${st.llm_calls} model call${st.llm_calls === 1 ? "" : "s"}`, `${st.cache_hits} cache hit${st.cache_hits === 1 ? "" : "s"}`];
      if (st.repairs) parts.push(`${st.repairs} repaired`);
      if (st.fallbacks) parts.push(`${st.fallbacks} value${st.fallbacks === 1 ? "" : "s"} kept generated (degraded)`);
      return ` · ${llm.model}: ${parts.join(", ")}`;
    },
    report() {
      const st = enricher.stats;
      if (st.fallbacks === 0) return "";
      const lines = [`specmint: ${st.fallbacks} value${st.fallbacks === 1 ? "" : "s"} kept ${st.fallbacks === 1 ? "its" : "their"} generated value (the records are valid; manifest.json says degraded: true)`];
      if (st.breaker_opened) lines.push(`  the model failed ${st.breaker_opened === 1 ? "repeatedly" : "repeatedly, more than once"}: calls were paused for the cool-down (circuit breaker)`);
      lines.push(`  first ${enricher.examples.length}:`);
      for (const ex of enricher.examples) lines.push(`    - record ${ex.record}: ${ex.reason}`);
      return lines.join("\n") + "\n";
    },
  };
}
