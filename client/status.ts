// The status item on schema files and their previews: `SpecMint: seed 1 · off` or
// `SpecMint: seed 1 · qwen2.5 ✓/✗` (whether the Ollama host answers with the model). The seed is the
// preview's (Next/Previous Seed move it; `specmint.seed` when they have not). Click: change the seed
// or the LLM mode, saved in the user settings unless the menu's "Save in" item picks the workspace.
import * as vscode from "vscode";
import { send } from "./lsp";
import { OllamaStatusRequest, type OllamaStatusResult } from "../common/protocol";
import { LLM_MODES } from "../common/settings";
import { readConfig } from "./config";
import type { Ctx } from "./ctx";
import { PREVIEW_SCHEME, SamplesPreview } from "./preview";

export const STATUS_COMMAND = "specmint.statusMenu";

function looksLikeSchema(doc: vscode.TextDocument | undefined): boolean {
  if (!doc || (doc.languageId !== "json" && doc.languageId !== "jsonc") || doc.uri.scheme !== "file") return false;
  const globs = readConfig(doc.uri).schemaGlobs;
  if (globs.some((pattern) => vscode.languages.match({ pattern }, doc) > 0)) return true;
  const head = doc.getText(new vscode.Range(0, 0, 200, 0));
  return /"\$schema"\s*:\s*"[^"]*json-schema\.org/.test(head) || /"x-llm|"x-cross-field-rules"/.test(head);
}

export class StatusItem {
  readonly item = vscode.window.createStatusBarItem("specmint.status", vscode.StatusBarAlignment.Right, 100);
  private ollama: { key: string; ok: boolean } | undefined;
  private checking: string | undefined;

  constructor(
    private readonly ctx: Ctx,
    readonly preview: SamplesPreview,
  ) {
    this.item.name = "SpecMint";
    this.item.command = STATUS_COMMAND;
    ctx.subscriptions.push(
      this.item,
      preview.onDidChangeState(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration("specmint") && ((this.ollama = undefined), this.update())),
    );
    this.update();
  }

  /** A status the doctor command found. */
  setOllama(s: OllamaStatusResult): void {
    this.ollama = { key: `${s.host}|${s.model}`, ok: !s.problem };
    this.update();
  }

  get text(): string {
    return this.item.text;
  }

  /** The schema of the active editor: the file itself, or the one a focused preview shows. */
  schema(): vscode.Uri | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc?.uri.scheme === PREVIEW_SCHEME) return SamplesPreview.schemaOf(doc.uri);
    return looksLikeSchema(doc) ? doc!.uri : undefined;
  }

  update(): void {
    const schema = this.schema();
    if (!schema) {
      this.item.hide();
      return;
    }
    const c = readConfig(schema);
    const seed = this.preview.seedOf(schema);
    let mode: string = "off";
    if (c.llmMode !== "off") {
      const key = `${c.ollamaHost}|${c.ollamaModel}`;
      const name = c.ollamaModel.replace(/:latest$/, "");
      if (this.ollama?.key === key) mode = `${name} ${this.ollama.ok ? "✓" : "✗"}`;
      else {
        mode = `${name} …`;
        void this.check(key);
      }
    }
    this.item.text = `SpecMint: seed ${seed} · ${mode}`;
    const previewSeed = seed !== c.seed ? ` in the preview (specmint.seed is ${c.seed})` : "";
    this.item.tooltip = `SpecMint: seed ${seed}${previewSeed}, LLM mode ${c.llmMode}${c.llmMode !== "off" ? ` with ${c.ollamaModel} at ${c.ollamaHost}` : ""}. Click to change.`;
    this.item.show();
  }

  private async check(key: string): Promise<void> {
    if (this.checking === key) return;
    this.checking = key;
    try {
      const s = await send(this.ctx.client, OllamaStatusRequest, {});
      this.ollama = { key, ok: !s.problem };
    } catch {
      this.ollama = { key, ok: false };
    } finally {
      this.checking = undefined;
    }
    this.update();
  }
}

const SCOPE_KEY = "specmint.statusMenu.workspace";

/**
 * Writes a setting the status menu changed: to the user settings, or to the workspace's when the user
 * picked it in the menu (no `.vscode/settings.json` is created otherwise). A workspace value that
 * would hide the user one is updated too (its file exists already).
 */
async function save(ctx: Ctx, schema: vscode.Uri | undefined, key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration("specmint", schema);
  const inWorkspace = ctx.extension.globalState.get<boolean>(SCOPE_KEY, false) && !!vscode.workspace.workspaceFolders?.length;
  const shadowed = config.inspect(key)?.workspaceValue !== undefined;
  await config.update(key, value, inWorkspace || shadowed ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  ctx.log(`status: ${key} = ${JSON.stringify(value)} in the ${inWorkspace || shadowed ? "workspace" : "user"} settings`);
}

export function statusMenu(ctx: Ctx, status: StatusItem) {
  const menu = async (): Promise<void> => {
    const schema = status.schema();
    const c = readConfig(schema);
    const seed = schema ? status.preview.seedOf(schema) : c.seed;
    const inWorkspace = ctx.extension.globalState.get<boolean>(SCOPE_KEY, false);
    const pick = await vscode.window.showQuickPick(
      [
        { label: `$(symbol-key) Change seed (now ${seed})…`, id: "seed" },
        ...LLM_MODES.map((m) => ({ label: `${m === c.llmMode ? "$(check)" : "$(blank)"} LLM mode: ${m}`, id: m })),
        { label: "$(server) Select model…", id: "model" },
        { label: "$(pulse) Check Ollama", id: "doctor" },
        ...(vscode.workspace.workspaceFolders?.length
          ? [
              {
                label: `$(settings-gear) Save changes in: ${inWorkspace ? "workspace" : "user"} settings`,
                description: `pick to save in the ${inWorkspace ? "user" : "workspace"} settings`,
                id: "scope",
              },
            ]
          : []),
      ],
      { title: "SpecMint" },
    );
    if (!pick) return;
    if (pick.id === "scope") {
      await ctx.extension.globalState.update(SCOPE_KEY, !inWorkspace);
      return menu();
    }
    if (pick.id === "seed") {
      const v = await vscode.window.showInputBox({
        prompt: "Seed",
        value: String(seed),
        validateInput: (s) => (/^\d+$/.test(s.trim()) ? undefined : "a whole number"),
      });
      if (v) {
        // The preview (and this item) follow at once, even when the setting already had the value.
        if (schema) status.preview.setSeed(schema, Number(v.trim()));
        if (schema) void status.preview.show(schema, false);
        await save(ctx, schema, "seed", Number(v.trim()));
      }
    } else if (pick.id === "model") await vscode.commands.executeCommand("specmint.selectModel");
    else if (pick.id === "doctor") await vscode.commands.executeCommand("specmint.doctor");
    else await save(ctx, schema, "llm.mode", pick.id);
    status.update();
    ctx.log(`status: ${status.text}`);
  };
  return menu;
}
