// The quick fixes of a `$ref` URL that is not available offline (server/features/refMappingActions.ts):
// add a schema folder to `specmint.schemaDirs`, or map a URL prefix to a folder the user picks in
// `specmint.refs`. The server re-checks the schema when the setting changes.
import * as path from "node:path";
import * as vscode from "vscode";
import { updateSetting } from "./config";
import type { Ctx } from "./ctx";

/** A folder as the settings hold it: relative to the schema's workspace folder when inside it. */
function settingPath(folder: string, schemaUri: vscode.Uri): string {
  const ws = vscode.workspace.getWorkspaceFolder(schemaUri)?.uri.fsPath;
  const rel = ws ? path.relative(ws, folder) : undefined;
  return rel !== undefined && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel || "." : folder;
}

export function addSchemaDir(ctx: Ctx) {
  return async (folder: string, schemaUri: string): Promise<void> => {
    const current = vscode.workspace.getConfiguration("specmint", vscode.Uri.parse(schemaUri)).get<string[]>("schemaDirs") ?? [];
    if (!current.includes(folder)) await updateSetting("schemaDirs", [...current, folder]);
    ctx.log(`schemaDirs: ${[...current.filter((f) => f !== folder), folder].join(", ")}`);
  };
}

export function mapRefPrefix(ctx: Ctx) {
  return async (prefix: string, schemaUri: string): Promise<void> => {
    const uri = vscode.Uri.parse(schemaUri);
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      defaultUri: vscode.workspace.getWorkspaceFolder(uri)?.uri,
      openLabel: "Map",
      title: `Folder that holds the schemas under ${prefix}`,
    });
    if (!picked?.length) return;
    const folder = settingPath(picked[0].fsPath, uri);
    const current = vscode.workspace.getConfiguration("specmint", uri).get<Record<string, string>>("refs") ?? {};
    await updateSetting("refs", { ...current, [prefix]: folder });
    ctx.log(`refs: ${prefix} → ${folder}`);
  };
}
