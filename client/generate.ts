// Generate Fixtures / Generate Fixtures with Ollama: what would stop the run is checked first (a
// schema, a trusted workspace, Ollama with the model), then (Generate Fixtures) the kind of records,
// then the settings with a quick prompt to change them, a cancellable progress notification wired to the request's work-done progress, a question
// before writing into a folder that is not SpecMint output, and "Open Folder"/"Open Manifest" at the end.
// A failed run keeps what was typed into the prompt for the next one.
import * as path from "node:path";
import * as vscode from "vscode";
import { send } from "./lsp";
import { WorkDoneProgress } from "vscode-languageclient/node";
import { GenerateRequest, OllamaStatusRequest, type GenerateResult, type LlmMode } from "../common/protocol";
import type { Manifest, OutputFormat } from "../core/output";
import { outputFolderFor, type GenerateKind as RecordKind } from "../common/settings";
import { readConfig } from "./config";
import { requireSchema, type Ctx } from "./ctx";
import { MANAGE_TRUST, Problem } from "./notify";
import { ollamaProblem } from "./wording";
import { pickKind } from "./kindPick";

export interface GenerateOptions {
  count?: number;
  seed?: number;
  /** Absolute, or relative to the schema's workspace folder. */
  outDir?: string;
  formats?: OutputFormat[];
  llmMode?: LlmMode;
  /** The kind of records (default valid; an LLM run makes valid ones only). */
  kind?: RecordKind;
  /** Kind invalid: break only constraints of these keywords. */
  violate?: string[];
  /** Extra cancellation (tests). */
  token?: vscode.CancellationToken;
  /** Skip the closing "Open Folder"/"Open Manifest" message. */
  quiet?: boolean;
}

/** The keys of GenerateOptions: a command argument with only these is a program's (extension.ts). */
export const GENERATE_OPTION_KEYS: readonly (keyof GenerateOptions)[] = [
  "count",
  "seed",
  "outDir",
  "formats",
  "llmMode",
  "kind",
  "violate",
  "token",
  "quiet",
];

type Plan = Required<Pick<GenerateOptions, "count" | "seed" | "outDir" | "kind">>;

/** Refuses before any question: an untrusted workspace, and for a model run, Ollama without the model. */
export async function checkCanRun(ctx: Ctx, what: string, withModel: boolean): Promise<void> {
  if (!vscode.workspace.isTrusted)
    throw new Problem(
      `SpecMint: this workspace is not trusted; ${what} is refused (trust the workspace to allow it; validation and previews still work)`,
      [MANAGE_TRUST],
    );
  if (!withModel) return;
  const problem = ollamaProblem(await send(ctx.client, OllamaStatusRequest, {}));
  if (problem) throw Problem.of(problem);
}

/** A folder relative to the schema's workspace folder (or to the schema's own folder outside a workspace). */
export function absolute(schema: vscode.Uri, dir: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(schema)?.uri.fsPath ?? path.dirname(schema.fsPath);
  return path.resolve(folder, dir);
}

/** The output folder typed in an input box (relative to the workspace folder of `file`); `current` when none is typed. */
export async function askOutputFolder(file: vscode.Uri, current: string): Promise<string> {
  const v = await vscode.window.showInputBox({
    prompt: "Output folder (relative to the workspace folder)",
    value: vscode.workspace.asRelativePath(current),
  });
  return v ? absolute(file, v) : current;
}

function kindTitle(schema: vscode.Uri): string {
  return `SpecMint: which records for ${path.basename(schema.fsPath)}?`;
}

