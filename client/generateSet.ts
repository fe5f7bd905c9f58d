// Generate Fixtures on a set file (issue 15): the output folder (and, if wanted, another seed than
// the set file's) confirmed in a quick prompt, then specmint/generateSet writes DIR/<entity>/ for each
// entity and DIR/manifest.json, with a cancellable progress notification; "Open Folder"/"Open
// Manifest" at the end. The set file itself carries count, per-parent numbers, seed and formats.
import * as path from "node:path";
import * as vscode from "vscode";
import { send } from "./lsp";
import { GenerateSetRequest, type GenerateSetResult } from "../common/protocol";
import { outputFolderFor } from "../common/settings";
import { readConfig } from "./config";
import { toUri, type Ctx } from "./ctx";
import { absolute, askOutputFolder, checkCanRun, foreignFolder } from "./generate";

export interface GenerateSetOptions {
  /** Absolute, or relative to the set file's workspace folder. */
  outDir?: string;
  /** Overrides the set file's seed. */
  seed?: number;
  token?: vscode.CancellationToken;
  /** Skip the closing "Open Folder"/"Open Manifest" message. */
  quiet?: boolean;
}

/** The set file a command is about: a .toml argument, else the active editor's .toml file (any language id: VS Code has no TOML of its own). */
export function setFileUri(arg: unknown): vscode.Uri | undefined {
  const given = toUri(arg) ?? (arg === undefined ? vscode.window.activeTextEditor?.document.uri : undefined);
  return given && given.scheme === "file" && /\.toml$/i.test(given.path) ? given : undefined;
}

interface SetPlan {
  outDir: string;
  seed?: number;
}

async function askSetPlan(setFile: vscode.Uri, plan: SetPlan): Promise<SetPlan | undefined> {
  for (;;) {
    const pick = await vscode.window.showQuickPick(
      [
        {
          label: `$(play) Generate the set${plan.seed === undefined ? " (seed from the set file)" : `, seed ${plan.seed}`}`,
          description: vscode.workspace.asRelativePath(plan.outDir),
          id: "go",
        },
        { label: "$(folder) Change output folder…", id: "outDir" },
        { label: "$(symbol-key) Change seed…", id: "seed" },
      ],
      { title: `SpecMint: generate the set ${path.basename(setFile.fsPath)}`, ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    if (pick.id === "go") return plan;
    if (pick.id === "outDir") {
      plan = { ...plan, outDir: await askOutputFolder(setFile, plan.outDir) };
      continue;
    }
    const v = await vscode.window.showInputBox({
      prompt: "Seed (empty: the set file's)",
      value: plan.seed === undefined ? "" : String(plan.seed),
      validateInput: (s) => (s.trim() === "" || /^\d+$/.test(s.trim()) ? undefined : "a whole number, or empty"),
    });
    if (v !== undefined) plan = { ...plan, seed: v.trim() === "" ? undefined : Number(v.trim()) };
  }
}

export function generateSet(ctx: Ctx) {
  return async (setFile: vscode.Uri, opts?: GenerateSetOptions): Promise<GenerateSetResult | undefined> => {
    const interactive = opts === undefined;
    await checkCanRun(ctx, "writing fixtures", false);
    const config = readConfig(setFile);
    let plan: SetPlan | undefined = {
      outDir: absolute(setFile, opts?.outDir ?? outputFolderFor(setFile.fsPath, config.outputDirectory)),
      seed: opts?.seed,
    };
    if (interactive) plan = await askSetPlan(setFile, plan);
    if (!plan) return undefined;
    const foreign = await foreignFolder(plan.outDir);
    if (foreign) {
      const rel = vscode.workspace.asRelativePath(plan.outDir);
      const message = `${rel} is not empty and is not SpecMint output (it holds ${foreign}); choose another folder`;
      if (!interactive) throw new Error(`SpecMint: ${message}`);
      void vscode.window.showWarningMessage(`SpecMint: ${message}. SpecMint never overwrites it.`);
      return undefined;
    }
    const target = plan;
    const workDoneToken = `specmint-generate-set-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    ctx.log(`generate the set ${setFile.fsPath} into ${target.outDir}${target.seed === undefined ? "" : ` (seed ${target.seed})`}`);
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `SpecMint: generating the set ${path.basename(setFile.fsPath)}`,
        cancellable: true,
      },
      async (_progress, token) => {
        const cts = new vscode.CancellationTokenSource();
        const links = [token.onCancellationRequested(() => cts.cancel()), opts?.token?.onCancellationRequested(() => cts.cancel())];
        try {
          return await send(
            ctx.client,
            GenerateSetRequest,
            { uri: setFile.toString(), outDir: target.outDir, ...(target.seed !== undefined ? { seed: target.seed } : {}), workDoneToken },
            cts.token,
          );
        } finally {
          for (const l of links) l?.dispose();
          cts.dispose();
        }
      },
    );
    const counts = result.entities.map((e) => `${e.name} ${e.records?.toLocaleString("en-US") ?? "?"}`).join(", ");
    ctx.log(`${result.summary}${counts ? ` (${counts})` : ""}`);
    if (!opts?.quiet) void offerOpen(result);
    return result;
  };
}

async function offerOpen(result: GenerateSetResult): Promise<void> {
  const pick = await vscode.window.showInformationMessage(`SpecMint: ${result.summary}`, "Open Folder", "Open Manifest");
  if (pick === "Open Folder") await vscode.commands.executeCommand("revealInExplorer", vscode.Uri.file(result.outDir));
  if (pick === "Open Manifest") await vscode.window.showTextDocument(vscode.Uri.file(path.join(result.outDir, "manifest.json")));
}
