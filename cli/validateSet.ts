// `specmint validate --set shop.toml --dataset DIR`: each entity's folder scored against its schema
// as `validate --schema` scores one dataset, plus its `references` score (% of its x-ref values that
// resolve to a record of the referenced entity) and its first dangling references; exit 3 when any
// score is not 100.
import { SpecMintError } from "../core/base";
import { SetReferenceIndex, type ReferenceTally } from "../core/set";
import { addReferenceScore, isPerfect, type ValidateReport } from "../core/validate";
import type { ParsedFlags } from "./args";
import type { CliContext } from "./context";
import { EXIT } from "./failure";
import { openSetDataset, shownPath } from "./setDataset";
import { formatReport, plural, scoreDatasetAt } from "./validate";

/** One entity's part of the `--json` report: its name and folder, its x-refs' counts, then its report. */
export interface EntityReport extends ValidateReport {
  entity: string;
  dataset: string;
  referenceSites: Omit<ReferenceTally, "fanOut">[];
}

export interface SetValidateReport {
  set: string;
  dataset: string;
  records: number;
  entities: EntityReport[];
  notes: string[];
}

/** An entity passes when every score is 100 and it has records (a child that may have none, `per.min = 0`, may be empty). */
function passes(e: EntityReport, mayBeEmpty: boolean): boolean {
  return isPerfect(e) && (e.records > 0 || mayBeEmpty);
}

function whatFailed(e: EntityReport): string {
  const c = e.counts;
  const parts = [
    c.invalidRecords && plural(c.invalidRecords, "invalid record"),
    c.ruleFailures && plural(c.ruleFailures, "rule failure"),
    c.fieldsWithDuplicates && `${plural(c.fieldsWithDuplicates, "x-unique field")} with duplicates`,
    c.danglingReferences && plural(c.danglingReferences, "dangling reference"),
    e.records === 0 && "no records",
  ].filter((p): p is string => typeof p === "string");
  return `${e.entity}: ${parts.join(", ")}`;
}

export function runValidateSet(parsed: ParsedFlags, ctx: CliContext): number {
  const expect = parsed.values.get("expect");
  if (expect !== undefined && expect !== "valid")
    throw new SpecMintError("usage", `--expect ${String(expect)} checks one schema's dataset, not a set's; see specmint validate --help`);
  const set = openSetDataset(parsed, ctx.env, ctx.cwd, "validate");
  // Entities come parents first: a child's references are checked against the values of parents
  // already read, and of each parent only the referenced values are kept, not its records.
  const index = new SetReferenceIndex(set.plan);
  const entities: EntityReport[] = [];
  let ok = true;
  for (const entity of set.plan.entities) {
    const name = entity.spec.name;
    const folder = set.folders.get(name)!;
    // ref(…) in its rules reads the parent records (kept for such entities only: core/set/datasetReferences.ts).
    const { report, dataset } = scoreDatasetAt(entity.loaded, folder, { references: index.ruleReferences(entity) });
    const refs = index.check(entity, dataset.records, dataset.sources);
    addReferenceScore(report, refs.checked, refs.dangling, refs.examples);
    index.addParent(name, dataset.records);
    const shown = shownPath(ctx.cwd, folder);
    const written = set.manifestCounts.get(name);
    if (written !== undefined && written !== dataset.records.length)
      report.notes.push(
        `the set's manifest.json says ${plural(written, "record")} of ${name} were written; ${shown} holds ${dataset.records.length}`,
      );
    if (dataset.records.length === 0) report.notes.push(`the dataset ${shown} holds no records`);
    // The scores in the order they are printed, references after uniqueness.
    const entry: EntityReport = {
      entity: name,
      dataset: shown,
      records: report.records,
      schema: report.schema,
      rules: report.rules,
      uniqueness: report.uniqueness,
      references: report.references,
      total: report.total,
      counts: report.counts,
      violations: report.violations,
      notes: report.notes,
      referenceSites: refs.sites.map(({ fanOut: _, ...site }) => site),
    };
    ok &&= passes(entry, entity.spec.per !== undefined && entity.spec.per.min === 0);
    entities.push(entry);
  }
  const records = entities.reduce((n, e) => n + e.records, 0);
  const failed = entities.filter((e) => !isPerfect(e) || e.records === 0);
  const summary = ok
    ? `summary: ${plural(records, "record")} of ${plural(entities.length, "entity", "entities")} checked, no violations, exit ${EXIT.ok}`
    : `summary: ${plural(records, "record")} of ${plural(entities.length, "entity", "entities")} checked: ${failed.map(whatFailed).join("; ")}, exit ${EXIT.validation}`;

  if (parsed.values.get("json") === true) {
    const out: SetValidateReport = {
      set: shownPath(ctx.cwd, set.plan.spec.file),
      dataset: shownPath(ctx.cwd, set.dir),
      records,
      entities,
      notes: set.notes,
    };
    ctx.stdout.write(JSON.stringify(out, null, 2) + "\n");
    if (!ok) ctx.stderr.write(summary + "\n");
  } else {
    const lines = [
      `set ${shownPath(ctx.cwd, set.plan.spec.file)}, dataset ${shownPath(ctx.cwd, set.dir)}: ${plural(entities.length, "entity", "entities")}`,
    ];
    for (const e of entities) {
      const refs = e.referenceSites.map((s) => `${s.path} → ${s.target}`).join(", ");
      lines.push("", `${e.entity}  (${e.dataset}, ${plural(e.records, "record")}${refs ? `; x-ref ${refs}` : ""})`);
      lines.push(formatReport(e, ctx.cwd, false).trimEnd());
    }
    for (const n of set.notes) lines.push("", `note: ${n}`);
    lines.push("", summary);
    ctx.stdout.write(lines.join("\n") + "\n");
  }
  return ok ? EXIT.ok : EXIT.validation;
}
