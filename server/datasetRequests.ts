// specmint/validateDataset and specmint/inspectDataset: the CLI's `validate --json` and
// `inspect --json` objects for the extension (read-only, so allowed in untrusted workspaces).
import * as fs from "node:fs";
import * as path from "node:path";
import type { Connection } from "vscode-languageserver";
import { InspectDatasetRequest, ValidateDatasetRequest } from "../common/protocol";
import { readDataset } from "../core/validate";
import { datasetStats } from "../core/validate";
import { scoreDataset } from "../core/validate";
import { RuleSet, mentionsRules } from "../core/rules";
import { SpecMintError } from "../core/base";
import { SchemaValidator } from "../core/validate";
import { DEFAULT_REFERENCE_DATE } from "../core/generate";
import { loadSchemaByUri, requestFailed, type ExtensionRequestContext } from "./extensionContext";

/** gen.reference_date of the SpecMint manifest in (or beside) the dataset, as the CLI reads it. */
function manifestReferenceDate(datasetPath: string): string | undefined {
  try {
    const dir = fs.statSync(datasetPath).isDirectory() ? datasetPath : path.dirname(datasetPath);
    const m = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
    return m?.tool?.name === "specmint" && typeof m?.gen?.reference_date === "string" ? m.gen.reference_date : undefined;
  } catch {
    return undefined;
  }
}

export function registerDatasetRequests(connection: Connection, ctx: ExtensionRequestContext): void {
  connection.onRequest(ValidateDatasetRequest, async (params) => {
    try {
      const { loaded } = loadSchemaByUri(ctx, params.schemaUri);
      let validator: SchemaValidator;
      try {
        validator = new SchemaValidator(loaded);
      } catch (e) {
        throw new SpecMintError("schema", `the schema cannot be compiled: ${(e as Error).message}`);
      }
      const dataset = readDataset(path.resolve(params.dataset));
      const referenceDate = manifestReferenceDate(params.dataset) ?? DEFAULT_REFERENCE_DATE;
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
      const loaded = params.schemaUri ? loadSchemaByUri(ctx, params.schemaUri).loaded : undefined;
      const dataset = readDataset(path.resolve(params.dataset));
      return datasetStats(dataset.records, loaded);
    } catch (e) {
      return requestFailed(e, ctx.log);
    }
  });
}
