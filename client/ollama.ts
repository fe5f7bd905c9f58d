// Check Ollama, Select Model and New Schema from Description: all asked of the server, which is the
// only process that talks to Ollama. New Schema from Description checks Ollama and the model before it
// asks for the description, and offers a description that failed again on the next run (Retry).
import * as vscode from "vscode";
import { send } from "./lsp";
import {
  DraftSchemaRequest,
  OllamaModelsRequest,
  OllamaPullRequest,
  OllamaStatusRequest,
  type ModelInfo,
  type OllamaStatusResult,
} from "../common/protocol";
import { WorkDoneProgress } from "vscode-languageclient/node";
import { readConfig, updateSetting } from "./config";
import type { Ctx } from "./ctx";
import { checkCanRun } from "./generate";
import { Problem } from "./notify";
import { describeFailure, editorWording, ollamaProblem } from "./wording";

const sameModel = (a: string, b: string) => {
  const norm = (n: string) => (n.slice(n.lastIndexOf("/") + 1).includes(":") ? n : `${n}:latest`);
  return norm(a.trim()) === norm(b.trim());
};

export function doctor(ctx: Ctx, onStatus: (s: OllamaStatusResult) => void) {
  return async (opts: { quiet?: boolean } = {}): Promise<OllamaStatusResult> => {
    const status = await send(ctx.client, OllamaStatusRequest, {});
    const problem = ollamaProblem(status);
    const ready = `SpecMint: Ollama${status.version ? ` ${status.version}` : ""} at ${status.host} has ${status.model}; LLM modes can use it`;
    ctx.log(`Check Ollama:\n${editorWording(status.report.trimEnd())}`);
    if (problem) ctx.warn(problem.message);
    else ctx.log(ready);
    onStatus(status);
    if (!opts.quiet) {
      // One notification: the verdict, with the way on (the report is in the output).
      if (problem) throw Problem.of(problem);
      void vscode.window.showInformationMessage(ready, "Show Output").then((p) => p && ctx.output.show(true));
    }
    return status;
  };
}

async function pullWithProgress(ctx: Ctx, model: string): Promise<boolean> {
  const workDoneToken = `specmint-pull-${Date.now()}`;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `SpecMint: pulling ${model}`, cancellable: true },
    async (progress, token) => {
      let last = 0;
      const sub = ctx.client.onProgress(WorkDoneProgress.type, workDoneToken, (p) => {
        if (p.kind === "end") return;
        const pct = p.percentage ?? last;
        progress.report({ message: p.message, increment: Math.max(0, pct - last) });
        last = Math.max(last, pct);
      });
      try {
        const r = await send(ctx.client, OllamaPullRequest, { model, workDoneToken }, token);
        ctx.log(`pulled ${model}: ${r.found ? "available" : "not listed by the host"}`);
        return r.found;
      } finally {
        sub.dispose();
      }
    },
  );
}

export interface SelectModelResult {
  model: string;
  available: boolean;
  pulled: boolean;
}

export function selectModel(ctx: Ctx) {
  return async (modelArg?: string, opts: { pull?: boolean } = {}): Promise<SelectModelResult | undefined> => {
    let models: ModelInfo[] = [];
    try {
      models = (await send(ctx.client, OllamaModelsRequest, {})).models;
    } catch (e) {
      // Picking needs the host's list; setting a named model does not.
      if (modelArg === undefined) throw Problem.of(describeFailure((e as Error).message));
    }
    let model = modelArg;
    if (model === undefined) {
      const current = readConfig().ollamaModel;
      const items: (vscode.QuickPickItem & { model?: string })[] = models.map((m) => ({
        label: m.name,
        model: m.name,
        description: [m.parameterSize, m.quantization, sameModel(m.name, current) ? "current" : undefined].filter(Boolean).join(" · "),
      }));
      items.push({ label: "$(cloud-download) Pull another model…" });
      const pick = await vscode.window.showQuickPick(items, { title: "SpecMint: model for LLM modes", placeHolder: current });
      if (!pick) return undefined;
      model =
        pick.model ?? (await vscode.window.showInputBox({ prompt: "Model to pull (e.g. qwen2.5, llama3.2:1b)", ignoreFocusOut: true }));
      if (!model) return undefined;
    }
    let available = models.some((m) => sameModel(m.name, model));
    let pulled = false;
    if (!available) {
      const yes =
        opts.pull ?? (await vscode.window.showInformationMessage(`${model} is not on the Ollama host. Pull it now?`, "Pull")) === "Pull";
      if (yes) {
        available = await pullWithProgress(ctx, model);
        pulled = available;
      }
    }
    await updateSetting("ollama.model", model);
    ctx.log(`model: ${model}${available ? "" : " (not on the host)"}`);
    return { model, available, pulled };
  };
}

export function newSchemaFromDescription(ctx: Ctx) {
  /** A description whose draft failed: the next input box starts with it. */
  let unfinished: string | undefined;
  return async (descriptionArg?: string): Promise<{ schema: Record<string, unknown>; uri: string } | undefined> => {
    await checkCanRun(ctx, "calling a model", true);
    const description =
      descriptionArg ??
      (await vscode.window.showInputBox({
        title: "SpecMint: new schema from a description",
        prompt: "Describe the records (e.g. “orders with id, customer email, 1–5 line items, total in EUR”)",
        value: unfinished,
        ignoreFocusOut: true,
      }));
    if (!description) return undefined;
    if (descriptionArg === undefined) unfinished = description;
    const { schema } = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `SpecMint: drafting a schema with ${readConfig().ollamaModel}`,
        cancellable: true,
      },
      (_p, token) => send(ctx.client, DraftSchemaRequest, { description }, token),
    );
    if (descriptionArg === undefined) unfinished = undefined;
    const doc = await vscode.workspace.openTextDocument({ language: "json", content: JSON.stringify(schema, null, 2) + "\n" });
    await vscode.window.showTextDocument(doc);
    return { schema, uri: doc.uri.toString() };
  };
}