/** Count, seed and folder from the settings; the user confirms or changes them. */
async function askPlan(schema: vscode.Uri, plan: Plan, withModel: string | undefined): Promise<Plan | undefined> {
  for (;;) {
    const what = plan.kind === "valid" ? "" : `${plan.kind} `;
    const go = `$(play) Generate ${plan.count} ${what}records, seed ${plan.seed}${withModel ? `, with ${withModel}` : ""}`;
    const pick = await vscode.window.showQuickPick(
      [
        { label: go, description: vscode.workspace.asRelativePath(plan.outDir), id: "go" },
        { label: "$(symbol-number) Change count…", id: "count" },
        { label: "$(symbol-key) Change seed…", id: "seed" },
        { label: "$(folder) Change output folder…", id: "outDir" },
        // A model writes valid records only: no other kind with it.
        ...(withModel ? [] : [{ label: "$(list-filter) Change kind…", id: "kind" }]),
      ],
      { title: `SpecMint: generate fixtures for ${path.basename(schema.fsPath)}`, ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    if (pick.id === "go") return plan;
    if (pick.id === "kind") {
      const kind = await pickKind(kindTitle(schema), plan.kind);
      if (kind) plan = { ...plan, kind };
      continue;
    }
    if (pick.id === "outDir") {
      plan = { ...plan, outDir: await askOutputFolder(schema, plan.outDir) };
      continue;
    }
    const key = pick.id as "count" | "seed";
    const v = await vscode.window.showInputBox({
      prompt: key === "count" ? "Number of records" : "Seed (same seed, same records)",
      value: String(plan[key]),
      validateInput: (s) => (/^\d+$/.test(s.trim()) && (key === "seed" || Number(s) > 0) ? undefined : "a whole number"),
    });
    if (v) plan = { ...plan, [key]: Number(v.trim()) };
  }
}

/** undefined: absent, empty or SpecMint output; else a file that shows it is somebody else's folder. */
export async function foreignFolder(dir: string): Promise<string | undefined> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(vscode.Uri.file(dir));
  } catch {
    return undefined;
  }
  if (entries.length === 0) return undefined;
  try {
    const m = JSON.parse(
      Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(path.join(dir, "manifest.json")))).toString("utf8"),
    ) as Partial<Manifest> | null;
    if (m?.tool?.name === "specmint") return undefined;
  } catch {
    // no manifest of ours
  }
  return entries[0][0];
}

