// Preview Samples: ONE read-only JSON editor per schema, beside it, with `specmint.preview.count`
// records of the preview's kind for its seed (the server's samples, which equal the CLI's records).
// Its tab title is the state, "people · seed 2 · 5 records" ("people · invalid · seed 2 · 5 records"
// for another kind than valid): a virtual document whose URI path is that title (the schema's URI is
// the query). Next/Previous Seed and Preview Kind… open the new title in the same column and close the
// old tab; edits to the schema refresh the content in place after the debounce (no save needed).
// Invalid records are shown as JSON with comments: each record's label (the line violations.jsonl
// has for it) in a comment above it.
import * as path from "node:path";
import * as vscode from "vscode";
import { send } from "./lsp";
import { SamplesRequest, type SamplesResult, type Violation } from "../common/protocol";
import { GENERATE_KINDS, type GenerateKind as RecordKind } from "../common/settings";
import { readConfig } from "./config";
import { pickKind } from "./kindPick";
import { errorMessage, requireSchema, toUri, type Ctx } from "./ctx";

export const PREVIEW_SCHEME = "specmint-preview";
/** Quiet time after an edit before the preview asks again: the server's diagnostics debounce (100 ms). */
const DEBOUNCE_MS = 100;

/** "people" for people.schema.json. */
function schemaName(schema: vscode.Uri): string {
  return path.posix.basename(schema.path).replace(/(\.schema)?\.jsonc?$/i, "");
}

