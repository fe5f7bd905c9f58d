// What every command factory gets: the language client, the output channel and helpers to find the
// schema a command is about.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { OPEN_SCHEMA, Problem } from "./notify";

export class Ctx {
  constructor(
    readonly extension: vscode.ExtensionContext,
    readonly client: LanguageClient,
    /** A log channel: it stamps each line with the time and its level. */
    readonly output: vscode.LogOutputChannel,
  ) {}

  get subscriptions(): vscode.Disposable[] {
    return this.extension.subscriptions;
  }

  log(message: string): void {
    this.output.info(message);
  }

  warn(message: string): void {
    this.output.warn(message);
  }

  /** A failure: shown as [error] in the log (notify.ts's report also shows it to the user). */
  error(message: string): void {
    this.output.error(message);
  }
}

/** A URI from a command argument (Uri, string from a CodeLens, or nothing: the active editor). */
export function toUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === "string" && arg !== "")
    return /^[a-z][a-z0-9+.-]*:/i.test(arg) && !/^[a-z]:[\\/]/i.test(arg) ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
  if (arg && typeof arg === "object" && "scheme" in arg && "path" in arg) return vscode.Uri.from(arg as vscode.Uri);
  return undefined;
}

/** The schema a command is about: its argument, else the active JSON editor. */
export function schemaUri(arg: unknown): vscode.Uri | undefined {
  const given = toUri(arg);
  if (given) return given;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && (doc.languageId === "json" || doc.languageId === "jsonc") && doc.uri.scheme === "file") return doc.uri;
  return undefined;
}

export function requireSchema(arg: unknown): vscode.Uri {
  const uri = schemaUri(arg);
  if (!uri) throw new Problem("SpecMint: open a JSON Schema file first (or run the command from its editor)", [OPEN_SCHEMA]);
  return uri;
}

/** The message of a failed request, without the "SpecMint: " prefix doubled. */
export function errorMessage(e: unknown): string {
  const m = (e as Error)?.message ?? String(e);
  return m.startsWith("SpecMint:") ? m : `SpecMint: ${m}`;
}
