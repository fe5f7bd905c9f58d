// Validate Dataset: pick a dataset file or folder, pair it with its schema (datasetSchema.ts: the
// argument, the earlier choice, its manifest.json, the active schema editor, else a quick pick), score
// it on the server, and show the violations in the Problems panel at their record file and line. The
// summary names the schema and how it was chosen; a dataset with (nearly) no valid record says it may
// be the wrong schema and offers Choose Schema….
import * as path from "node:path";
import * as vscode from "vscode";
import { send } from "./lsp";
import { MoreCommands, ValidateDatasetRequest, type ValidateReport } from "../common/protocol";
import { toUri, type Ctx } from "./ctx";
import { Problem, describe, type ActionSpec } from "./notify";
import { DatasetSchemas, type DatasetSchema } from "./datasetSchema";
import type { DatasetDiagnostics } from "./datasetDiagnostics";
import { SOURCE_WORDS, looksMispaired, validationSummary, type SchemaSource } from "./schemaPairing";

/** The report, with the schema it was scored against. */
export interface ValidateResult extends ValidateReport {
  schemaUsed: { uri: string; path: string; source: SchemaSource };
  /** Fewer than 1 % of the records are valid: probably not this dataset's schema. */
  mispaired: boolean;
}

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

const chooseSchemaAction = (dataset: vscode.Uri): ActionSpec => ({
  kind: "command",
  title: "Choose Schema…",
  command: MoreCommands.chooseDatasetSchema,
  args: [dataset],
});

export class DatasetValidation {
  readonly schemas: DatasetSchemas;

  constructor(
    private readonly ctx: Ctx,
    private readonly diagnostics: DatasetDiagnostics,
  ) {
    this.schemas = new DatasetSchemas(ctx.extension.workspaceState);
  }

  /**
   * `specmint.validateDataset(schema?, dataset?)`. Run from the UI (no dataset argument) it asks for
   * what it cannot decide and shows the summary; a program passing the dataset gets the result, and a
   * failure (no schema to go with the dataset included) rejects.
   */
  command() {
    return async (schemaArg?: unknown, datasetArg?: unknown): Promise<ValidateResult | undefined> => {
      const fromUi = datasetArg === undefined;
      const dataset = await pickDataset(datasetArg, "SpecMint: dataset to validate (a .jsonl/.json file or a fixtures folder)");
      if (!dataset) return undefined;
      let schema = this.schemas.decide(dataset, schemaArg);
      if (!schema && fromUi) schema = await this.schemas.ask(dataset);
      if (!schema) {
        if (fromUi) return undefined;
        throw new Problem(
          `no schema goes with ${vscode.workspace.asRelativePath(dataset, false)}: it has no manifest.json naming one and the active editor is not a schema`,
          [chooseSchemaAction(dataset)],
        );
      }
      return this.validate(dataset, schema, fromUi);
    };
  }

  /**
   * `specmint.chooseDatasetSchema(dataset?, schema?)`: the way to change the pairing. Asks for the
   * schema (or takes it from the argument), remembers it for the dataset and validates again.
   */
  chooseCommand() {
    return async (datasetArg?: unknown, schemaArg?: unknown): Promise<ValidateResult | undefined> => {
      const dataset = await pickDataset(datasetArg, "SpecMint: dataset to choose a schema for");
      if (!dataset) return undefined;
      const given = toUri(schemaArg);
      let schema: DatasetSchema | undefined;
      if (given) {
        await this.schemas.remember(dataset, given);
        schema = { uri: given, source: "picked", label: vscode.workspace.asRelativePath(given, false) };
      } else schema = await this.schemas.ask(dataset);
      if (!schema) return undefined;
      return this.validate(dataset, schema, schemaArg === undefined);
    };
  }

  private async validate(dataset: vscode.Uri, schema: DatasetSchema, fromUi: boolean): Promise<ValidateResult> {
    const datasetLabel = vscode.workspace.asRelativePath(dataset, false);
    const against = `${schema.label} (${SOURCE_WORDS[schema.source]})`;
    this.ctx.log(`validating ${datasetLabel} against ${against}`);
    let report: ValidateReport;
    try {
      report = await send(this.ctx.client, ValidateDatasetRequest, { schemaUri: schema.uri.toString(), dataset: dataset.fsPath });
    } catch (e) {
      // One notification (notify.ts), naming the schema, with a way to choose another unless the dataset is what failed.
      const d = describe(e);
      const where = (e as { data?: { location?: { file?: unknown } } })?.data?.location?.file;
      const inDataset = typeof where === "string" && (where === dataset.fsPath || where.startsWith(dataset.fsPath + path.sep));
      throw new Problem(`cannot validate ${datasetLabel} against ${against}: ${d.message.replace(/^SpecMint: /, "")}`, [
        ...d.actions,
        ...(inDataset ? [] : [chooseSchemaAction(dataset)]),
      ]);
    }
    const violations = this.show(dataset, report);
    const summary = validationSummary(report, schema.label, schema.source);
    const mispaired = looksMispaired(report);
    if (mispaired) this.ctx.warn(`${summary} (${datasetLabel})`);
    else this.ctx.log(`${summary} (${datasetLabel})`);
    for (const n of report.notes) this.ctx.log(`note: ${n}`);
    if (fromUi) {
      const buttons = new Map<string, () => unknown>();
      if (violations) buttons.set("Show Problems", () => vscode.commands.executeCommand("workbench.actions.view.problems"));
      if (mispaired) buttons.set("Choose Schema…", () => vscode.commands.executeCommand(MoreCommands.chooseDatasetSchema, dataset));
      const show = violations || mispaired ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(summary, ...buttons.keys()).then((title) => title && buttons.get(title)?.());
    }
    return { ...report, schemaUsed: { uri: schema.uri.toString(), path: schema.label, source: schema.source }, mispaired };
  }

  /** The violations in the Problems panel, replacing this dataset's earlier entries; returns how many. */
  private show(dataset: vscode.Uri, report: ValidateReport): number {
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
    this.diagnostics.replace(dataset, byFile);
    return all.length;
  }
}
