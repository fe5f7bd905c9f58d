// The Ollama requests of the extension: status (doctor), models, pull (with progress) and a schema
// drafted from a description (generating with a model is specmint/generate, in server.ts). The model
// is called from this process, never from the extension host; anything that calls a model or writes
// is refused in an untrusted workspace.
import { setMaxListeners } from "node:events";
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from "vscode-languageserver";
import { DraftSchemaRequest, OllamaModelsRequest, OllamaPullRequest, OllamaStatusRequest, type OllamaParams } from "../common/protocol";
import { SpecMintError } from "../core/base";
import { OllamaClient, checkProvider, doctorReport, providerProblem } from "../core/enrich";
import { DEFAULT_SETTINGS, cleanHost, type LlmSettings, type OllamaSettings } from "../common/settings";
import { refuseUntrusted, requestFailed, type ExtensionRequestContext } from "./extensionContext";

/** Host and model as the request gives them, else the `specmint.ollama.*` settings; the rest from `specmint.llm.*`. */
async function llmSettings(ctx: ExtensionRequestContext, p: OllamaParams = {}): Promise<LlmSettings & OllamaSettings> {
  const s = await ctx.settings();
  let host = s.ollama.host;
  if (p.host) {
    const given = cleanHost(p.host);
    if (given === undefined)
      throw new SpecMintError("usage", `host: expected a URL such as ${DEFAULT_SETTINGS.ollama.host}, got ${JSON.stringify(p.host)}`);
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

function abortOn(token: CancellationToken): AbortController {
  const abort = new AbortController();
  setMaxListeners(0, abort.signal);
  token.onCancellationRequested(() => abort.abort());
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
      await new OllamaClient(s.host).pull(
        model,
        (p) => {
          const pct = p.total ? Math.floor((100 * (p.completed ?? 0)) / p.total) : undefined;
          progress?.report(pct ?? 0, p.status);
        },
        { signal: abort.signal, timeoutMs: 6 * 3600_000 },
      );
      const status = await checkProvider(s.host, model, { timeoutMs: 5_000 });
      return { model, found: status.found !== undefined };
    } catch (e) {
      if (token.isCancellationRequested)
        throw new ResponseError(LSPErrorCodes.RequestCancelled, "SpecMint: the pull was cancelled (Ollama keeps what it has downloaded)");
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
      const { content } = await new OllamaClient(s.host).chat(
        {
          model: s.model,
          format: DRAFT_FORMAT,
          options: { seed: 1, temperature: s.temperature },
          messages: [
            {
              role: "system",
              content:
                "You write JSON Schemas (draft 2020-12) for test data. Answer with one JSON object: a schema of type object with properties, each with a type and sensible constraints (minimum/maximum, minLength/maxLength, format, enum), and a required list.",
            },
            { role: "user", content: `Records: ${description.slice(0, 2000)}` },
          ],
        },
        { signal: abortOn(token).signal, timeoutMs: Math.max(s.timeoutMs, 60_000) },
      );
      let parsed: unknown;
      try {
        parsed = JSON.parse(content);
      } catch {
        throw new SpecMintError("llm", `the model did not answer with JSON: ${content.slice(0, 120)}`);
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw new SpecMintError("llm", "the model did not answer with a JSON object");
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
}
