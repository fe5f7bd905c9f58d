// Validate Dataset: pick a dataset file or folder, score it against the schema on the server, and
// show the violations in the Problems panel at their record file and line.
import * as vscode from "vscode";
import { send } from "./lsp";
import { ValidateDatasetRequest, type ValidateReport } from "../common/protocol";
import { errorMessage, requireSchema, toUri, type Ctx } from "./ctx";

export async function pickDataset(arg: unknown, title: string): Promise<vscode.Uri | undefined> {
  const given = toUri(arg);
  if (given) return given;
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { Datasets: ["jsonl", "json", "ndjson"], "All files": ["*"] },
  });
  return picked?.[0];
}

export function validateDataset(ctx: Ctx, diagnostics: vscode.DiagnosticCollection) {
  return async (schemaArg?: unknown, datasetArg?: unknown): Promise<ValidateReport | undefined> => {
    const schema = requireSchema(schemaArg);
    const dataset = await pickDataset(datasetArg, "SpecMint: dataset to validate (a .jsonl/.json file or a fixtures folder)");
    if (!dataset) return undefined;
    let report: ValidateReport;
    try {
      report = await send(ctx.client, ValidateDatasetRequest, { schemaUri: schema.toString(), dataset: dataset.fsPath });
    } catch (e) {
      if (datasetArg === undefined) void vscode.window.showErrorMessage(errorMessage(e));
      throw e;
    }
    diagnostics.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const all = [
      ...report.violations.schema.map((v) => ({ v, kind: "schema" })),
      ...report.violations.rules.map((v) => ({ v, kind: "rule" })),
      ...report.violations.uniqueness.map((v) => ({ v, kind: "unique" })),
    ];
    for (const { v, kind } of all) {
      const file = v.file ?? dataset.fsPath;
      const line = Math.max(0, (v.line ?? 1) - 1);
      const d = new vscode.Diagnostic(
        new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER),
        `record ${v.record}${v.pointer ? ` at ${v.pointer}` : ""}: ${v.message}${v.rule ? ` [rule: ${v.rule}]` : ""}`,
        vscode.DiagnosticSeverity.Error,
      );
      d.source = "specmint";
      d.code = `dataset-${kind}`;
      const list = byFile.get(file) ?? [];
      list.push(d);
      byFile.set(file, list);
    }
    for (const [file, list] of byFile) diagnostics.set(vscode.Uri.file(file), list);
    const summary = `SpecMint: ${report.records} records · schema ${report.schema.toFixed(2)} · rules ${report.rules.toFixed(2)} · uniqueness ${report.uniqueness.toFixed(2)} · total ${report.total.toFixed(2)}`;
    ctx.log(`${summary} (${dataset.fsPath})`);
    for (const n of report.notes) ctx.log(`note: ${n}`);
    if (datasetArg === undefined) {
      const fn = all.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void fn(summary, ...(all.length ? ["Show Problems"] : [])).then(
        (p) => p && vscode.commands.executeCommand("workbench.actions.view.problems"),
      );
    }
    return report;
  };
}