export function generateFixtures(ctx: Ctx, withModel: boolean) {
  /** The plan the user settled on for a schema whose run then failed: the next prompt starts from it. */
  const unfinished = new Map<string, Plan>();
  return async (arg?: unknown, opts?: GenerateOptions): Promise<GenerateResult | undefined> => {
    const schema = requireSchema(arg);
    const config = readConfig(schema);
    const interactive = opts === undefined;
    await checkCanRun(ctx, withModel ? "writing fixtures with a model" : "writing fixtures", withModel);
    const o = opts ?? {};
    const llmMode: LlmMode = withModel
      ? o.llmMode && o.llmMode !== "off"
        ? o.llmMode
        : config.llmMode === "off"
          ? "fields"
          : config.llmMode
      : "off";
    let plan: Plan | undefined = {
      count: o.count ?? config.count,
      seed: o.seed ?? config.seed,
      outDir: o.outDir ? absolute(schema, o.outDir) : absolute(schema, outputFolderFor(schema.fsPath, config.outputDirectory)),
      // A program asking a model run for another kind hears the server's refusal, not a quiet change.
      kind: o.kind ?? "valid",
    };
    if (interactive) {
      const retry = unfinished.get(schema.toString());
      if (retry) plan = retry;
      else if (!withModel) {
        // The kind first (a new run; a retried one keeps the kind it had), the setting's preselected.
        const kind = await pickKind(kindTitle(schema), config.generateKind);
        if (!kind) return undefined;
        plan = { ...plan, kind };
      }
      plan = await askPlan(schema, plan, withModel ? config.ollamaModel : undefined);
    }
    if (!plan) return undefined;
    if (interactive) unfinished.set(schema.toString(), plan);
    const foreign = await foreignFolder(plan.outDir);
    if (foreign) {
      const rel = vscode.workspace.asRelativePath(plan.outDir);
      if (!interactive)
        throw new Error(`SpecMint: ${rel} is not empty and is not SpecMint output (it holds ${foreign}); choose another folder`);
      const sub = path.join(plan.outDir, "specmint");
      const answer = await vscode.window.showWarningMessage(
        `${rel} is not SpecMint output (it holds ${foreign}). SpecMint never overwrites it.`,
        { modal: true },
        `Write into ${vscode.workspace.asRelativePath(sub)}`,
      );
      if (!answer) return undefined;
      plan = { ...plan, outDir: sub };
    }
    const workDoneToken = `specmint-generate-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const target = plan;
    const violate = target.kind === "invalid" ? o.violate : undefined;
    ctx.log(
      `generate ${target.count} ${target.kind} records (seed ${target.seed}, llm ${llmMode}) from ${schema.fsPath} into ${target.outDir}`,
    );
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: withModel
          ? `SpecMint: generating with ${config.ollamaModel}`
          : `SpecMint: generating ${target.kind === "valid" ? "" : `${target.kind} `}fixtures`,
        cancellable: true,
      },
      async (progress, token) => {
        let last = 0;
        const sub = ctx.client.onProgress(WorkDoneProgress.type, workDoneToken, (p) => {
          if (p.kind === "end") return;
          const pct = p.percentage;
          const increment = typeof pct === "number" ? Math.max(0, pct - last) : undefined;
          if (typeof pct === "number") last = pct;
          progress.report({ message: p.message, increment });
        });
        const cts = new vscode.CancellationTokenSource();
        const links = [token.onCancellationRequested(() => cts.cancel()), o.token?.onCancellationRequested(() => cts.cancel())];
        if (o.token?.isCancellationRequested) cts.cancel();
        try {
          return await send(
            ctx.client,
            GenerateRequest,
            {
              uri: schema.toString(),
              count: target.count,
              seed: target.seed,
              outDir: target.outDir,
              formats: o.formats ?? config.formats,
              llmMode,
              kind: target.kind,
              ...(violate ? { violate } : {}),
              workDoneToken,
            },
            cts.token,
          );
        } finally {
          sub.dispose();
          for (const l of links) l?.dispose();
          cts.dispose();
        }
      },
    );
    unfinished.delete(schema.toString());
    ctx.log(`${finishMessage(result)} · ${result.manifest.dataset_id} (${result.files.length} files)`);
    if (!o.quiet) void offerOpen(result);
    return result;
  };
}

/** "wrote 3,000 records to fixtures/people in 1.2 s" (or "in 40 ms"), with the model's calls when one wrote values. */
export function finishMessage(result: GenerateResult): string {
  const { stats, llm } = result.manifest;
  const n = stats.records;
  const kind = result.manifest.gen.kind && result.manifest.gen.kind !== "valid" ? `${result.manifest.gen.kind} ` : "";
  const labels = result.files.includes("violations.jsonl") ? " (labels in violations.jsonl)" : "";
  const took = stats.duration_ms < 1000 ? `${Math.round(stats.duration_ms)} ms` : `${(stats.duration_ms / 1000).toFixed(1)} s`;
  const model = llm
    ? ` with ${llm.model} (${stats.llm_calls.toLocaleString("en-US")} model calls, ${stats.cache_hits.toLocaleString("en-US")} from the cache)`
    : "";
  return `wrote ${n.toLocaleString("en-US")} ${kind}record${n === 1 ? "" : "s"} to ${vscode.workspace.asRelativePath(result.outDir)}${model} in ${took}${labels}`;
}

async function offerOpen(result: GenerateResult): Promise<void> {
  const pick = await vscode.window.showInformationMessage(`SpecMint: ${finishMessage(result)}`, "Open Folder", "Open Manifest");
  if (pick === "Open Folder") await vscode.commands.executeCommand("revealInExplorer", vscode.Uri.file(result.outDir));
  if (pick === "Open Manifest") await vscode.window.showTextDocument(vscode.Uri.file(path.join(result.outDir, "manifest.json")));
}
