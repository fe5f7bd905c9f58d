// Preview Samples: a read-only JSON virtual document beside the schema with `specmint.preview.count`
// records for the schema's current seed (the server's samples, which equal the CLI's records).
import * as vscode from "vscode";
import { send } from "./lsp";
import { SamplesRequest } from "../common/protocol";
import { readConfig } from "./config";
import { errorMessage, requireSchema, type Ctx } from "./ctx";

export const PREVIEW_SCHEME = "specmint-preview";

export class SamplesPreview implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Seed per schema URI (starts at `specmint.seed`; "Next seed" moves it on). */
  private readonly seeds = new Map<string, number>();
  private readonly last = new Map<string, unknown[]>();

  constructor(private readonly ctx: Ctx) {
    ctx.subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this),
      vscode.workspace.onDidSaveTextDocument((doc) => this.refresh(doc.uri)),
      this.changed,
    );
  }

  static previewUri(schema: vscode.Uri): vscode.Uri {
    const base = schema.path.replace(/\.json$/i, "");
    return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `${base}.samples.json`, query: schema.toString() });
  }

  static schemaOf(preview: vscode.Uri): vscode.Uri {
    return vscode.Uri.parse(preview.query);
  }

  seedOf(schema: vscode.Uri): number {
    return this.seeds.get(schema.toString()) ?? readConfig(schema).seed;
  }

  samplesOf(schema: vscode.Uri): unknown[] | undefined {
    return this.last.get(schema.toString());
  }

  refresh(schema: vscode.Uri): void {
    const uri = SamplesPreview.previewUri(schema);
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.changed.fire(uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const schema = SamplesPreview.schemaOf(uri);
    const count = readConfig(schema).previewCount;
    try {
      const { samples } = await send(
        this.ctx.client,
        SamplesRequest,
        { uri: schema.toString(), pointer: "", count, seed: this.seedOf(schema) },
        token,
      );
      this.last.set(schema.toString(), samples);
      return JSON.stringify(samples, null, 2) + "\n";
    } catch (e) {
      this.ctx.log(`preview of ${schema.fsPath}: ${errorMessage(e)}`);
      return JSON.stringify({ error: errorMessage(e) }, null, 2) + "\n";
    }
  }

  setSeed(schema: vscode.Uri, seed: number): void {
    if (seed === this.seedOf(schema)) return;
    this.seeds.set(schema.toString(), seed);
    this.refresh(schema);
  }

  nextSeed(schema: vscode.Uri): number {
    const seed = this.seedOf(schema) + 1;
    this.seeds.set(schema.toString(), seed);
    this.refresh(schema);
    return seed;
  }
}

export interface PreviewResult {
  uri: string;
  seed: number;
  samples: unknown[];
}

export function previewSamples(ctx: Ctx, preview: SamplesPreview) {
  return async (arg?: unknown, opts: { seed?: number } = {}): Promise<PreviewResult> => {
    const schema = requireSchema(arg);
    if (opts.seed !== undefined) preview.setSeed(schema, opts.seed);
    const uri = SamplesPreview.previewUri(schema);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, "json");
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    const seed = preview.seedOf(schema);
    const { samples } = await send(ctx.client, SamplesRequest, {
      uri: schema.toString(),
      pointer: "",
      count: readConfig(schema).previewCount,
      seed,
    });
    return { uri: uri.toString(), seed, samples };
  };
}

export function nextSeed(ctx: Ctx, preview: SamplesPreview) {
  return async (arg?: unknown): Promise<PreviewResult> => {
    const active = vscode.window.activeTextEditor?.document.uri;
    const schema = active?.scheme === PREVIEW_SCHEME && arg === undefined ? SamplesPreview.schemaOf(active) : requireSchema(arg);
    preview.nextSeed(schema);
    return previewSamples(ctx, preview)(schema);
  };
}
