// specmint/validateDataset and specmint/inspectDataset: the CLI's `validate --json` and
// `inspect --json` objects for the extension (read-only, so allowed in untrusted workspaces).
import * as path from "node:path";
import type { Connection } from "vscode-languageserver";
import { InspectDatasetRequest, ValidateDatasetRequest } from "../common/protocol";
import { readDataset } from "../core/validate";
import { datasetStats } from "../core/validate";
import { scoreDataset } from "../core/validate";
import { RuleSet, mentionsRules } from "../core/rules";
import { SpecMintError } from "../core/base";
import { SchemaValidator } from "../core/validate";
import { datasetReferenceDate } from "../common/generationRun";
import { loadSchemaByUri, requestFailed, type ExtensionRequestContext } from "./extensionContext";
import { draftOption } from "./settings";

export function registerDatasetRequests(connection: Connection, ctx: ExtensionRequestContext): void {
  connection.onRequest(ValidateDatasetRequest, async (params) => {
    try {
      const { loaded } = loadSchemaByUri(ctx, params.schemaUri, draftOption(await ctx.settings(params.schemaUri)));
      let validator: SchemaValidator;
      try {
        validator = new SchemaValidator(loaded);
      } catch (e) {
        throw new SpecMintError("schema", `the schema cannot be compiled: ${(e as Error).message}`);
      }
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
        ? loadSchemaByUri(ctx, params.schemaUri, draftOption(await ctx.settings(params.schemaUri))).loaded
        : undefined;
      const dataset = readDataset(path.resolve(params.dataset));
      return datasetStats(dataset.records, loaded);
    } catch (e) {
      return requestFailed(e, ctx.log);
    }
  });
}
