// The VS Code extension: starts the bundled language server for JSON schema documents and registers
// the commands (each a small factory in its own file), the samples preview and the status item.
// The server computes; the extension only asks and shows.
import * as path from "node:path";
import * as vscode from "vscode";
import { notify } from "./lsp";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { Commands, MoreCommands, TrustChangedNotification, type InitializationOptions } from "../common/protocol";
import { Ctx } from "./ctx";
import { SamplesPreview, chooseKind, previewSamples, stepSeed } from "./preview";
import { GENERATE_OPTION_KEYS, generateFixtures } from "./generate";
import { generateSet, setFileUri } from "./generateSet";
import { guarded, isOptions } from "./notify";
import { DatasetValidation } from "./validateDataset";
import { DatasetDiagnostics } from "./datasetDiagnostics";
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
    jsonKeywordCompletion: true,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "json" },
      { scheme: "file", language: "jsonc" },
      { scheme: "untitled", language: "json" },
      // Set files (issue 15): VS Code has no TOML language of its own (a TOML extension names it "toml").
      { scheme: "file", pattern: "**/*.toml" },
    ],
    initializationOptions,
    outputChannel: output,
    // A set file created, changed or deleted on disk changes which sets a schema belongs to.
    synchronize: { configurationSection: "specmint", fileEvents: vscode.workspace.createFileSystemWatcher("**/*.toml") },
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
  const status = new StatusItem(ctx, preview);
  const diagnostics = new DatasetDiagnostics(vscode.languages.createDiagnosticCollection("specmint-dataset"));
  context.subscriptions.push(diagnostics);
  const validation = new DatasetValidation(ctx, diagnostics);

  // Every command is guarded (notify.ts): run from the UI, a failure is one notification with its
  // buttons and never rethrown to VS Code (no modal, no second toast); called with a program's
  // arguments (tests), it rejects. `reportsItself`: the command still shows its own message.
  type Run = (...args: never[]) => unknown;
  type Guard = { isApiCall?: (...args: unknown[]) => boolean; reportsItself?: (...args: unknown[]) => boolean };
  const generateApi = (_arg: unknown, opts: unknown) => isOptions(opts, GENERATE_OPTION_KEYS);
  // Generate Fixtures on a set file generates the set; on a schema, the schema's dataset.
  const fixtures = generateFixtures(ctx, false);
  const set = generateSet(ctx);
  const generateSchemaOrSet = (arg?: unknown, opts?: never) => {
    const setFile = setFileUri(arg);
    return setFile ? set(setFile, opts) : fixtures(arg, opts);
  };
  const commands: Record<string, [Run, Guard?]> = {
    [Commands.previewSamples]: [previewSamples(ctx, preview), { isApiCall: (_arg, opts) => isOptions(opts, ["seed", "kind"]) }],
    [MoreCommands.nextSeed]: [stepSeed(ctx, preview, 1)],
    [MoreCommands.previousSeed]: [stepSeed(ctx, preview, -1)],
    [MoreCommands.previewKind]: [chooseKind(ctx, preview), { isApiCall: (_arg, kind) => typeof kind === "string" }],
    [Commands.generateFixtures]: [generateSchemaOrSet, { isApiCall: generateApi }],
    [MoreCommands.enrichWithOllama]: [generateFixtures(ctx, true), { isApiCall: generateApi }],
    [MoreCommands.validateDataset]: [validation.command(), { isApiCall: (_schema, dataset) => dataset !== undefined }],
    // From a program: (dataset, schema); from the palette or a notification's Choose Schema…: (dataset?).
    [MoreCommands.chooseDatasetSchema]: [validation.chooseCommand(), { isApiCall: (_dataset, schema) => schema !== undefined }],
    [MoreCommands.inspectDataset]: [
      inspectDataset(ctx, validation.schemas),
      // From the explorer: (folder or file, [selection]).
      {
        isApiCall: (_dataset, schema) => schema !== undefined && !Array.isArray(schema),
        reportsItself: (dataset) => dataset === undefined,
      },
    ],
    [MoreCommands.doctor]: [doctor(ctx, (s) => status.setOllama(s)), { isApiCall: (opts) => isOptions(opts, ["quiet"]) }],
    [MoreCommands.selectModel]: [selectModel(ctx), { isApiCall: (model) => typeof model === "string" }],
    [MoreCommands.newSchemaFromDescription]: [
      newSchemaFromDescription(ctx),
      { isApiCall: (description) => typeof description === "string" },
    ],
    [MoreCommands.statusMenu]: [statusMenu(ctx, status)],
    [MoreCommands.addSchemaDir]: [addSchemaDir(ctx)],
    [MoreCommands.mapRefPrefix]: [mapRefPrefix(ctx)],
  };
  for (const [id, [run, guard]] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, guarded(ctx, run as (...args: unknown[]) => unknown, guard)));
  }
  return { client, statusText: () => status.text };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
