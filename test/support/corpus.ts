// Runs `specmint generate` on every schema of a folder, as a user would (one process per schema),
// and sorts each schema into one outcome: all records valid, some invalid, unsatisfiable (exit 2,
// with the reason), internal error (any other failure), timeout, or not counted because a stock ajv
// cannot compile it on its own. Records are checked by the stock validator of test/support, not by
// the engine's own. Used by `npm run conformance -- --corpus DIR` and the corpus test.
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { chooseDraft, declaredDraft, type Draft, type Schema } from "../../core/schema";
import { runCliAsync } from "../cli/helpers";
import { stockValidator } from "./stockValidator";

export type Outcome = "all-valid" | "some-invalid" | "unsatisfiable" | "internal-error" | "timeout" | "not-compilable";

export interface SchemaOutcome {
  file: string;
  /** The draft its `$schema` names, or "none". */
  declared: Draft | "none";
  /** Without `$schema`: the draft its keywords made SpecMint assume. */
  inferred?: Draft;
  outcome: Outcome;
  /** Exit code, first invalid record's error, unsatisfiable reason, … (one line). */
  reason?: string;
  /** Wall-clock time of the `specmint generate` process. */
  ms?: number;
  /** True when the stock validator compiles it only with the other documents of the --schema-dir folders. */
  crossReferenced?: boolean;
}

export interface CorpusOptions {
  dir: string;
  count?: number;
  seed?: number;
  timeoutMs?: number;
  jobs?: number;
  /** Extra arguments for `specmint generate` (e.g. `--schema-dir`). */
  extraArgs?: string[];
  onResult?: (r: SchemaOutcome, done: number, total: number) => void;
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l !== "" && !l.startsWith("specmint: note") && !l.startsWith("specmint: warning")) ?? ""
  ).slice(0, 300);
}

/** The stock check for "compiles on its own": ajv of the declared draft (without `$schema`, of the draft its keywords say). */
function compileAlone(schema: Schema, draft: Draft): ((v: unknown) => string | undefined) | string {
  try {
    const { ajv } = stockValidator(draft);
    const validate = ajv.compile(schema as object);
    // The first error, where and why, or undefined for a valid value.
    return (v: unknown) => (validate(v) ? undefined : ajv.errorsText(validate.errors?.slice(0, 1)));
  } catch (e) {
    return (e as Error).message;
  }
}

/** Schemas by `$id` (or draft-04 `id`) in the folders given to generate with --schema-dir, for the stock validator. */
function documentsOf(extraArgs: string[]): Map<string, object> {
  const docs = new Map<string, object>();
  extraArgs.forEach((a, k) => {
    if (a !== "--schema-dir" || extraArgs[k + 1] === undefined) return;
    for (const f of corpusFiles(extraArgs[k + 1])) {
      try {
        const s = JSON.parse(readFileSync(f, "utf8")) as Record<string, unknown>;
        const id = typeof s.$id === "string" ? s.$id : typeof s.id === "string" ? s.id : undefined;
        if (id) docs.set(id.replace(/#$/, ""), s);
      } catch {
        // not JSON: not a document anything can refer to
      }
    }
  });
  return docs;
}

/** The stock check with the other documents: ajv's own compileAsync, loading each referenced URL from the folders. */
async function compileWithDocuments(schema: Schema, draft: Draft, docs: Map<string, object>) {
  try {
    const { ajv } = stockValidator(draft);
    ajv.opts.loadSchema = (uri: string) => {
      const doc = docs.get(uri.replace(/#$/, ""));
      return doc ? Promise.resolve(doc) : Promise.reject(new Error(`no document ${uri}`));
    };
    const validate = await ajv.compileAsync(schema as object);
    return (v: unknown) => (validate(v) ? undefined : ajv.errorsText(validate.errors?.slice(0, 1)));
  } catch (e) {
    return (e as Error).message;
  }
}

async function runOne(file: string, o: Required<Omit<CorpusOptions, "onResult">>, docs: Map<string, object>): Promise<SchemaOutcome> {
  const name = path.basename(file);
  let schema: Schema;
  try {
    schema = JSON.parse(readFileSync(file, "utf8")) as Schema;
  } catch (e) {
    return { file: name, declared: "none", outcome: "not-compilable", reason: `not JSON: ${(e as Error).message}` };
  }
  const declared: SchemaOutcome["declared"] = declaredDraft(schema) ?? "none";
  const draft = declared === "none" ? chooseDraft(schema).draft : declared;
  let check = compileAlone(schema, draft);
  let crossReferenced: true | undefined;
  if (typeof check === "string" && docs.size) {
    check = await compileWithDocuments(schema, draft, docs);
    if (typeof check !== "string") crossReferenced = true;
  }
  const args = ["generate", "--schema", file, "--count", String(o.count), "--seed", String(o.seed), "--stdout", ...o.extraArgs];
  const t0 = performance.now();
  const r = await runCliAsync(args, { cwd: process.cwd(), timeoutMs: o.timeoutMs });
  const inferred = declared === "none" ? draft : undefined;
  const base = { file: name, declared, inferred, ms: Math.round(performance.now() - t0), crossReferenced };
  if (typeof check === "string" && r.status !== 0) return { ...base, outcome: "not-compilable", reason: check.slice(0, 300) };
  if (r.signal === "SIGKILL") return { ...base, outcome: "timeout", reason: `over ${o.timeoutMs} ms` };
  if (r.status === 2) return { ...base, outcome: "unsatisfiable", reason: firstLine(r.stderr) };
  if (r.status !== 0) return { ...base, outcome: "internal-error", reason: `exit ${r.status}: ${firstLine(r.stderr)}` };
  const lines = r.stdout.split("\n").filter((l) => l !== "");
  if (lines.length !== o.count) return { ...base, outcome: "internal-error", reason: `exit 0 with ${lines.length} of ${o.count} records` };
  if (typeof check === "string") return { ...base, outcome: "not-compilable", reason: check.slice(0, 300) };
  for (const [k, line] of lines.entries()) {
    const error = check(JSON.parse(line));
    if (error !== undefined) return { ...base, outcome: "some-invalid", reason: `record ${k + 1} fails the stock validator: ${error}` };
  }
  return { ...base, outcome: "all-valid" };
}

export function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(dir, f));
}

export async function runCorpus(options: CorpusOptions): Promise<SchemaOutcome[]> {
  const o = {
    dir: options.dir,
    count: options.count ?? 20,
    seed: options.seed ?? 1,
    timeoutMs: options.timeoutMs ?? 5000,
    jobs: options.jobs ?? availableParallelism(),
    extraArgs: options.extraArgs ?? [],
  };
  const files = corpusFiles(o.dir);
  const docs = documentsOf(o.extraArgs);
  const results: SchemaOutcome[] = new Array<SchemaOutcome>(files.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const k = next++;
      results[k] = await runOne(files[k], o, docs);
      options.onResult?.(results[k], ++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.jobs) }, worker));
  return results;
}

