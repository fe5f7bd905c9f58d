// The LLM side of `specmint generate`: the run's enrichment (common/generationRun.ts) with the
// --context file read, warnings on stderr, and what the closing line and the fallback report say.
import * as fs from "node:fs";
import { SpecMintError } from "../core/base";
import type { Generator } from "../core/engine";
import type { LoadedSchema } from "../core/schema";
import { startEnrichment, type Enrichment } from "../common/generationRun";
import type { GenerateSettings } from "./settings";
import type { CliContext } from "./context";

export interface CliEnrichment extends Enrichment {
  /** What the closing line adds, e.g. " · 10 model calls, 0 cache hits". */
  summary(): string;
  /** Lines for stderr when values fell back (first examples). */
  report(): string;
}

function readContext(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SpecMintError("io", `cannot read context file ${file}: ${code === "ENOENT" ? "no such file" : (e as Error).message}`, {
      file,
    });
  }
}

export async function prepareEnrichment(
  s: GenerateSettings,
  loaded: LoadedSchema,
  generator: Generator,
  ctx: CliContext,
): Promise<CliEnrichment> {
  const llm = s.llm;
  if (llm.mode === "off") throw new Error("prepareEnrichment called with --llm-mode off");
  const enrichment = await startEnrichment(
    {
      mode: llm.mode,
      host: llm.ollamaHost,
      model: llm.model,
      temperature: llm.temperature,
      workers: llm.workers,
      maxRps: llm.maxRps,
      timeoutMs: llm.timeoutMs,
      contextText: llm.context !== undefined ? readContext(llm.context) : undefined,
      cacheDir: llm.cache ? llm.cacheDir : undefined,
    },
    { loaded, generator, seed: s.seed, count: s.count },
    ctx.signal,
    (m) => ctx.stderr.write(`specmint: warning: ${m}\n`),
  );
  const { enricher } = enrichment;
  return {
    ...enrichment,
    summary() {
      const st = enricher.stats;
      const parts = [
        `${st.llm_calls} model call${st.llm_calls === 1 ? "" : "s"}`,
        `${st.cache_hits} cache hit${st.cache_hits === 1 ? "" : "s"}`,
      ];
      if (st.repairs) parts.push(`${st.repairs} repaired`);
      if (st.fallbacks) parts.push(`${st.fallbacks} value${st.fallbacks === 1 ? "" : "s"} kept generated (degraded)`);
      return ` · ${llm.model}: ${parts.join(", ")}`;
    },
    report() {
      const st = enricher.stats;
      if (st.fallbacks === 0) return "";
      const lines = [
        `specmint: ${st.fallbacks} value${st.fallbacks === 1 ? "" : "s"} kept ${st.fallbacks === 1 ? "its" : "their"} generated value (the records are valid; manifest.json says degraded: true)`,
      ];
      if (st.breaker_opened)
        lines.push(
          `  the model failed ${st.breaker_opened === 1 ? "repeatedly" : "repeatedly, more than once"}: calls were paused for the cool-down (circuit breaker)`,
        );
      lines.push(`  first ${enricher.examples.length}:`);
      for (const ex of enricher.examples) lines.push(`    - record ${ex.record}: ${ex.reason}`);
      return lines.join("\n") + "\n";
    },
  };
}
