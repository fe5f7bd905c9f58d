// `specmint validate`: the three scores, up to 5 violations of each kind, exit 0 only when all are 100.
import * as path from "node:path";
import { SpecMintError, formatLocation } from "../core/base";
import { compileSchemaValidator } from "../core/engine";
import { readDataset, type Dataset } from "../core/validate";
import { isPerfect, scoreDataset, type ValidateReport, type Violation } from "../core/validate";
import type { LoadedSchema } from "../core/schema";
import { parseFlags, type FlagSpec } from "./args";
import { commandLimits, draftFlag, loadSchemaFileWithin, offlineFlags } from "./settings";
import { VALIDATE_HELP, printHelp } from "./help";
import { EXIT } from "./failure";
import { datasetReferenceDate } from "../common/generationRun";
import { RuleSet, mentionsRules, type RuleSetOptions } from "../core/rules";
import type { CliContext } from "./context";
import { manifestSchema, runExpectInvalid } from "./validateExpect";
import { runValidateSet } from "./validateSet";

export const VALIDATE_FLAGS: FlagSpec[] = [
  { name: "schema", type: "string" },
  { name: "set", type: "string" },
  { name: "dataset", type: "string" },
  { name: "json", type: "boolean" },
  { name: "expect", type: "string" },
  { name: "draft", type: "string" },
  { name: "schema-dir", type: "string", repeatable: true },
  { name: "limit", type: "string", repeatable: true },
];

