// Against a real Ollama when one answers at OLLAMA_HOST (default http://127.0.0.1:11434);
// otherwise it says so and skips, in CI too (CONTRACT.md "Test tiers").
// SPECMINT_OLLAMA_MODEL picks the model; else qwen2.5 when the host has it, else its first model.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as os from "node:os";
import * as path from "node:path";
import * as fs from "node:fs";
import { Generator } from "../../core/engine/generator";
import { enrichRecords } from "../../core/enrich/enrich";
import { checkProvider, sameModel } from "../../core/enrich/provider";
import { loadSchemaText } from "../../core/schema/load";
import { LLM_SCHEMA } from "./helpers";

const host = (process.env.OLLAMA_HOST?.trim() || "http://127.0.0.1:11434").replace(/\/+$/, "").replace(/^(?![a-z]+:\/\/)/i, "http://");

test("real Ollama: enriched records are valid, and a second run is answered from the cache", async (t) => {
  const status = await checkProvider(host, "qwen2.5:latest", { timeoutMs: 2_000 });
  if (!status.reachable) {
    console.log(`skipped: no Ollama at ${host}`);
    t.skip(`no Ollama at ${host}`);
    return;
  }
  const wanted = process.env.SPECMINT_OLLAMA_MODEL;
  const model = wanted ?? (status.models.find((m) => sameModel(m.name, "qwen2.5:latest")) ?? status.models[0])?.name;
  if (!model || (wanted && !status.models.some((m) => sameModel(m.name, wanted)))) {
    console.log(`skipped: Ollama at ${host} has no model${wanted ? ` named ${wanted}` : ""} (ollama pull qwen2.5)`);
    t.skip("no model");
    return;
  }
  const loaded = loadSchemaText(JSON.stringify(LLM_SCHEMA), undefined);
  const gen = new Generator(loaded, { seed: 3 });
  const drafts = [1, 2, 3].map((i) => gen.record(i));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-real-ollama-"));
  try {
    const settings = {
      mode: "fields" as const,
      host,
      model,
      digest: status.models.find((m) => sameModel(m.name, model))?.digest,
      temperature: 0.2,
      seed: 3,
      workers: 2,
      maxRps: 3,
      timeoutMs: 120_000,
      cacheDir,
      validator: gen.validator,
    };
    const first = await enrichRecords(loaded, drafts, settings);
    for (const r of first.records) assert.ok(gen.validator.root(r), JSON.stringify(gen.validator.root.errors));
    assert.equal(first.stats.llm_calls - first.stats.retries + first.stats.cache_hits >= 1, true);
    console.log(
      `real Ollama ${status.version ?? "?"} with ${model}: ${first.stats.llm_calls} calls, ${first.stats.fallbacks} fallbacks, ${first.stats.repairs} repairs`,
    );
    const second = await enrichRecords(loaded, drafts, settings);
    // Answers are cached once received; a call that failed (a slow machine's timeout) is not.
    assert.ok(second.stats.cache_hits >= 1, "answers were cached");
    if (!first.degraded) {
      assert.equal(second.stats.llm_calls, 0, "second run answered from the cache");
      assert.deepEqual(second.records, first.records);
    }
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
});
