// Generate Fixtures / Generate Fixtures with Ollama: settings with a quick prompt to change them, a
// cancellable progress notification wired to the request's work-done progress, a question before
// writing into a folder that is not SpecMint output, and "Open Folder"/"Open Manifest" at the end.
import * as path from "node:path";
import * as vscode from "vscode";
import { send } from "./lsp";
import { WorkDoneProgress } from "vscode-languageclient/node";
import { GenerateRequest, type GenerateResult, type LlmMode } from "../common/protocol";
import type { Manifest, OutputFormat } from "../core/output";
import { outputFolderFor } from "../common/settings";
import { readConfig } from "./config";
import { errorMessage, requireSchema, type Ctx } from "./ctx";

export interface GenerateOptions {
  count?: number;
  seed?: number;
  /** Absolute, or relative to the schema's workspace folder. */
  outDir?: string;
  formats?: OutputFormat[];
  llmMode?: LlmMode;
  /** Extra cancellation (tests). */
  token?: vscode.CancellationToken;
  /** Skip the closing "Open Folder"/"Open Manifest" message. */
  quiet?: boolean;
}

type Plan = Required<Pick<GenerateOptions, "count" | "seed" | "outDir">>;

/** A folder relative to the schema's workspace folder (or to the schema's own folder outside a workspace). */
function absolute(schema: vscode.Uri, dir: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(schema)?.uri.fsPath ?? path.dirname(schema.fsPath);
  return path.resolve(folder, dir);
}

/** Count, seed and folder from the settings; the user confirms or changes them. */
async function askPlan(schema: vscode.Uri, plan: Plan, withModel: string | undefined): Promise<Plan | undefined> {
  for (;;) {
    const go = `$(play) Generate ${plan.count} records, seed ${plan.seed}${withModel ? `, with ${withModel}` : ""}`;
    const pick = await vscode.window.showQuickPick(
      [
        { label: go, description: vscode.workspace.asRelativePath(plan.outDir), id: "go" },
        { label: "$(symbol-number) Change count…", id: "count" },
        { label: "$(symbol-key) Change seed…", id: "seed" },
        { label: "$(folder) Change output folder…", id: "outDir" },
      ],
      { title: `SpecMint: generate fixtures for ${path.basename(schema.fsPath)}`, ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    if (pick.id === "go") return plan;
    if (pick.id === "outDir") {
      const v = await vscode.window.showInputBox({
        prompt: "Output folder (relative to the workspace folder)",
        value: vscode.workspace.asRelativePath(plan.outDir),
      });
      if (v) plan = { ...plan, outDir: absolute(schema, v) };
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
async function foreignFolder(dir: string): Promise<string | undefined> {
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
  return async (arg?: unknown, opts?: GenerateOptions): Promise<GenerateResult | undefined> => {
    const schema = requireSchema(arg);
    const config = readConfig(schema);
    const interactive = opts === undefined;
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
    };
    if (interactive) plan = await askPlan(schema, plan, withModel ? config.ollamaModel : undefined);
    if (!plan) return undefined;
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
    ctx.log(`generate ${target.count} records (seed ${target.seed}, llm ${llmMode}) from ${schema.fsPath} into ${target.outDir}`);
    let result: GenerateResult;
    try {
      result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: withModel ? `SpecMint: generating with ${config.ollamaModel}` : "SpecMint: generating fixtures",
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
    } catch (e) {
      ctx.log(errorMessage(e));
      if (interactive) void vscode.window.showErrorMessage(errorMessage(e));
      throw e;
    }
    const m = result.manifest as unknown as { dataset_id?: string; stats?: { llm_calls?: number } };
    ctx.log(`wrote ${result.files.length} files to ${result.outDir} (${m.dataset_id ?? ""})`);
    if (!o.quiet) void offerOpen(result);
    return result;
  };
}

async function offerOpen(result: GenerateResult): Promise<void> {
  const pick = await vscode.window.showInformationMessage(
    `SpecMint: wrote ${result.files.length} files to ${vscode.workspace.asRelativePath(result.outDir)}`,
    "Open Folder",
    "Open Manifest",
  );
  if (pick === "Open Folder") await vscode.commands.executeCommand("revealInExplorer", vscode.Uri.file(result.outDir));
  if (pick === "Open Manifest") await vscode.window.showTextDocument(vscode.Uri.file(path.join(result.outDir, "manifest.json")));
}
