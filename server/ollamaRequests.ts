// The Ollama requests of the extension: status (doctor), models, pull (with progress), a schema
// drafted from a description, and generation with a model (llmMode fields|record). The model is
// called from this process, never from the extension host; anything that calls a model or writes
// is refused in an untrusted workspace.
import { setMaxListeners } from "node:events";
import * as path from "node:path";
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from "vscode-languageserver";
import {
  DraftSchemaRequest, EnrichGenerateRequest, OllamaModelsRequest, OllamaPullRequest, OllamaStatusRequest,
  type GenerateParams, type GenerateResult, type OllamaParams,
} from "../common/protocol";
import { Generator } from "../core/engine";
import { SpecMintError } from "../core/base";
import { OllamaClient } from "../core/enrich";
import { Enricher } from "../core/enrich";
import { EnrichedRecords } from "../core/enrich";
import { checkProvider, doctorReport, providerProblem } from "../core/enrich";
import { AbortedError, OUTPUT_FORMATS, writeDataset, type OutputFormat } from "../core/output";
import { runTimestamp } from "../common/runTime";
import { DEFAULT_SETTINGS, cleanHost, outputFolderFor } from "../common/settings";
import { loadSchemaByUri, refuseUntrusted, requestFailed, type ExtensionRequestContext } from "./extensionContext";

interface LlmCallSettings {
  host: string;
  model: string;
  temperature: number;
  workers: number;
  maxRps: number;
  timeoutMs: number;
}

/** Host and model as the request gives them, else the `specmint.ollama.*` settings; the rest from `specmint.llm.*`. */
async function llmSettings(ctx: ExtensionRequestContext, p: OllamaParams = {}, scopeUri?: string): Promise<LlmCallSettings> {
  const s = await ctx.settings(scopeUri);
  let host = s.ollama.host;
  if (p.host) {
    const given = cleanHost(p.host);
    if (given === undefined) throw new SpecMintError("usage", `host: expected a URL such as ${DEFAULT_SETTINGS.ollama.host}, got ${JSON.stringify(p.host)}`);
    host = given;
  }
  return { ...s.llm, host, model: p.model?.trim() || s.ollama.model };
}

/** The format the model must answer in when drafting a schema. */
const DRAFT_FORMAT = {
  type: "object",
  properties: {
    title: { type: "string", maxLength: 60 },
    type: { type: "string", enum: ["object"] },
    properties: { type: "object" },
    required: { type: "array", items: { type: "string" } },
  },
  required: ["type", "properties"],
};

function abortOn(token: CancellationToken, extra?: { onCancellationRequested(f: () => void): unknown }): AbortController {
  const abort = new AbortController();
  setMaxListeners(0, abort.signal);
  token.onCancellationRequested(() => abort.abort());
  extra?.onCancellationRequested(() => abort.abort());
  return abort;
}

