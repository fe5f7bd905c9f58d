// `specmint coverage`: which boundary items of a schema (edges and branches, docs/boundary.md) a
// dataset hits, read from its records alone, so that it works for any dataset, one made by hand
// included. Exit 0 when every item a valid record can hold is hit, 3 otherwise (like validate).
import * as fs from "node:fs";
import * as path from "node:path";
import { SpecMintError } from "../core/base";
import { Generator } from "../core/engine";
import { readDataset } from "../core/validate";
import { datasetCoverage, type CoverageReport } from "../core/boundary";
import type { Manifest } from "../core/output";
import { parseFlags, type FlagSpec } from "./args";
import { commandLimits, draftFlag, loadSchemaFileWithin, offlineFlags } from "./settings";
import { COVERAGE_HELP, printHelp } from "./help";
import { EXIT } from "./failure";
import { datasetReferenceDate } from "../common/generationRun";
import { DEFAULT_SETTINGS } from "../common/settings";
import type { CliContext } from "./context";

export const COVERAGE_FLAGS: FlagSpec[] = [
  { name: "schema", type: "string" },
  { name: "dataset", type: "string" },
  { name: "json", type: "boolean" },
  { name: "draft", type: "string" },
  { name: "schema-dir", type: "string", repeatable: true },
  { name: "limit", type: "string", repeatable: true },
];

/** The seed of the SpecMint manifest in (or beside) the dataset, else the default: reachability is tried on that seed's records. */
function datasetSeed(datasetPath: string): number {
  try {
    const dir = fs.statSync(datasetPath).isDirectory() ? datasetPath : path.dirname(datasetPath);
    const m = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as Partial<Manifest> | null;
    const seed = m?.tool?.name === "specmint" ? m.gen?.seed : undefined;
    if (typeof seed === "number" && Number.isSafeInteger(seed) && seed >= 0) return seed;
  } catch {
    // no dataset or no manifest there: the default
  }
  return DEFAULT_SETTINGS.seed;
}

export function coverageSummary(r: CoverageReport): string {
  if (r.records === 0) return `summary: the dataset holds no records, exit ${EXIT.validation}`;
  const ok = r.covered === r.reachable;
  return (
    `summary: ${r.covered} of ${r.reachable} reachable items covered (${r.percent.toFixed(2)}%), ` +
    `${r.items - r.reachable} unreachable, in ${r.records} record${r.records === 1 ? "" : "s"}` +
    `${r.covered > 0 ? `; the first ${r.records_needed} cover them` : ""}, exit ${ok ? EXIT.ok : EXIT.validation}`
  );
}

export function formatCoverage(r: CoverageReport): string {
  const lines: string[] = [];
  let place: string | undefined;
  for (const e of r.entries) {
    const here = `${e.instance || "/"}  (schema ${e.schema || "/"})`;
    if (here !== place) {
      place = here;
      lines.push(here);
    }
    const status = e.status === "covered" ? `covered   record ${e.record}` : e.status === "missed" ? "missed" : `unreachable: ${e.reason}`;
    lines.push(`  ${e.keyword.padEnd(16)} ${e.edge.padEnd(28)} ${status}`);
  }
  if (r.entries.length === 0) lines.push("the schema has no boundary items (no bounds, lengths, enums, branches or optional properties)");
  lines.push("", coverageSummary(r));
  return lines.join("\n") + "\n";
}

export function runCoverage(argv: string[], ctx: CliContext): number {
  const parsed = parseFlags("coverage", argv, COVERAGE_FLAGS);
  if (parsed.help) return printHelp(ctx, COVERAGE_HELP);
  const schemaArg = parsed.values.get("schema");
  const datasetArg = parsed.values.get("dataset");
  if (typeof schemaArg !== "string" || schemaArg === "")
    throw new SpecMintError("usage", "missing --schema FILE; see specmint coverage --help");
  if (typeof datasetArg !== "string" || datasetArg === "")
    throw new SpecMintError("usage", "missing --dataset FILE|DIR; see specmint coverage --help");

  const limits = commandLimits(parsed.lists, ctx.cwd, "coverage");
  const loaded = loadSchemaFileWithin(
    ctx.cwd,
    path.resolve(ctx.cwd, schemaArg),
    draftFlag(parsed.values, ctx.env, "coverage"),
    offlineFlags(parsed.lists, ctx.env, ctx.cwd, "coverage"),
    limits,
  );
  const datasetPath = path.resolve(ctx.cwd, datasetArg);
  const dataset = readDataset(datasetPath, loaded.limits);
  const generator = new Generator(loaded, { seed: datasetSeed(datasetPath), referenceDate: datasetReferenceDate(datasetPath) });
  const report = datasetCoverage(generator, dataset.records);
  const ok = report.records > 0 && report.covered === report.reachable;
  if (parsed.values.get("json") === true) {
    ctx.stdout.write(JSON.stringify(report, null, 2) + "\n");
    ctx.stderr.write(coverageSummary(report) + "\n");
  } else ctx.stdout.write(formatCoverage(report));
  return ok ? EXIT.ok : EXIT.validation;
}
