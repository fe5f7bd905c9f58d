// `specmint validate --expect invalid --dataset D [--schema S]`: every record of a labelled invalid
// dataset (violations.jsonl beside its records) must fail for its labelled reason. Exit 0 when all
// do, 3 otherwise, with the first five mismatches.
import * as fs from "node:fs";
import * as path from "node:path";
import { SpecMintError, formatLocation } from "../core/base";
import type { LoadedSchema } from "../core/schema";
import { readDataset } from "../core/validate";
import { checkLabelledRecords, type ExpectReport } from "../core/invalid";
import { RuleSet, mentionsRules } from "../core/rules";
import { compileSchemaValidator } from "../core/engine";
import { datasetReferenceDate } from "../common/generationRun";
import { EXIT } from "./failure";
import type { CliContext } from "./context";

/** Mismatches printed at most. */
const SHOWN = 5;

/** The folder a dataset path names: itself, or the folder of its dataset.jsonl. */
function datasetFolder(datasetPath: string): string {
  return fs.statSync(datasetPath).isDirectory() ? datasetPath : path.dirname(datasetPath);
}

/** The schema a SpecMint dataset was made from, by its manifest (its path is relative to where generate ran). */
export function manifestSchema(datasetPath: string, cwd: string): string {
  const file = path.join(datasetFolder(datasetPath), "manifest.json");
  let schema: unknown;
  try {
    schema = (JSON.parse(fs.readFileSync(file, "utf8")) as { schema?: { path?: unknown } }).schema?.path;
  } catch {
    schema = undefined;
  }
  const resolved = typeof schema === "string" ? path.resolve(cwd, schema) : undefined;
  if (!resolved || !fs.existsSync(resolved))
    throw new SpecMintError(
      "usage",
      `missing --schema FILE: ${typeof schema === "string" ? `the schema ${schema} that ${file} names is not there from ${cwd}` : `no manifest.json with a schema path in ${datasetFolder(datasetPath)}`}; see specmint validate --help`,
    );
  return resolved;
}

export function runExpectInvalid(loaded: LoadedSchema, datasetArg: string, json: boolean, ctx: CliContext): number {
  const datasetPath = path.resolve(ctx.cwd, datasetArg);
  const dataset = readDataset(datasetPath, loaded.limits);
  const labelsFile = path.join(datasetFolder(datasetPath), "violations.jsonl");
  if (!fs.existsSync(labelsFile))
    throw new SpecMintError(
      "io",
      `no violations.jsonl beside the dataset (${labelsFile}): --expect invalid checks a labelled invalid dataset, as specmint generate --kind invalid writes one`,
      { file: labelsFile },
    );
  const labels = readDataset(labelsFile, loaded.limits).records;
  const rules = mentionsRules(loaded) ? new RuleSet(loaded, compileSchemaValidator(loaded), datasetReferenceDate(datasetPath)) : undefined;
  const report = checkLabelledRecords(loaded, dataset.records, labels, rules, dataset.sources);
  const ok = report.mismatches.length === 0 && report.records > 0;
  if (json) ctx.stdout.write(JSON.stringify(report, null, 2) + "\n");
  else ctx.stdout.write(formatExpectReport(report, ctx.cwd));
  if (json && !ok) ctx.stderr.write(expectSummary(report) + "\n");
  return ok ? EXIT.ok : EXIT.validation;
}

function expectSummary(r: ExpectReport): string {
  if (r.records === 0) return `summary: the dataset holds no records, exit ${EXIT.validation}`;
  if (r.mismatches.length === 0) return `summary: all ${r.records} records fail for their labelled reason, exit ${EXIT.ok}`;
  return `summary: ${r.mismatches.length} of ${r.records} records do not fail for their labelled reason, exit ${EXIT.validation}`;
}

export function formatExpectReport(r: ExpectReport, cwd: string): string {
  const lines = [`labels     ${r.matched} of ${r.records} records fail for their labelled reason`];
  if (r.mismatches.length) {
    lines.push("", `mismatches (${r.mismatches.length}; ${Math.min(SHOWN, r.mismatches.length)} shown):`);
    for (const m of r.mismatches.slice(0, SHOWN)) {
      const rel = m.file ? path.relative(cwd, m.file) : undefined;
      const file = rel && !rel.startsWith("..") ? rel : m.file;
      const at = file ? `  ${formatLocation({ file, line: m.line })}` : "";
      lines.push(`  record ${m.record}${at}  expected ${m.expected}; found ${m.found}`);
    }
  }
  lines.push("", expectSummary(r));
  return lines.join("\n") + "\n";
}