function fmt(score: number): string {
  return score.toFixed(2).padStart(6);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function violationLine(v: Violation, cwd: string): string {
  const file = v.file ? path.relative(cwd, v.file) || v.file : undefined;
  const where = formatLocation({ file: file && !file.startsWith("..") ? file : v.file, pointer: v.pointer, line: v.line });
  return `  record ${v.record}  ${where}  ${v.message}${v.rule ? `  [rule: ${v.rule}]` : ""}`;
}

export function summaryLine(r: ValidateReport): string {
  if (r.records === 0) return `summary: the dataset holds no records, exit ${EXIT.validation}`;
  if (isPerfect(r)) return `summary: ${plural(r.records, "record")} checked, no violations, exit ${EXIT.ok}`;
  const c = r.counts;
  return (
    `summary: ${plural(r.records, "record")} checked: ${plural(c.invalidRecords, "invalid record")}, ` +
    `${plural(c.ruleFailures, "rule failure")}, ${plural(c.fieldsWithDuplicates, "x-unique field")} with duplicates, exit ${EXIT.validation}`
  );
}

/** The scores and violations of a report; its summary line last unless `summary` is false (a set's entity). */
export function formatReport(r: ValidateReport, cwd: string, summary = true): string {
  const c = r.counts;
  const lines = [
    `schema     ${fmt(r.schema)}  (${r.records - c.invalidRecords} of ${plural(r.records, "record")} valid)`,
    `rules      ${fmt(r.rules)}  (${c.rulesChecked === 0 ? "no cross-field rules enforced" : `${c.rulesChecked - c.ruleFailures} of ${c.rulesChecked} record×rule checks hold`})`,
    `uniqueness ${fmt(r.uniqueness)}  (${c.uniqueFields === 0 ? "no x-unique fields" : `${c.uniqueFields - c.fieldsWithDuplicates} of ${plural(c.uniqueFields, "x-unique field")} without duplicates`})`,
  ];
  if (r.references !== undefined) {
    const checked = c.referencesChecked ?? 0;
    const resolved = checked - (c.danglingReferences ?? 0);
    lines.push(
      `references ${fmt(r.references)}  (${checked === 0 ? "no x-ref values" : `${resolved} of ${plural(checked, "reference")} resolve`})`,
    );
  }
  lines.push(`total      ${fmt(r.total)}`);
  const block = (title: string, list: Violation[]) => {
    if (list.length === 0) return;
    lines.push("", `${title}:`);
    for (const v of list) lines.push(violationLine(v, cwd));
  };
  block(`schema violations (${plural(c.invalidRecords, "invalid record")}; ${r.violations.schema.length} shown)`, r.violations.schema);
  block(`rule violations (${plural(c.ruleFailures, "failure")}; ${r.violations.rules.length} shown)`, r.violations.rules);
  block(
    `uniqueness violations (${plural(c.fieldsWithDuplicates, "field")} with duplicates; ${r.violations.uniqueness.length} shown)`,
    r.violations.uniqueness,
  );
  block(
    `dangling references (${plural(c.danglingReferences ?? 0, "reference")} to no record; ${r.violations.references?.length ?? 0} shown)`,
    r.violations.references ?? [],
  );
  for (const n of r.notes) lines.push("", `note: ${n}`);
  if (summary) lines.push("", summaryLine(r));
  return lines.join("\n") + "\n";
}

/** What `validate --schema S --dataset D` scores: the dataset read back and its report against the schema. */
export function scoreDatasetAt(
  loaded: LoadedSchema,
  datasetPath: string,
  ruleOptions: RuleSetOptions = {},
): { report: ValidateReport; dataset: Dataset } {
  const validator = compileSchemaValidator(loaded);
  const dataset = readDataset(datasetPath, loaded.limits);
  // Rules that use today() are checked against the reference date the dataset was made with.
  const referenceDate = datasetReferenceDate(datasetPath);
  const rules = mentionsRules(loaded) ? new RuleSet(loaded, validator, referenceDate, ruleOptions) : undefined;
  return { report: scoreDataset(validator, loaded, dataset.records, dataset.sources, rules ?? null), dataset };
}

export function runValidate(argv: string[], ctx: CliContext): number {
  const parsed = parseFlags("validate", argv, VALIDATE_FLAGS);
  if (parsed.help) return printHelp(ctx, VALIDATE_HELP);
  if (parsed.values.has("set")) return runValidateSet(parsed, ctx);
  const datasetArg = parsed.values.get("dataset");
  const expect = parsed.values.get("expect") ?? "valid";
  if (expect !== "valid" && expect !== "invalid")
    throw new SpecMintError("usage", `--expect: expected valid or invalid, got ${JSON.stringify(expect)}; see specmint validate --help`);
  if (typeof datasetArg !== "string" || datasetArg === "")
    throw new SpecMintError("usage", "missing --dataset FILE|DIR; see specmint validate --help");
  // An invalid dataset's manifest names its schema: --schema may be left out then.
  const schemaArg =
    parsed.values.get("schema") ?? (expect === "invalid" ? manifestSchema(path.resolve(ctx.cwd, datasetArg), ctx.cwd) : undefined);
  if (typeof schemaArg !== "string" || schemaArg === "")
    throw new SpecMintError("usage", "missing --schema FILE; see specmint validate --help");

  const limits = commandLimits(parsed.lists, ctx.cwd, "validate");
  const loaded = loadSchemaFileWithin(
    ctx.cwd,
    path.resolve(ctx.cwd, schemaArg),
    draftFlag(parsed.values, ctx.env, "validate"),
    offlineFlags(parsed.lists, ctx.env, ctx.cwd, "validate"),
    limits,
  );
  if (expect === "invalid") return runExpectInvalid(loaded, datasetArg, parsed.values.get("json") === true, ctx);
  const { report, dataset } = scoreDatasetAt(loaded, path.resolve(ctx.cwd, datasetArg));
  if (dataset.records.length === 0) report.notes.push(`the dataset ${datasetArg} holds no records`);
  const ok = isPerfect(report) && dataset.records.length > 0;

  if (parsed.values.get("json") === true) {
    ctx.stdout.write(JSON.stringify(report, null, 2) + "\n");
    if (!ok) ctx.stderr.write(summaryLine(report) + "\n");
  } else {
    ctx.stdout.write(formatReport(report, ctx.cwd));
  }
  return ok ? EXIT.ok : EXIT.validation;
}
