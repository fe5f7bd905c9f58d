// specmint/validateDataset and specmint/inspectDataset: the CLI's `validate --json` and
// `inspect --json` objects for the extension (read-only, so allowed in untrusted workspaces).
import * as path from "node:path";
import type { Connection } from "vscode-languageserver";
import { InspectDatasetRequest, ValidateDatasetRequest } from "../common/protocol";
import { readDataset } from "../core/validate";
import { datasetStats } from "../core/validate";
import { scoreDataset } from "../core/validate";
import { RuleSet, mentionsRules } from "../core/rules";
import { datasetReferenceDate } from "../common/generationRun";
import { loadSchemaByUri, requestFailed, schemaLoadOptions, type ExtensionRequestContext } from "./extensionContext";
import { compileSchemaValidator } from "../core/engine";
import { EDITOR_OFFLINE_HINT } from "./offlineHint";

export function registerDatasetRequests(connection: Connection, ctx: ExtensionRequestContext): void {
  connection.onRequest(ValidateDatasetRequest, async (params) => {
    try {
      const { loaded } = loadSchemaByUri(ctx, params.schemaUri, await schemaLoadOptions(ctx, params.schemaUri));
      const validator = compileSchemaValidator(loaded, EDITOR_OFFLINE_HINT);
      const dataset = readDataset(path.resolve(params.dataset));
      const referenceDate = datasetReferenceDate(params.dataset);
      const rules = mentionsRules(loaded) ? new RuleSet(loaded, validator, referenceDate) : undefined;
      const report = scoreDataset(validator, loaded, dataset.records, dataset.sources, rules ?? null);
      if (dataset.records.length === 0) report.notes.push(`the dataset ${params.dataset} holds no records`);
      return report;
    } catch (e) {
      return requestFailed(e, ctx.log);
    }
  });

  connection.onRequest(InspectDatasetRequest, async (params) => {
    try {
      const loaded = params.schemaUri
        ? loadSchemaByUri(ctx, params.schemaUri, await schemaLoadOptions(ctx, params.schemaUri)).loaded
        : undefined;
      const dataset = readDataset(path.resolve(params.dataset));
      return datasetStats(dataset.records, loaded);
    } catch (e) {
      return requestFailed(e, ctx.log);
    }
  });
}
