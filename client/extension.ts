// The VS Code extension: starts the bundled language server for JSON schema documents and registers
// the commands (each a small factory in its own file), the samples preview and the status item.
// The server computes; the extension only asks and shows.
import * as path from "node:path";
import * as vscode from "vscode";
import { notify } from "./lsp";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { Commands, MoreCommands, TrustChangedNotification, type InitializationOptions } from "../common/protocol";
import { Ctx } from "./ctx";
import { SamplesPreview, nextSeed, previewSamples } from "./preview";
import { generateFixtures } from "./generate";
import { validateDataset } from "./validateDataset";
import { inspectDataset } from "./inspectView";
import { doctor, newSchemaFromDescription, selectModel } from "./ollama";
import { StatusItem, statusMenu } from "./status";
import { addSchemaDir, mapRefPrefix } from "./refMapping";

let client: LanguageClient | undefined;

/** What `activate` returns: for tests. */
export interface SpecMintApi {
  client: LanguageClient;
  statusText(): string;
}

export async function activate(context: vscode.ExtensionContext): Promise<SpecMintApi> {
  const output = vscode.window.createOutputChannel("SpecMint", { log: true });
  context.subscriptions.push(output);
  const module = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio },
  };
  // LLM answers are cached in the extension's own storage, not in a folder of the workspace.
  const initializationOptions: InitializationOptions = {
    trusted: vscode.workspace.isTrusted,
    llmCacheDir: vscode.Uri.joinPath(context.globalStorageUri, "llm").fsPath,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "json" },
      { scheme: "file", language: "jsonc" },
      { scheme: "untitled", language: "json" },
    ],
    initializationOptions,
    outputChannel: output,
    synchronize: { configurationSection: "specmint" },
  };
  client = new LanguageClient("specmint", "SpecMint", serverOptions, clientOptions);
  const ctx = new Ctx(context, client, output);
  await client.start();
  ctx.log(`started (workspace ${vscode.workspace.isTrusted ? "trusted" : "not trusted: generation and model calls are refused"})`);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      ctx.log("workspace trusted");
      void (client && notify(client, TrustChangedNotification, { trusted: true }));
    }),
  );

  const preview = new SamplesPreview(ctx);
  const status = new StatusItem(ctx);
  const diagnostics = vscode.languages.createDiagnosticCollection("specmint-dataset");
  context.subscriptions.push(diagnostics);

  const commands: Record<string, (...args: never[]) => unknown> = {
    [Commands.previewSamples]: previewSamples(ctx, preview),
    [MoreCommands.nextSeed]: nextSeed(ctx, preview),
    [Commands.generateFixtures]: generateFixtures(ctx, false),
    [MoreCommands.enrichWithOllama]: generateFixtures(ctx, true),
    [MoreCommands.validateDataset]: validateDataset(ctx, diagnostics),
    [MoreCommands.inspectDataset]: inspectDataset(ctx),
    [MoreCommands.doctor]: doctor(ctx, (s) => status.setOllama(s)),
    [MoreCommands.selectModel]: selectModel(ctx),
    [MoreCommands.newSchemaFromDescription]: newSchemaFromDescription(ctx),
    [MoreCommands.statusMenu]: statusMenu(ctx, status),
    [MoreCommands.addSchemaDir]: addSchemaDir(ctx),
    [MoreCommands.mapRefPrefix]: mapRefPrefix(ctx),
  };
  for (const [id, run] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown));
  }
  return { client, statusText: () => status.text };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
