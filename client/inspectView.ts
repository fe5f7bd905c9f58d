// Inspect Dataset: field statistics from the server in a webview without scripts and with a strict CSP
// (the page is client/inspectHtml.ts). It opens in the active editor group, at the width of the editor area rather
// than in a column beside it, and one view per dataset: inspecting it again refreshes that view.
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import { send } from "./lsp";
import { InspectDatasetRequest, type DatasetStats } from "../common/protocol";
import type { Ctx } from "./ctx";
import { inspectSchema, type DatasetSchemas } from "./datasetSchema";
import { pickDataset } from "./validateDataset";
import { statsHtml } from "./inspectHtml";

export function inspectDataset(ctx: Ctx, schemas: DatasetSchemas) {
  /** The open view of each dataset (by its path). */
  const panels = new Map<string, vscode.WebviewPanel>();
  return async (datasetArg?: unknown, schemaArg?: unknown): Promise<DatasetStats | undefined> => {
    const dataset = await pickDataset(datasetArg, "SpecMint: dataset to inspect");
    if (!dataset) return undefined;
    const schema = inspectSchema(schemas, dataset, schemaArg);
    // A failure goes to the command's guard (notify.ts): one notification from the UI, a rejection for a program.
    const stats = await send(ctx.client, InspectDatasetRequest, { dataset: dataset.fsPath, schemaUri: schema?.toString() });
    const title = `Inspect ${path.basename(dataset.fsPath)}`;
    let panel = panels.get(dataset.fsPath);
    if (panel) panel.reveal(undefined, false);
    else {
      panel = vscode.window.createWebviewPanel("specmint.inspect", title, vscode.ViewColumn.Active, { localResourceRoots: [] });
      const key = dataset.fsPath;
      panels.set(key, panel);
      panel.onDidDispose(() => panels.delete(key));
    }
    panel.webview.html = statsHtml(
      stats,
      `${vscode.workspace.asRelativePath(dataset)}${schema ? ` · ${path.basename(schema.fsPath)}` : ""}`,
      panel.webview.cspSource,
      randomBytes(16).toString("base64"),
    );
    return stats;
  };
}
