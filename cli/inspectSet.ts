// `specmint inspect --set shop.toml --dataset DIR`: each entity's field statistics, as `inspect
// --schema` gives them for one dataset, and for each of its x-refs the share of values that resolve
// and the fan-out: how many children each parent record has (min, median, mean, max, the parents
// with none, a histogram).
import { SetReferenceIndex, type FanOut, type ReferenceTally } from "../core/set";
import { datasetStats, readDataset, type DatasetStats } from "../core/validate";
import type { ParsedFlags } from "./args";
import type { CliContext } from "./context";
import { EXIT } from "./failure";
import { formatStats } from "./inspect";
import { openSetDataset, shownPath } from "./setDataset";
import { plural } from "./validate";

export interface EntityInspection {
  entity: string;
  dataset: string;
  stats: DatasetStats;
  references: ReferenceTally[];
}

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

/** The fan-out in two lines: its figures, then parents by number of children. */
export function fanOutLines(f: FanOut, parent: string): string[] {
  if (f.parents === 0) return [`    no ${parent} record has a value there`];
  const bins = f.histogram.map((b) => `${b.from === b.to ? b.from : `${b.from}–${b.to}`}: ${b.count}`).join(" · ");
  return [
    `    children per ${parent} record: min ${num(f.min)}, median ${num(f.median)}, mean ${num(f.mean)}, max ${num(f.max)}; ` +
      `${f.childless} of ${f.parents} with none`,
    `    ${parent} records by children: ${bins}`,
  ];
}

function referenceLines(refs: ReferenceTally[]): string[] {
  if (refs.length === 0) return [];
  const lines = ["", "references:"];
  for (const r of refs) {
    if (r.checked === 0) {
      lines.push(`  ${r.path} → ${r.target}: no values`);
      continue;
    }
    lines.push(`  ${r.path} → ${r.target}: ${r.checked - r.dangling} of ${r.checked} resolve (${r.resolving.toFixed(2)}%)`);
    lines.push(...fanOutLines(r.fanOut, r.target.split(".")[0]));
  }
  return lines;
}

export function runInspectSet(parsed: ParsedFlags, ctx: CliContext): number {
  const set = openSetDataset(parsed, ctx.env, ctx.cwd, "inspect");
  const index = new SetReferenceIndex(set.plan);
  const entities: EntityInspection[] = [];
  for (const entity of set.plan.entities) {
    const folder = set.folders.get(entity.spec.name)!;
    const dataset = readDataset(folder, entity.loaded.limits);
    const references = index.check(entity, dataset.records, dataset.sources).sites;
    index.addParent(entity.spec.name, dataset.records);
    entities.push({
      entity: entity.spec.name,
      dataset: shownPath(ctx.cwd, folder),
      stats: datasetStats(dataset.records, entity.loaded),
      references,
    });
  }
  if (parsed.values.get("json") === true) {
    const out = { set: shownPath(ctx.cwd, set.plan.spec.file), dataset: shownPath(ctx.cwd, set.dir), entities, notes: set.notes };
    ctx.stdout.write(JSON.stringify(out, null, 2) + "\n");
    return EXIT.ok;
  }
  const lines = [
    `set ${shownPath(ctx.cwd, set.plan.spec.file)}, dataset ${shownPath(ctx.cwd, set.dir)}: ${plural(entities.length, "entity", "entities")}`,
  ];
  for (const e of entities) {
    lines.push("", `${e.entity}  (${e.dataset})`, formatStats(e.stats).trimEnd(), ...referenceLines(e.references));
  }
  for (const n of set.notes) lines.push("", `note: ${n}`);
  ctx.stdout.write(lines.join("\n") + "\n");
  return EXIT.ok;
}
