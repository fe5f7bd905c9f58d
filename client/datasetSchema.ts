// The schema a dataset is validated or inspected against, in the editor: gathers the facts
// schemaPairing.ts decides on (the dataset's manifest.json, the choice remembered in the workspace
// state, the active editor when SpecMint claims it as a schema), and asks with a quick pick of the
// workspace's schema files (the files the language server claims: common/claims.ts) when nothing decides.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { claimReason } from "../common/claims";
import { readConfig } from "./config";
import { toUri } from "./ctx";
import {
  chooseSchema,
  manifestBases,
  manifestFolderOf,
  manifestSchemaOf,
  type ManifestSchema,
  type RememberedSchema,
  SOURCE_WORDS,
  type SchemaSource,
} from "./schemaPairing";

/** workspaceState key: dataset path → the schema chosen for it. */
const REMEMBERED = "specmint.datasetSchemas";
/** Files read to find schemas by their content ($schema, x- keys) besides the globs, and how much of each. */
const MAX_SCANNED = 1000;
const HEAD_BYTES = 64 * 1024;

export interface DatasetSchema {
  uri: vscode.Uri;
  source: SchemaSource;
  /** Workspace-relative path, for messages and the log. */
  label: string;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function sha256(file: string): string | undefined {
  try {
    return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  } catch {
    return undefined;
  }
}

const workspacePaths = () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === "file").map((f) => f.uri.fsPath);

/** SpecMint claims the document as a schema (the language server's rule). */
function isSchemaDocument(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme !== "file") return false;
  return claimReason(doc.uri.toString(), doc.getText(), doc.languageId, readConfig(doc.uri).schemaGlobs, workspacePaths()) !== undefined;
}

