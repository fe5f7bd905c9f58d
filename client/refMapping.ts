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

/**
 * The setting's value at the level updateSetting writes (the workspace when one is open, else the
 * user), so that adding an entry does not copy the other level's entries into it.
 */
function writtenValue<T>(key: string): T | undefined {
  const seen = vscode.workspace.getConfiguration("specmint").inspect<T>(key);
  return vscode.workspace.workspaceFolders?.length ? seen?.workspaceValue : seen?.globalValue;
}

export function addSchemaDir(ctx: Ctx) {
  return async (folder: string): Promise<string[]> => {
    const current = writtenValue<string[]>("schemaDirs") ?? [];
    const next = current.includes(folder) ? current : [...current, folder];
    if (next !== current) await updateSetting("schemaDirs", next);
    ctx.log(`specmint.schemaDirs: ${next.join(", ")}`);
    return next;
  };
}

export function mapRefPrefix(ctx: Ctx) {
  return async (prefix: string, schemaUri: string): Promise<Record<string, string> | undefined> => {
    const uri = vscode.Uri.parse(schemaUri);
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      defaultUri: vscode.workspace.getWorkspaceFolder(uri)?.uri,
      openLabel: "Map",
      title: `Folder that holds the schemas under ${prefix}`,
    });
    if (!picked?.length) return undefined;
    const folder = settingPath(picked[0].fsPath, uri);
    const next = { ...(writtenValue<Record<string, string>>("refs") ?? {}), [prefix]: folder };
    await updateSetting("refs", next);
    ctx.log(`specmint.refs: ${prefix} → ${folder}`);
    return next;
  };
}