export function registerOllamaRequests(connection: Connection, ctx: ExtensionRequestContext): void {
  connection.onRequest(OllamaStatusRequest, async (params, token) => {
    try {
      const s = await llmSettings(ctx, params ?? {});
      const status = await checkProvider(s.host, s.model, { signal: abortOn(token).signal, timeoutMs: Math.min(s.timeoutMs, 5_000) });
      return { ...status, problem: providerProblem(status), report: doctorReport(status) };
    } catch (e) {
      return requestFailed(e, ctx.log);
    }
  });

  connection.onRequest(OllamaModelsRequest, async (params, token) => {
    try {
      const s = await llmSettings(ctx, params ?? {});
      const status = await checkProvider(s.host, s.model, { signal: abortOn(token).signal, timeoutMs: Math.min(s.timeoutMs, 5_000) });
      if (!status.reachable) throw new SpecMintError("llm", providerProblem(status) ?? `cannot reach Ollama at ${s.host}`);
      return { models: status.models };
    } catch (e) {
      return requestFailed(e, ctx.log);
    }
  });

  connection.onRequest(OllamaPullRequest, async (params, token) => {
    refuseUntrusted(ctx, "pulling a model");
    const progress = params.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined;
    try {
      const s = await llmSettings(ctx, params);
      const model = params.model?.trim() || s.model;
      progress?.begin(`SpecMint: pulling ${model}`, 0, "starting", true);
      const abort = abortOn(token);
      await new OllamaClient(s.host).pull(model, (p) => {
        const pct = p.total ? Math.floor((100 * (p.completed ?? 0)) / p.total) : undefined;
        progress?.report(pct ?? 0, p.status);
      }, { signal: abort.signal, timeoutMs: 6 * 3600_000 });
      const status = await checkProvider(s.host, model, { timeoutMs: 5_000 });
      return { model, found: status.found !== undefined };
    } catch (e) {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "SpecMint: the pull was cancelled (Ollama keeps what it has downloaded)");
      return requestFailed(e, ctx.log);
    } finally {
      progress?.done();
    }
  });

  connection.onRequest(DraftSchemaRequest, async (params, token) => {
    refuseUntrusted(ctx, "calling a model");
    try {
      const description = String(params?.description ?? "").trim();
      if (!description) throw new SpecMintError("usage", "describe the records the schema is for");
      const s = await llmSettings(ctx, params);
      const status = await checkProvider(s.host, s.model, { timeoutMs: 5_000 });
      const problem = providerProblem(status);
      if (problem) throw new SpecMintError("llm", problem);
      const { content } = await new OllamaClient(s.host).chat({
        model: s.model,
        format: DRAFT_FORMAT,
        options: { seed: 1, temperature: s.temperature },
        messages: [
          { role: "system", content: "You write JSON Schemas (draft 2020-12) for test data. Answer with one JSON object: a schema of type object with properties, each with a type and sensible constraints (minimum/maximum, minLength/maxLength, format, enum), and a required list." },
          { role: "user", content: `Records: ${description.slice(0, 2000)}` },
        ],
      }, { signal: abortOn(token).signal, timeoutMs: Math.max(s.timeoutMs, 60_000) });
      let parsed: unknown;
      try {
        parsed = JSON.parse(content);
      } catch {
        throw new SpecMintError("llm", `the model did not answer with JSON: ${content.slice(0, 120)}`);
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new SpecMintError("llm", "the model did not answer with a JSON object");
      const draft = parsed as Record<string, unknown>;
      const schema: Record<string, unknown> = { $schema: "https://json-schema.org/draft/2020-12/schema", ...draft };
      schema.type = "object";
      if (typeof schema.properties !== "object" || schema.properties === null) schema.properties = {};
      if (!schema.description) schema.description = description.slice(0, 200);
      return { schema };
    } catch (e) {
      return requestFailed(e, ctx.log);
    }
  });

  connection.onRequest(EnrichGenerateRequest, async (params: GenerateParams, token) => {
    refuseUntrusted(ctx, "writing fixtures with a model");
    const progress = params.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined;
    const abort = abortOn(token);
    try {
      const mode = params.llmMode === "record" ? "record" : "fields";
      const settings = await ctx.settings(params.uri);
      const s = await llmSettings(ctx, {}, params.uri);
      const { loaded, file } = loadSchemaByUri(ctx, params.uri);
      const folders = ctx.workspaceFolders?.() ?? [];
      const folder = file ? folders.find((f) => !path.relative(f, file).startsWith("..")) : folders[0];
      const base = folder ?? (file ? path.dirname(file) : process.cwd());
      const outDir = path.resolve(base, params.outDir || outputFolderFor(file, settings.outputDirectory));
      const count = Number.isSafeInteger(params.count) && params.count > 0 ? params.count : settings.count;
      const seed = Number.isSafeInteger(params.seed) && params.seed >= 0 ? params.seed : settings.seed;
      const formats = (Array.isArray(params.formats) && params.formats.length ? params.formats : settings.formats).filter((f): f is OutputFormat => OUTPUT_FORMATS.includes(f as OutputFormat));
      const referenceDate = settings.referenceDate;
      const generator = new Generator(loaded, { seed, referenceDate });
      generator.assertUniqueCapacity(count);
      progress?.begin(`SpecMint: generating with ${s.model}`, 0, "checking Ollama", true);
      const status = await checkProvider(s.host, s.model, { signal: abort.signal, timeoutMs: Math.min(s.timeoutMs, 10_000) });
      const problem = providerProblem(status);
      if (problem) throw new SpecMintError("llm", problem);
      const enricher = new Enricher(loaded, generator.validator, {
        mode, host: s.host, model: s.model, digest: status.found?.digest || undefined, temperature: s.temperature, seed,
        workers: s.workers, maxRps: s.maxRps, timeoutMs: s.timeoutMs,
        rules: generator.rules && generator.rules.size > 0 ? generator.rules : undefined,
        onWarning: (m) => ctx.log(`specmint: warning: ${m}`),
      });
      const records = new EnrichedRecords((i) => generator.record(i), enricher, count, Math.max(32, s.workers * 8), abort.signal);
      const result = await writeDataset({
        outDir, count, formats, record: (i) => records.get(i), signal: abort.signal,
        onProgress: (done, total) => progress?.report(Math.floor((100 * done) / Math.max(1, total)), `${done}/${total} records`),
        manifest: {
          created_at: runTimestamp(),
          schema: { path: file ? (folder ? path.relative(folder, file) : file).split(path.sep).join("/") : params.uri, sha256: loaded.sha256 },
          gen: { seed, mode, reference_date: referenceDate, optional_probability: generator.options.optionalProbability },
          llm: { provider: "ollama", model: s.model, temperature: s.temperature, seed },
          stats: () => {
            const st = enricher.stats;
            return { llm_calls: st.llm_calls, cache_hits: st.cache_hits, retries: generator.stats.retries + st.retries, fallbacks: st.fallbacks, repairs: generator.stats.repairs + st.repairs };
          },
          degraded: () => enricher.degraded,
        },
      });
      return result satisfies GenerateResult;
    } catch (e) {
      if (e instanceof AbortedError || token.isCancellationRequested) {
        throw new ResponseError(LSPErrorCodes.RequestCancelled, "SpecMint: generation cancelled; nothing was written and the output folder is as it was");
      }
      return requestFailed(e, ctx.log);
    } finally {
      abort.abort();
      progress?.done();
    }
  });
}
