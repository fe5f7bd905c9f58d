// The `specmint.*` settings as the extension reads them (the server reads its own through
// workspace/configuration; this is only what the UI needs to prompt and to label).
import * as vscode from "vscode";
import { DEFAULT_SETTINGS, GENERATE_KINDS, cleanHost, type GenerateKind, type LlmMode } from "../common/settings";
import type { OutputFormat } from "../core/output";

export interface ClientConfig {
  seed: number;
  count: number;
  outputDirectory: string;
  formats: OutputFormat[];
  previewCount: number;
  /** The kind Generate Fixtures offers first and a new preview starts with. */
  generateKind: GenerateKind;
  llmMode: LlmMode;
  ollamaModel: string;
  ollamaHost: string;
  schemaGlobs: string[];
}

function kindOf(v: unknown): GenerateKind | undefined {
  return GENERATE_KINDS.find((k) => k === v);
}

export function readConfig(scope?: vscode.Uri): ClientConfig {
  const c = vscode.workspace.getConfiguration("specmint", scope);
  const d = DEFAULT_SETTINGS;
  return {
    seed: c.get<number>("seed", d.seed),
    count: c.get<number>("count", d.count),
    outputDirectory: c.get<string>("outputDirectory", d.outputDirectory),
    formats: c.get<OutputFormat[]>("formats", d.formats),
    previewCount: c.get<number>("preview.count", d.preview.count),
    generateKind: kindOf(c.get<unknown>("generate.kind")) ?? d.generate.kind,
    llmMode: c.get<LlmMode>("llm.mode", d.llm.mode),
    ollamaModel: c.get<string>("ollama.model", d.ollama.model),
    ollamaHost: cleanHost(c.get<string>("ollama.host", d.ollama.host)) ?? d.ollama.host,
    schemaGlobs: c.get<string[]>("schemaGlobs", d.schemaGlobs),
  };
}

/** Settings go to the workspace when there is one, else to the user. */
export async function updateSetting(key: string, value: unknown): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration("specmint").update(key, value, target);
}