export class SamplesPreview implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Fired with the schema whose preview seed moved (the status item shows it). */
  private readonly stateChanged = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChangeState = this.stateChanged.event;
  /** Seed per schema URI (starts at `specmint.seed`; Next/Previous Seed move it). */
  private readonly seeds = new Map<string, number>();
  /** Kind per schema URI (starts at `specmint.generate.kind`; Preview Kind… changes it). */
  private readonly kinds = new Map<string, RecordKind>();
  private readonly last = new Map<string, unknown[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly showing = new Map<string, Promise<unknown>>();

  constructor(private readonly ctx: Ctx) {
    ctx.subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this),
      vscode.workspace.onDidSaveTextDocument((doc) => this.refresh(doc.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.scheme === PREVIEW_SCHEME || e.contentChanges.length === 0) return;
        this.refreshSoon(e.document.uri);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration("specmint")) return;
        // A new `specmint.seed` (the status menu) starts every preview again from it.
        if (e.affectsConfiguration("specmint.seed")) this.seeds.clear();
        if (e.affectsConfiguration("specmint.generate.kind")) this.kinds.clear();
        for (const schema of this.schemasShown()) void this.show(schema, false);
      }),
      { dispose: () => this.timers.forEach((t) => clearTimeout(t)) },
      this.changed,
      this.stateChanged,
    );
  }

  static previewUri(schema: vscode.Uri, seed: number, count: number, kind: RecordKind = "valid"): vscode.Uri {
    const dir = path.posix.dirname(schema.path);
    const what = kind === "valid" ? "" : `${kind} · `;
    const title = `${schemaName(schema)} · ${what}seed ${seed} · ${count} record${count === 1 ? "" : "s"}`;
    return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: path.posix.join(dir, title), query: schema.toString() });
  }

  static schemaOf(preview: vscode.Uri): vscode.Uri {
    return vscode.Uri.parse(preview.query);
  }

  /** The schema a command is about: a preview's (title bar, active editor) or the schema itself. */
  static schemaFor(arg: unknown): vscode.Uri {
    const given = toUri(arg) ?? vscode.window.activeTextEditor?.document.uri;
    if (given?.scheme === PREVIEW_SCHEME) return SamplesPreview.schemaOf(given);
    return requireSchema(arg);
  }

  seedOf(schema: vscode.Uri): number {
    return this.seeds.get(schema.toString()) ?? readConfig(schema).seed;
  }

  kindOf(schema: vscode.Uri): RecordKind {
    return this.kinds.get(schema.toString()) ?? readConfig(schema).generateKind;
  }

  samplesOf(schema: vscode.Uri): unknown[] | undefined {
    return this.last.get(schema.toString());
  }

  /** The preview tabs of a schema (any title), in every group. */
  private tabsOf(schema: vscode.Uri): vscode.Tab[] {
    return vscode.window.tabGroups.all.flatMap((g) =>
      g.tabs.filter(
        (t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === PREVIEW_SCHEME && t.input.uri.query === schema.toString(),
      ),
    );
  }

  private schemasShown(): vscode.Uri[] {
    const keys = new Set<string>();
    for (const g of vscode.window.tabGroups.all)
      for (const t of g.tabs)
        if (t.input instanceof vscode.TabInputText && t.input.uri.scheme === PREVIEW_SCHEME) keys.add(t.input.uri.query);
    return [...keys].map((k) => vscode.Uri.parse(k));
  }

  /** New content for the schema's open preview, now. */
  refresh(schema: vscode.Uri): void {
    for (const t of this.tabsOf(schema)) this.changed.fire((t.input as vscode.TabInputText).uri);
  }

  /** New content after the schema has been quiet for the debounce interval (not per keystroke). */
  private refreshSoon(schema: vscode.Uri): void {
    const key = schema.toString();
    if (this.tabsOf(schema).length === 0) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.refresh(schema);
      }, DEBOUNCE_MS),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const schema = SamplesPreview.schemaOf(uri);
    const count = readConfig(schema).previewCount;
    const kind = this.kindOf(schema);
    try {
      const result = await send(
        this.ctx.client,
        SamplesRequest,
        { uri: schema.toString(), pointer: "", count, seed: this.seedOf(schema), kind },
        token,
      );
      this.last.set(schema.toString(), result.samples);
      return previewText(result);
    } catch (e) {
      this.ctx.log(`preview of ${schema.fsPath}: ${errorMessage(e)}`);
      return JSON.stringify({ error: errorMessage(e) }, null, 2) + "\n";
    }
  }

  setKind(schema: vscode.Uri, kind: RecordKind): void {
    if (kind === this.kindOf(schema)) return;
    this.kinds.set(schema.toString(), kind);
    this.stateChanged.fire(schema);
  }

  setSeed(schema: vscode.Uri, seed: number): void {
    if (seed === this.seedOf(schema)) return;
    this.seeds.set(schema.toString(), seed);
    this.stateChanged.fire(schema);
  }

  /**
   * Shows the schema's preview with its current title: the open preview when the title is the same
   * (refreshed), else the new title in the column of the old one, whose tab is then closed.
   * `reveal`: bring it to the front (the commands); otherwise only an already visible one changes.
   */
  show(schema: vscode.Uri, reveal: boolean): Promise<vscode.Uri> {
    // One at a time per schema: two at once (the status menu, then the setting's change) would each
    // see the old tab and open the new title twice.
    const key = schema.toString();
    const next = (this.showing.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => this.showNow(schema, reveal));
    this.showing.set(key, next);
    return next;
  }

  private async showNow(schema: vscode.Uri, reveal: boolean): Promise<vscode.Uri> {
    const kind = this.kindOf(schema);
    const uri = SamplesPreview.previewUri(schema, this.seedOf(schema), readConfig(schema).previewCount, kind);
    const tabs = this.tabsOf(schema);
    if (tabs.length === 0 && !reveal) return uri;
    const same = tabs.find((t) => (t.input as vscode.TabInputText).uri.toString() === uri.toString());
    const old = tabs.filter((t) => t !== same);
    const active = vscode.window.activeTextEditor?.document.uri;
    const focusedPreview = active?.scheme === PREVIEW_SCHEME && active.query === schema.toString();
    const known = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    const column = (same ?? old[0])?.group.viewColumn ?? vscode.ViewColumn.Beside;
    if (!same || reveal) {
      const doc = await vscode.workspace.openTextDocument(uri);
      // Labels are comments: JSON with comments for invalid records, plain JSON otherwise.
      const language = kind === "invalid" ? "jsonc" : "json";
      if (doc.languageId !== language) await vscode.languages.setTextDocumentLanguage(doc, language);
      await vscode.window.showTextDocument(doc, { viewColumn: column, preview: false, preserveFocus: !focusedPreview });
    }
    // A document still open under this title (shown before, or the same tab) gets the new content.
    if (known) this.changed.fire(uri);
    if (old.length > 0) await vscode.window.tabGroups.close(old, true);
    return uri;
  }
}