const OUTCOMES: Outcome[] = ["all-valid", "some-invalid", "unsatisfiable", "internal-error", "timeout", "not-compilable"];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The table a user reads: outcomes by declared draft, the rate, time per schema, the slowest. */
export function corpusTable(results: SchemaOutcome[], slowest = 10): string {
  const drafts = [...new Set(results.map((r) => r.declared))].sort();
  const rows = [["draft", ...OUTCOMES, "total"]];
  const count = (rs: SchemaOutcome[], o: Outcome) => rs.filter((r) => r.outcome === o).length;
  for (const d of [...drafts, "all"]) {
    const rs = d === "all" ? results : results.filter((r) => r.declared === d);
    rows.push([d, ...OUTCOMES.map((o) => String(count(rs, o))), String(rs.length)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "));
  const counted = results.filter((r) => r.outcome !== "not-compilable");
  const valid = count(counted, "all-valid");
  const crossed = counted.filter((r) => r.crossReferenced).length;
  lines.push(
    "",
    `all valid: ${valid} of ${counted.length} that compile on their own${crossed ? ` or with the --schema-dir documents (${crossed} of them)` : ""} (${((100 * valid) / Math.max(1, counted.length)).toFixed(1)}%)`,
  );
  const inferred = new Map<string, number>();
  for (const r of results) if (r.inferred) inferred.set(r.inferred, (inferred.get(r.inferred) ?? 0) + 1);
  if (inferred.size)
    lines.push(
      `without $schema: ${[...inferred]
        .sort()
        .map(([d, n]) => `${n} read as ${d}`)
        .join(", ")}`,
    );
  const times = counted.map((r) => r.ms ?? 0).sort((a, b) => a - b);
  lines.push(`time per schema: p50 ${percentile(times, 50)} ms, p95 ${percentile(times, 95)} ms, max ${times.at(-1) ?? 0} ms`);
  lines.push("", `slowest ${slowest}:`);
  for (const r of [...counted].sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0)).slice(0, slowest))
    lines.push(`  ${r.ms} ms  ${r.file}  ${r.outcome}`);
  const failing = counted.filter((r) => r.outcome !== "all-valid");
  if (failing.length) {
    lines.push("", "not all valid:");
    for (const r of failing) lines.push(`  ${r.outcome}  ${r.file}: ${r.reason ?? ""}`);
  }
  return lines.join("\n");
}

/** Outcomes from best to worst; not-compilable is the stock validator's verdict, not SpecMint's. */
export const OUTCOME_RANK: Record<Outcome, number> = {
  "all-valid": 0,
  "not-compilable": 0,
  unsatisfiable: 1,
  "some-invalid": 2,
  timeout: 3,
  "internal-error": 4,
};

/** What test/conformance/schemastore-outcomes.json holds: the figures and each schema's outcome. */
export interface OutcomeRecord {
  command: string;
  counted: number;
  allValid: number;
  outcomes: Record<string, Outcome | { outcome: Outcome; reason: string }>;
}

export function outcomeRecord(results: SchemaOutcome[], command: string): OutcomeRecord {
  const counted = results.filter((r) => r.outcome !== "not-compilable");
  const outcomes: OutcomeRecord["outcomes"] = {};
  for (const r of [...results].sort((a, b) => (a.file < b.file ? -1 : 1)))
    outcomes[r.file] = r.outcome === "all-valid" ? r.outcome : { outcome: r.outcome, reason: r.reason ?? "" };
  return { command, counted: counted.length, allValid: counted.filter((r) => r.outcome === "all-valid").length, outcomes };
}

/** Schemas whose outcome is worse than recorded (or new and not all valid), one line each. */
export function worseThanRecorded(results: SchemaOutcome[], record: OutcomeRecord): string[] {
  const worse: string[] = [];
  for (const r of results) {
    const was = record.outcomes[r.file];
    const before = was === undefined ? undefined : typeof was === "string" ? was : was.outcome;
    const recordedRank = before === undefined ? 0 : OUTCOME_RANK[before];
    // A schema recorded as counted that the stock validator no longer compiles is a lost one too.
    const lost = before !== undefined && before !== "not-compilable" && r.outcome === "not-compilable";
    if (OUTCOME_RANK[r.outcome] > recordedRank || lost)
      worse.push(`${r.file}: ${before ?? "new"} → ${r.outcome}${r.reason ? ` (${r.reason})` : ""}`);
  }
  return worse;
}