export function labelOf(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/** The dataset's manifest.json schema fields, when it has one. */
export function datasetManifest(dataset: vscode.Uri): { folder: string; schema: ManifestSchema } | undefined {
  const folder = manifestFolderOf(dataset.fsPath, isDirectory(dataset.fsPath));
  if (!folder) return undefined;
  try {
    const schema = manifestSchemaOf(JSON.parse(fs.readFileSync(path.join(folder, "manifest.json"), "utf8")));
    return schema && { folder, schema };
  } catch {
    return undefined;
  }
}

export class DatasetSchemas {
  constructor(private readonly state: vscode.Memento) {}

  private remembered(dataset: vscode.Uri): RememberedSchema | undefined {
    return this.state.get<Record<string, RememberedSchema>>(REMEMBERED, {})[dataset.fsPath];
  }

  /** Keeps the person's choice for this dataset (and its manifest's dataset_id), so that the next run does not ask. */
  async remember(dataset: vscode.Uri, schema: vscode.Uri): Promise<void> {
    const all = { ...this.state.get<Record<string, RememberedSchema>>(REMEMBERED, {}) };
    all[dataset.fsPath] = { schema: schema.fsPath, datasetId: datasetManifest(dataset)?.schema.datasetId };
    await this.state.update(REMEMBERED, all);
  }

  /** The schema that goes with the dataset without asking (argument, earlier choice, manifest, active schema editor), or undefined. */
  decide(dataset: vscode.Uri, schemaArg: unknown): DatasetSchema | undefined {
    const given = toUri(schemaArg);
    if (given) return { uri: given, source: "argument", label: labelOf(given) };
    const manifest = datasetManifest(dataset);
    const active = vscode.window.activeTextEditor?.document;
    const choice = chooseSchema({
      remembered: this.remembered(dataset),
      manifest: manifest?.schema,
      manifestBases: manifest ? manifestBases(manifest.folder, workspacePaths()) : undefined,
      activeSchema: active && isSchemaDocument(active) ? active.uri.fsPath : undefined,
      isFile,
      sha256,
    });
    if (!choice) return undefined;
    // The active editor keeps its URI (its unsaved text is what the server validates against).
    const uri = choice.source === "active-editor" && active ? active.uri : vscode.Uri.file(choice.file);
    return { uri, source: choice.source, label: labelOf(uri) };
  }

  /** A quick pick of the workspace's schema files, with an Open… entry; the choice is remembered for the dataset. */
  async ask(dataset: vscode.Uri): Promise<DatasetSchema | undefined> {
    const open = { label: "$(folder-opened) Open…", description: "a schema file anywhere" };
    const files = await workspaceSchemas(dataset);
    const current = this.decide(dataset, undefined);
    // The schema used now (when there is one: Choose Schema…) first, saying why it is used.
    const ordered = [...files].sort((a, b) => Number(b.fsPath === current?.uri.fsPath) - Number(a.fsPath === current?.uri.fsPath));
    const items: (vscode.QuickPickItem & { uri?: vscode.Uri })[] = ordered.map((uri) => ({
      uri,
      label: path.basename(uri.fsPath),
      description: path.dirname(labelOf(uri)) === "." ? "" : path.dirname(labelOf(uri)),
      detail: current?.uri.fsPath === uri.fsPath ? `used now: ${SOURCE_WORDS[current.source]}` : undefined,
    }));
    const picked = await vscode.window.showQuickPick([...items, open], {
      title: `SpecMint: schema for ${labelOf(dataset)}`,
      placeHolder: files.length ? "the schema this dataset's records should follow" : "no schema file in the workspace: open one",
      matchOnDescription: true,
    });
    if (!picked) return undefined;
    let uri = "uri" in picked ? picked.uri : undefined;
    if (!uri) {
      const chosen = await vscode.window.showOpenDialog({
        title: `SpecMint: schema for ${labelOf(dataset)}`,
        canSelectFiles: true,
        canSelectFolders: false,
        canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        filters: { "JSON Schema": ["json", "jsonc"], "All files": ["*"] },
      });
      uri = chosen?.[0];
    }
    if (!uri) return undefined;
    await this.remember(dataset, uri);
    return { uri, source: "picked", label: labelOf(uri) };
  }
}

/**
 * The workspace's schema files: those matching specmint.schemaGlobs, and JSON files whose content
 * makes them schemas ($schema naming a draft, SpecMint's x- keys), never the dataset's own files.
 */
async function workspaceSchemas(dataset: vscode.Uri): Promise<vscode.Uri[]> {
  const globs = readConfig().schemaGlobs;
  const skip = "{**/node_modules/**,**/.git/**,**/record_[0-9]*.json,**/manifest.json}";
  const found = new Map<string, vscode.Uri>();
  const byGlob = await vscode.workspace.findFiles(globs.length === 1 ? globs[0] : `{${globs.join(",")}}`, skip, MAX_SCANNED);
  for (const uri of byGlob) found.set(uri.fsPath, uri);
  for (const doc of vscode.workspace.textDocuments) if (isSchemaDocument(doc)) found.set(doc.uri.fsPath, doc.uri);
  for (const uri of await vscode.workspace.findFiles("**/*.{json,jsonc}", skip, MAX_SCANNED)) {
    if (found.has(uri.fsPath)) continue;
    const text = await head(uri.fsPath);
    if (text !== undefined && claimReason(uri.toString(), text, "json", globs, workspacePaths())) found.set(uri.fsPath, uri);
  }
  const inside = (f: string) => f === dataset.fsPath || f.startsWith(dataset.fsPath + path.sep);
  return [...found.values()].filter((u) => !inside(u.fsPath)).sort((a, b) => labelOf(a).localeCompare(labelOf(b)));
}

/**
 * Inspect Dataset's schema (optional: without one it shows no declared fields): the argument, else
 * what Validate Dataset would use without asking. `null` asks for none.
 */
export function inspectSchema(schemas: DatasetSchemas, dataset: vscode.Uri, schemaArg: unknown): vscode.Uri | undefined {
  return schemaArg === null ? undefined : schemas.decide(dataset, schemaArg)?.uri;
}

/** The start of a file (where `$schema` and a schema's keys are), without reading a large data file whole; undefined when unreadable. */
async function head(file: string): Promise<string | undefined> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(file, "r");
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead).toString("utf8");
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
