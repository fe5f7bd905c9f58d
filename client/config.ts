// The `specmint.*` settings as the extension reads them (the server reads its own through
// workspace/configuration; this is only what the UI needs to prompt and to label).
import * as vscode from "vscode";
import type { LlmMode } from "../common/protocol";
import type { OutputFormat } from "../core/output";

export interface ClientConfig {
  seed: number;
  count: number;
  outputDirectory: string;
  formats: OutputFormat[];
  previewCount: number;
  llmMode: LlmMode;
  ollamaModel: string;
  ollamaHost: string;
}

export function readConfig(scope?: vscode.Uri): ClientConfig {
  const c = vscode.workspace.getConfiguration("specmint", scope);
  return {
    seed: c.get<number>("seed", 1),
    count: c.get<number>("count", 10),
    outputDirectory: c.get<string>("outputDirectory", "fixtures"),
    formats: c.get<OutputFormat[]>("formats", ["json", "jsonl"]),
    previewCount: c.get<number>("preview.count", 5),
    llmMode: c.get<LlmMode>("llm.mode", "off"),
    ollamaModel: c.get<string>("ollama.model", "qwen2.5:latest"),
    ollamaHost: c.get<string>("ollama.host", "http://127.0.0.1:11434"),
  };
}

/** Settings go to the workspace when there is one, else to the user. */
export async function updateSetting(key: string, value: unknown): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration("specmint").update(key, value, target);
}
