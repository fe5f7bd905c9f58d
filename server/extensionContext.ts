// What the extension's request handlers (datasets, Ollama) need from the server: open documents,
// trust, settings and the log. Kept apart from server.ts so that these handlers live in their own files.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { LSPErrorCodes, ResponseError, type TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { messageOf, SpecMintError, stackOf } from "../core/base";
import { loadSchemaText, type LoadedSchema, type LoadOptions } from "../core/schema";
import { draftOption, offlineOption } from "./settings";
import type { SpecMintSettings } from "../common/settings";
import { uriToPath } from "../common/paths";
import { editorRoots, NO_OFFLINE } from "./fileAccess";
import { overlayReader } from "./schemaLoader";

export interface ExtensionRequestContext {
  documents: TextDocuments<TextDocument>;
  isTrusted(): boolean;
  log: (message: string) => void;
  /** The `specmint.*` settings for a document (or the workspace's), defaults for what the client does not say. */
  settings(scopeUri?: string): Promise<SpecMintSettings>;
  workspaceFolders?(): string[];
}

export function refuseUntrusted(ctx: ExtensionRequestContext, what: string): void {
  if (!ctx.isTrusted()) {
    throw new ResponseError(
      LSPErrorCodes.RequestFailed,
      `SpecMint: this workspace is not trusted; ${what} is refused (trust the workspace to allow it; validation and previews still work)`,
    );
  }
}

export function requestFailed(e: unknown, log: (m: string) => void): never {
  if (e instanceof ResponseError) throw e;
  if (e instanceof SpecMintError)
    throw new ResponseError(LSPErrorCodes.RequestFailed, `SpecMint: ${e.message}`, { kind: e.kind, location: e.location });
  log(`specmint: request failed: ${stackOf(e)}`);
  throw new ResponseError(LSPErrorCodes.RequestFailed, `SpecMint: ${messageOf(e)}`);
}

/**
 * The schema by URI: the open document's unsaved text, else the file; referenced files from open
 * documents first. `draft`: the draft of a schema without `$schema` (`specmint.defaultDraft`).
 */
/**
 * The draft (`specmint.defaultDraft`) and URL documents (`specmint.schemaDirs`, `specmint.refs`, relative
 * folders against the schema's workspace folder, else its own folder) a schema is loaded with.
 */
export async function schemaLoadOptions(
  ctx: ExtensionRequestContext,
  uri: string,
): Promise<Pick<LoadOptions, "draft" | "offline" | "limits">> {
  const settings = await ctx.settings(uri);
  const file = uriToPath(uri);
  const folders = ctx.workspaceFolders?.() ?? [];
  const inside = (f: string) => file !== undefined && !path.relative(f, file).startsWith("..") && !path.isAbsolute(path.relative(f, file));
  const base = folders.find(inside) ?? (file ? path.dirname(file) : folders[0]);
  return {
    draft: draftOption(settings),
    offline: ctx.isTrusted() ? offlineOption(settings, base) : NO_OFFLINE,
    limits: settings.limits,
  };
}

export function loadSchemaByUri(
  ctx: ExtensionRequestContext,
  uri: string,
  options: Pick<LoadOptions, "draft" | "offline"> = {},
): { loaded: LoadedSchema; file?: string } {
  const file = uriToPath(uri);
  const doc = ctx.documents.get(uri);
  let text: string;
  if (doc) text = doc.getText();
  else {
    if (!file) throw new ResponseError(LSPErrorCodes.RequestFailed, `SpecMint: ${uri} is not open and not a file`);
    // The dataset requests read the schema and the dataset the request names (an explicit action, allowed
    // untrusted); what the schema refers to follows the editor's rules below.
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new ResponseError(LSPErrorCodes.RequestFailed, `SpecMint: cannot read ${file}: ${(e as Error).message}`);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const open = new Map(ctx.documents.all().map((d) => [uriToPath(d.uri), d] as const));
  const access = {
    trusted: ctx.isTrusted(),
    roots: editorRoots(ctx.workspaceFolders?.() ?? [], file, options.offline ?? NO_OFFLINE),
  };
  const loaded = loadSchemaText(text, file, {
    readFile: overlayReader((f) => open.get(path.resolve(f))?.getText(), new Map(), access),
    ...options,
  });
  return { loaded, file };
}