/** One comment line: what a record breaks, where, and ajv's message (as violations.jsonl has it): "#3 minimum at /age: must be >= 0". */
function labelComment(v: Violation): string {
  // Short: the preview usually sits in a narrow column beside the schema.
  const text = `#${v.index} ${v.keyword}${v.instance_path ? ` at ${v.instance_path}` : ""}: ${v.message}`;
  return `// ${text.replace(/[\r\n]+/g, " ")}`;
}

/**
 * The preview's text: the records as a JSON array; for invalid records, each one's label in a
 * comment above it (JSON with comments), so that the label sits next to the record it explains.
 */
export function previewText(result: SamplesResult): string {
  const { samples, violations } = result;
  if (!violations) return JSON.stringify(samples, null, 2) + "\n";
  const indent = (text: string) => text.replace(/^/gm, "  ");
  const items = samples.map((s, k) => `${indent(labelComment(violations[k]))}\n${indent(JSON.stringify(s, null, 2))}`);
  return `// Each record breaks the one constraint named above it\n[\n${items.join(",\n")}\n]\n`;
}

export interface PreviewResult {
  uri: string;
  seed: number;
  kind: RecordKind;
  samples: unknown[];
  /** Kind invalid: each sample's label. */
  violations?: Violation[];
}

async function showAndReport(ctx: Ctx, preview: SamplesPreview, schema: vscode.Uri): Promise<PreviewResult> {
  const uri = await preview.show(schema, true);
  const seed = preview.seedOf(schema);
  const kind = preview.kindOf(schema);
  const { samples, violations } = await send(ctx.client, SamplesRequest, {
    uri: schema.toString(),
    pointer: "",
    count: readConfig(schema).previewCount,
    seed,
    kind,
  });
  return { uri: uri.toString(), seed, kind, samples, ...(violations ? { violations } : {}) };
}

export function previewSamples(ctx: Ctx, preview: SamplesPreview) {
  return async (arg?: unknown, opts: { seed?: number; kind?: RecordKind } = {}): Promise<PreviewResult> => {
    const schema = SamplesPreview.schemaFor(arg);
    if (opts.seed !== undefined) preview.setSeed(schema, opts.seed);
    if (opts.kind !== undefined) preview.setKind(schema, opts.kind);
    return showAndReport(ctx, preview, schema);
  };
}

/** Preview Kind…: valid, invalid or boundary records in the schema's preview (a program passes the kind). */
export function chooseKind(ctx: Ctx, preview: SamplesPreview) {
  return async (arg?: unknown, given?: unknown): Promise<PreviewResult | undefined> => {
    const schema = SamplesPreview.schemaFor(arg);
    // From the title bar the second argument is the editor's context ({groupId, …}), not a kind.
    const kind = GENERATE_KINDS.find((k) => k === given);
    const chosen = kind ?? (await pickKind(`SpecMint: preview of ${path.posix.basename(schema.path)}`, preview.kindOf(schema)));
    if (!chosen) return undefined;
    preview.setKind(schema, chosen);
    return showAndReport(ctx, preview, schema);
  };
}

/** Next Seed (step 1) and Previous Seed (step -1; never below 0), from the title bar or the palette. */
export function stepSeed(ctx: Ctx, preview: SamplesPreview, step: 1 | -1) {
  return async (arg?: unknown): Promise<PreviewResult> => {
    const schema = SamplesPreview.schemaFor(arg);
    preview.setSeed(schema, Math.max(0, preview.seedOf(schema) + step));
    return showAndReport(ctx, preview, schema);
  };
}
