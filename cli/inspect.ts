// `specmint inspect`: per-field statistics of a dataset (the same object the editor's view shows).
import * as path from "node:path";
import { SpecMintError } from "../core/base";
import { readDataset } from "../core/validate";
import { datasetStats, type DatasetStats, type FieldStats } from "../core/validate";
import { parseFlags, type FlagSpec } from "./args";
import { commandLimits, draftFlag, loadSchemaFileWithin, offlineFlags } from "./settings";
import { limitsOf } from "../core/base";
import { INSPECT_HELP, printHelp } from "./help";
import { EXIT } from "./failure";
import type { CliContext } from "./context";
import { runInspectSet } from "./inspectSet";

export const INSPECT_FLAGS: FlagSpec[] = [
  { name: "dataset", type: "string" },
  { name: "schema", type: "string" },
  { name: "set", type: "string" },
  { name: "json", type: "boolean" },
  { name: "draft", type: "string" },
  { name: "schema-dir", type: "string", repeatable: true },
  { name: "limit", type: "string", repeatable: true },
];

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function short(v: unknown, width = 18): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > width ? s.slice(0, width - 1) + "…" : s;
}

function num(x: number | undefined): string {
  if (x === undefined) return "";
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

/** A date field's range: its earliest and latest values (date-times in UTC, to the minute). */
function dateRange(f: FieldStats): string {
  const show = (ms: number | undefined, text: string | undefined) =>
    f.format === "date" || ms === undefined ? (text ?? "") : `${new Date(ms).toISOString().slice(0, 16)}Z`;
  return `${show(f.min, f.minDate)}…${show(f.max, f.maxDate)}`;
}

function fieldLine(f: FieldStats, records: number): string {
  const types = Object.entries(f.types)
    .sort((a, b) => b[1] - a[1])
    .map(([t]) => t)
    .join("|");
  const presence = f.path.includes("/*") ? String(f.present) : pct(records ? f.present / records : 0);
  const range =
    f.measure === "date"
      ? dateRange(f)
      : f.measure
        ? `${f.measure === "length" ? "len " : ""}${num(f.min)}…${num(f.max)} mean ${num(f.mean)}`
        : "";
  const top = f.top
    .slice(0, 3)
    .map((t) => `${short(t.value)} (${t.count})`)
    .join(", ");
  return [
    f.path.padEnd(32),
    types.padEnd(14),
    presence.padStart(7),
    pct(f.nullRate).padStart(7),
    `${f.cardinality}${f.cardinalityCapped ? "+" : ""}`.padStart(7),
    range.padEnd(35),
    top,
  ].join("  ");
}

export function formatStats(s: DatasetStats): string {
  const lines = [
    `${s.records} records, ${s.fields.length} fields`,
    "",
    [
      "field".padEnd(32),
      "types".padEnd(14),
      "present".padStart(7),
      "null".padStart(7),
      "distinct".padStart(7),
      "range".padEnd(35),
      "top values",
    ].join("  "),
  ];
  for (const f of s.fields) lines.push(fieldLine(f, s.records));
  const never = s.fields.filter((f) => f.declared && f.present === 0);
  if (never.length) lines.push("", `declared but never present: ${never.map((f) => f.path).join(", ")}`);
  return lines.join("\n") + "\n";
}

export function runInspect(argv: string[], ctx: CliContext): number {
  const parsed = parseFlags("inspect", argv, INSPECT_FLAGS);
  if (parsed.help) return printHelp(ctx, INSPECT_HELP);
  if (parsed.values.has("set")) return runInspectSet(parsed, ctx);
  const datasetArg = parsed.values.get("dataset");
  if (typeof datasetArg !== "string" || datasetArg === "")
    throw new SpecMintError("usage", "missing --dataset FILE|DIR; see specmint inspect --help");
  const schemaArg = parsed.values.get("schema");
  const limits = commandLimits(parsed.lists, ctx.cwd, "inspect");
  const loaded =
    typeof schemaArg === "string" && schemaArg !== ""
      ? loadSchemaFileWithin(
          ctx.cwd,
          path.resolve(ctx.cwd, schemaArg),
          draftFlag(parsed.values, ctx.env, "inspect"),
          offlineFlags(parsed.lists, ctx.env, ctx.cwd, "inspect"),
          limits,
        )
      : undefined;
  const dataset = readDataset(path.resolve(ctx.cwd, datasetArg), limitsOf(limits));
  const stats = datasetStats(dataset.records, loaded);
  ctx.stdout.write(parsed.values.get("json") === true ? JSON.stringify(stats, null, 2) + "\n" : formatStats(stats));
  return EXIT.ok;
}
