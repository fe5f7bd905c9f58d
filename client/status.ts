// The status item on schema files: `SpecMint: seed 1 · off` or `SpecMint: seed 1 · qwen2.5 ✓/✗`
// (whether the Ollama host answers with the model). Click: change the seed or the LLM mode.
import * as vscode from "vscode";
import { send } from "./lsp";
import { OllamaStatusRequest, type OllamaStatusResult } from "../common/protocol";
import { LLM_MODES } from "../common/settings";
import { readConfig, updateSetting } from "./config";
import type { Ctx } from "./ctx";

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

  constructor(private readonly ctx: Ctx) {
    this.item.name = "SpecMint";
    this.item.command = STATUS_COMMAND;
    ctx.subscriptions.push(
      this.item,
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

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!looksLikeSchema(doc)) {
      this.item.hide();
      return;
    }
    const c = readConfig(doc!.uri);
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
    this.item.text = `SpecMint: seed ${c.seed} · ${mode}`;
    this.item.tooltip = `SpecMint: seed ${c.seed}, LLM mode ${c.llmMode}${c.llmMode !== "off" ? ` with ${c.ollamaModel} at ${c.ollamaHost}` : ""}. Click to change.`;
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

export function statusMenu(ctx: Ctx, status: StatusItem) {
  return async (): Promise<void> => {
    const c = readConfig(vscode.window.activeTextEditor?.document.uri);
    const pick = await vscode.window.showQuickPick(
      [
        { label: `$(symbol-key) Change seed (now ${c.seed})…`, id: "seed" },
        ...LLM_MODES.map((m) => ({ label: `${m === c.llmMode ? "$(check)" : "$(blank)"} LLM mode: ${m}`, id: m })),
        { label: "$(server) Select model…", id: "model" },
        { label: "$(pulse) Check Ollama", id: "doctor" },
      ],
      { title: "SpecMint" },
    );
    if (!pick) return;
    if (pick.id === "seed") {
      const v = await vscode.window.showInputBox({
        prompt: "Seed",
        value: String(c.seed),
        validateInput: (s) => (/^\d+$/.test(s.trim()) ? undefined : "a whole number"),
      });
      if (v) await updateSetting("seed", Number(v.trim()));
    } else if (pick.id === "model") await vscode.commands.executeCommand("specmint.selectModel");
    else if (pick.id === "doctor") await vscode.commands.executeCommand("specmint.doctor");
    else await updateSetting("llm.mode", pick.id);
    status.update();
    ctx.log(`status: ${status.text}`);
  };
}
