// Writing a dataset folder (README "Generate fixtures"): streamed so that memory stays flat for
// any count, and atomic so that a folder holding a manifest is always a complete dataset.
import { DEFAULT_LOCALE } from "../generate/locales";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { SpecMintError } from "../base/errors";
import pkg from "../../package.json";
import { AbortedError } from "./aborted";
import { DEFAULT_SQL_DIALECT, SqlScript, singleSchemaTable, type SqlDialect } from "./sql";
import type { LoadedSchema } from "../schema/load";

export type OutputFormat = "json" | "jsonl" | "csv" | "sql";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["json", "jsonl", "csv", "sql"];

export const TOOL_NAME = "specmint";
export const TOOL_VERSION: string = pkg.version;

export interface ManifestStats {
  duration_ms: number;
  records: number;
  llm_calls: number;
  cache_hits: number;
  retries: number;
  fallbacks: number;
  repairs: number;
}

/** The draft the schema was read as; `assumed` when its `$schema` did not say (inferred from keywords, or the default). */
export interface ManifestDraft {
  version: string;
  assumed: boolean;
  source: "declared" | "option" | "inferred" | "default";
}

/** How many of the schema's boundary items the records hit (core/boundary; docs/boundary.md). */
export interface ManifestCoverage {
  items: number;
  reachable: number;
  covered: number;
  /** covered / reachable in percent (two decimals; 100 when nothing is reachable). */
  percent: number;
  /** Boundary datasets: the fewest first records that hit every item the dataset hits. */
  records_needed?: number;
}

export interface Manifest {
  dataset_id: string;
  tool: { name: string; version: string };
  schema: { path: string; sha256: string; draft?: ManifestDraft };
  gen: {
    count: number;
    seed: number;
    mode: string;
    /** What the records are: "valid", or "invalid" (each breaks one constraint, labelled in violations.jsonl). */
    kind: string;
    /** The keywords --violate limited an invalid dataset to; absent when not limited. */
    violate?: string[];
    /** The locale of names, addresses, postal codes and phone numbers (--locale). */
    locale: string;
    reference_date: string;
    optional_probability: number;
  };
  llm: { provider: string; model: string; temperature: number; seed: number } | null;
  stats: ManifestStats;
  degraded: boolean;
  /** The boundary coverage of the records (absent when the run did not measure it). */
  coverage?: ManifestCoverage;
  created_at: string;
}

/** What the caller knows about a run; counters that are only known at the end are read then. */
export interface ManifestInput {
  schema: { path: string; sha256: string; draft?: ManifestDraft };
  gen: {
    seed: number;
    mode: string;
    kind?: string;
    violate?: string[];
    locale?: string;
    reference_date: string;
    optional_probability: number;
  };
  llm?: Manifest["llm"];
  stats?: () => Partial<Omit<ManifestStats, "duration_ms" | "records">>;
  degraded?: () => boolean;
  /** Measures the boundary coverage: each record is shown to it as written, the counts are read at the end. */
  coverage?: { add(record: unknown, index: number): void; counts(): ManifestCoverage | undefined };
  /**
   * The manifest's created_at, ISO 8601. The caller reads the clock (common/runTime.ts): core
   * never does, and nothing in the records or dataset.jsonl depends on it.
   */
  created_at: string;
}

export interface WriteDatasetOptions {
  outDir: string;
  count: number;
  formats: OutputFormat[];
  /** Write into a non-empty folder that is not SpecMint output (its other files are kept). */
  force?: boolean;
  /** Record i; a promise when a model is still working on it (LLM modes only). */
  record: (i: number) => unknown;
  /**
   * The label of record i (kind invalid), asked right after record(i): one line of violations.jsonl,
   * which is written only when this is given.
   */
  violation?: (i: number) => unknown;
  /** Format sql: the schema its table is made from, and the dialect (default sqlite). */
  sql?: { loaded: LoadedSchema; dialect?: SqlDialect };
  manifest: ManifestInput;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface WriteDatasetResult {
  outDir: string;
  /** File names inside outDir, in the order they were written. */
  files: string[];
  manifest: Manifest;
}

const RECORD_FILE = /^record_(\d+)\.json$/;
/** The two folders of `--mirror`, under the output folder. */
export const MIRROR_FOLDERS = ["valid", "invalid"] as const;
const OWN_FILES = new Set(["dataset.jsonl", "dataset.csv", "dataset.sql", "violations.jsonl", "manifest.json", ...MIRROR_FOLDERS]);

export function isOwnFileName(name: string): boolean {
  return RECORD_FILE.test(name) || OWN_FILES.has(name);
}

export function recordFileName(i: number, count: number): string {
  const width = Math.max(4, String(count).length);
  return `record_${String(i).padStart(width, "0")}.json`;
}

export function datasetId(sha256Hex: string): string {
  return `smnt_${sha256Hex.slice(0, 16)}`;
}

export { AbortedError };

function ioError(action: string, file: string, e: unknown): SpecMintError {
  if (e instanceof SpecMintError || e instanceof AbortedError) return e as SpecMintError;
  const err = e as NodeJS.ErrnoException;
  const reason = err.code ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, "")}` : String(err?.message ?? e);
  return new SpecMintError("io", `cannot ${action} ${file}: ${reason}`, { file });
}

type FolderState =
  { kind: "absent" } | { kind: "empty" } | { kind: "specmint"; onlyOwnFiles: boolean } | { kind: "foreign"; example: string };

/** Is `dir` missing, empty, earlier SpecMint output, or somebody else's folder? */
export function inspectOutputFolder(dir: string): FolderState {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { kind: "absent" };
    throw ioError("inspect output folder", dir, e);
  }
  if (st.isSymbolicLink()) {
    // Renaming over a symlink would replace the link, not the folder it points to; writing through it
    // would put fixtures outside the folder the user named. Either surprises, so refuse.
    throw new SpecMintError("io", `refusing to write to ${dir}: it is a symbolic link; name the real folder instead`, { file: dir });
  }
  if (!st.isDirectory()) throw new SpecMintError("io", `cannot write output folder ${dir}: a file of that name exists`, { file: dir });
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    throw ioError("read output folder", dir, e);
  }
  if (names.length === 0) return { kind: "empty" };
  if (names.includes("manifest.json") && isSpecMintManifest(path.join(dir, "manifest.json"))) {
    // A set's output: its entities' folders are its own too.
    const parts = setPartNames(path.join(dir, "manifest.json"));
    return { kind: "specmint", onlyOwnFiles: names.every((n) => isOwnFileName(n) || parts.includes(n)) };
  }
  // A --mirror output: valid/ and invalid/, each with its manifest.
  if (MIRROR_FOLDERS.some((f) => names.includes(f) && isSpecMintManifest(path.join(dir, f, "manifest.json")))) {
    return { kind: "specmint", onlyOwnFiles: names.every(isOwnFileName) };
  }
  return { kind: "foreign", example: names.sort()[0] };
}

/** The entity folders a set's manifest (core/set/write.ts) lists; none for any other manifest. */
function setPartNames(file: string): string[] {
  try {
    const m = JSON.parse(fs.readFileSync(file, "utf8")) as { kind?: unknown; entities?: { name?: unknown }[] };
    if (m?.kind !== "set" || !Array.isArray(m.entities)) return [];
    return m.entities.map((e) => e?.name).filter((n): n is string => typeof n === "string" && n !== "" && !/[\\/]|^\.\.?$/.test(n));
  } catch {
    return [];
  }
}

function isSpecMintManifest(file: string): boolean {
  try {
    if (!fs.lstatSync(file).isFile()) return false;
    const m = JSON.parse(fs.readFileSync(file, "utf8")) as { tool?: { name?: unknown } };
    return m?.tool?.name === TOOL_NAME;
  } catch {
    return false;
  }
}

/** Buffered appends to one file: one write per ~64 KiB instead of one per record. */
class Appender {
  private fd: number;
  private chunks: string[] = [];
  private size = 0;
  constructor(readonly file: string) {
    this.fd = fs.openSync(file, "wx");
  }
  write(s: string): void {
    this.chunks.push(s);
    this.size += s.length;
    if (this.size >= 65536) this.flush();
  }
  flush(): void {
    if (this.chunks.length === 0) return;
    fs.writeSync(this.fd, this.chunks.join(""));
    this.chunks = [];
    this.size = 0;
  }
  close(): void {
    if (this.fd < 0) return;
    try {
      this.flush();
    } finally {
      fs.closeSync(this.fd);
      this.fd = -1;
    }
  }
}

// ---- CSV ----------------------------------------------------------------------------------------

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Cell text of a leaf: strings as they are, arrays and empty objects as JSON, null as empty. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return JSON.stringify(v);
  return JSON.stringify(v);
}

/**
 * Columns of one record: nested objects become dotted names; anything else is one cell. The values at
 * the pointers of `asJson` are one cell of JSON text whatever they are (a string "42" as `"42"`, an
 * object as `{…}`, null as `null`): there an invalid record has a value of the wrong type, which
 * must not read as a value of the right one.
 */
export function flattenRecord(record: unknown, asJson: ReadonlySet<string> = NO_POINTERS): [string, string][] {
  const out: [string, string][] = [];
  if (!isPlainObject(record) || asJson.has("")) {
    out.push(["value", asJson.has("") ? JSON.stringify(record) : cellText(record)]);
    return out;
  }
  const walk = (obj: Record<string, unknown>, prefix: string, pointer: string) => {
    for (const [k, v] of Object.entries(obj)) {
      const name = prefix + k;
      const at = `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (asJson.has(at)) out.push([name, JSON.stringify(v)]);
      else if (isPlainObject(v) && Object.keys(v).length > 0) walk(v, `${name}.`, at);
      else out.push([name, cellText(v)]);
    }
  };
  walk(record, "", "");
  return out;
}

const NO_POINTERS: ReadonlySet<string> = new Set();

/** Where an invalid record's label puts a value of the wrong type (a `type` violation), as a set of one pointer. */
function wrongTypeAt(label: unknown): ReadonlySet<string> {
  if (typeof label !== "object" || label === null) return NO_POINTERS;
  const { keyword, instance_path } = label as { keyword?: unknown; instance_path?: unknown };
  return keyword === "type" && typeof instance_path === "string" ? new Set([instance_path]) : NO_POINTERS;
}

/** RFC 4180: quote a field holding a quote, comma, CR or LF, doubling its quotes. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The header must list every column of every record, which is known only at the end. Rows are kept
 * in a scratch file as JSON arrays indexed by first-seen column order, then rewritten once as CSV.
 */
class CsvWriter {
  private readonly columns = new Map<string, number>();
  private readonly scratch: Appender;
  constructor(
    private readonly scratchFile: string,
    private readonly csvFile: string,
  ) {
    this.scratch = new Appender(scratchFile);
  }
  /** `label`: the record's line of violations.jsonl (kind invalid), which says where a value has the wrong type. */
  add(record: unknown, label?: unknown): void {
    const cells: string[] = [];
    for (const [name, text] of flattenRecord(record, wrongTypeAt(label))) {
      let k = this.columns.get(name);
      if (k === undefined) {
        k = this.columns.size;
        this.columns.set(name, k);
      }
      cells[k] = text;
    }
    for (let k = 0; k < cells.length; k++) if (cells[k] === undefined) cells[k] = "";
    this.scratch.write(JSON.stringify(cells) + "\n");
  }
  finish(): void {
    this.scratch.close();
    const width = this.columns.size;
    const out = new Appender(this.csvFile);
    try {
      out.write([...this.columns.keys()].map(csvField).join(",") + "\r\n");
      forEachLine(this.scratchFile, (line) => {
        const cells = JSON.parse(line) as string[];
        const row: string[] = new Array<string>(width);
        for (let k = 0; k < width; k++) row[k] = csvField(cells[k] ?? "");
        out.write(row.join(",") + "\r\n");
      });
    } finally {
      out.close();
    }
    fs.unlinkSync(this.scratchFile);
  }
  abandon(): void {
    try {
      this.scratch.close();
    } catch {
      // The folder it lives in is removed anyway.
    }
  }
}

// ---- SQL ----------------------------------------------------------------------------------------

/** dataset.sql: one table from the schema (core/output/sql), its CREATE TABLE first, rows as they come. */
class SqlFileWriter {
  private readonly script: SqlScript;
  private readonly out: Appender;
  constructor(file: string, loaded: LoadedSchema, dialect: SqlDialect) {
    this.script = new SqlScript([singleSchemaTable(loaded, dialect)], dialect);
    this.out = new Appender(file);
    this.out.write(this.script.head());
  }
  add(record: unknown, index: number): void {
    const statement = this.script.row(0, record, index);
    if (statement !== "") this.out.write(statement);
  }
  finish(): void {
    this.out.write(this.script.endTable(0) + this.script.tail());
    this.out.close();
  }
  abandon(): void {
    tryClose(this.out);
  }
}

/** Checks that format sql can be written: it needs the schema, and records that fit its columns. */
function sqlSource(opts: WriteDatasetOptions): { loaded: LoadedSchema; dialect: SqlDialect } {
  if (!opts.sql) throw new Error("format sql needs the schema (WriteDatasetOptions.sql)");
  if (opts.violation)
    throw new SpecMintError(
      "usage",
      "invalid records cannot be written as SQL: each breaks its schema, so it would not fit the table's columns or would not load; write them as json, jsonl or csv",
    );
  return { loaded: opts.sql.loaded, dialect: opts.sql.dialect ?? DEFAULT_SQL_DIALECT };
}

/** Calls `fn` for every non-empty line of a UTF-8 file, reading it in fixed-size chunks. */
export function forEachLine(file: string, fn: (line: string, lineNumber: number) => void): void {
  const fd = fs.openSync(file, "r");
  const buf = Buffer.allocUnsafe(1 << 20);
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let n = 0;
  try {
    for (;;) {
      const read = fs.readSync(fd, buf, 0, buf.length, null);
      const text = read > 0 ? rest + decoder.write(buf.subarray(0, read)) : rest + decoder.end();
      const lines = text.split("\n");
      rest = read > 0 ? (lines.pop() as string) : "";
      for (const line of lines) {
        n++;
        if (line !== "") fn(line, n);
      }
      if (read === 0) break;
    }
  } finally {
    fs.closeSync(fd);
  }
}

// ---- the folder ---------------------------------------------------------------------------------

function removeQuietly(p: string): void {
  try {
    fs.rmSync(p, { recursive: true, force: true });
  } catch {
    // Best effort: a leftover temporary folder is named so that the next run removes it.
  }
}

/** Temporary folders of earlier runs that died (their process is gone) are removed. */
function removeDeadTemporaries(parent: string, name: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return;
  }
  const prefix = `.${name}.specmint-`;
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    const m = /^(?:tmp|old)-(\d+)$/.exec(n.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    removeQuietly(path.join(parent, n));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A host that can end a run from outside (the CLI's main thread terminates the worker thread that runs
 * the command when a signal finds it busy) learns here what it would have to clean up, and decides
 * whether the finished output may still be moved into place.
 */
export interface OutputGuard {
  /**
   * A temporary folder is about to be created beside `outDir`; `holds` "new" for the output being
   * written, "previous" for the earlier output moved aside while the new one takes its name (put it
   * back when `outDir` is missing).
   */
  temporary(folder: string, outDir: string, holds: "new" | "previous"): void;
  /** The output is complete: may it replace `outDir` now? false when the run is being stopped. */
  beginCommit(): boolean;
  /** The output is in place (or the move failed). */
  endCommit(): void;
}

let guard: OutputGuard | undefined;

/** Installs (or, with undefined, removes) the guard of every writeDataset in this thread. */
export function setOutputGuard(g: OutputGuard | undefined): void {
  guard = g;
}

/** A temporary folder beside the output folder, made ready to be written into. */
interface PreparedOutput {
  outDir: string;
  tmp: string;
}

/** Checks that `outDir` may be written (not the root, not somebody else's folder unless `force`) and makes the temporary folder beside it. */
function prepareOutput(outDirOption: string, force: boolean | undefined): PreparedOutput {
  const outDir = path.resolve(outDirOption);
  const parent = path.dirname(outDir);
  const name = path.basename(outDir);
  if (parent === outDir || name === "")
    throw new SpecMintError("io", `refusing to write fixtures to the file system root ${outDir}`, { file: outDir });

  const state = inspectOutputFolder(outDir);
  if (state.kind === "foreign" && !force) {
    throw new SpecMintError(
      "io",
      `refusing to write into ${outDir}: it is not empty and is not SpecMint output (it holds ${state.example} and no manifest.json from specmint); choose another folder, empty it, or pass --force`,
      { file: outDir },
    );
  }
  try {
    fs.mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw ioError("create folder", parent, e);
  }
  removeDeadTemporaries(parent, name);

  const tmp = path.join(parent, `.${name}.specmint-tmp-${process.pid}`);
  guard?.temporary(tmp, outDir, "new");
  removeQuietly(tmp);
  try {
    fs.mkdirSync(tmp);
  } catch (e) {
    throw ioError("create temporary folder", tmp, e);
  }
  return { outDir, tmp };
}

/** Moves the finished temporary folder into place, unless the run is being stopped. */
function commitOutput(out: PreparedOutput, files: string[], signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError();
  const state = inspectOutputFolder(out.outDir);
  // Past this point the run finishes even when a signal comes: the move takes a moment, and a
  // folder left half-moved would be worse than a complete new one.
  if (guard && !guard.beginCommit()) throw new AbortedError();
  try {
    commit(out.tmp, out.outDir, files, state);
  } finally {
    guard?.endCommit();
  }
}

/** A failed run leaves nothing behind; only the file system's errors are I/O failures. */
function failOutput(out: PreparedOutput, e: unknown): never {
  removeQuietly(out.tmp);
  // Anything else (a bug in a record function) must keep its identity so that the CLI reports it
  // as the bug it is.
  const errno = e as NodeJS.ErrnoException;
  if (errno instanceof Error && typeof errno.code === "string" && typeof errno.syscall === "string") {
    throw ioError("write output folder", out.outDir, e);
  }
  throw e;
}

export async function writeDataset(opts: WriteDatasetOptions): Promise<WriteDatasetResult> {
  checkCount(opts.count);
  const out = prepareOutput(opts.outDir, opts.force);
  let written: { files: string[]; manifest: Manifest };
  try {
    written = await writeDatasetFiles(out.tmp, opts);
    commitOutput(out, written.files, opts.signal);
  } catch (e) {
    failOutput(out, e);
  }
  return { outDir: out.outDir, files: written.files, manifest: written.manifest };
}

export interface WriteMirrorOptions {
  outDir: string;
  force?: boolean;
  signal?: AbortSignal;
  /** valid/ and invalid/: each a dataset as writeDataset writes one (their outDir and force are not read). */
  valid: Omit<WriteDatasetOptions, "outDir" | "force" | "signal">;
  invalid: Omit<WriteDatasetOptions, "outDir" | "force" | "signal">;
}

export interface WriteMirrorResult {
  outDir: string;
  valid: WriteDatasetResult;
  invalid: WriteDatasetResult;
}

/**
 * `--mirror`: valid/ and invalid/ side by side under `outDir`, each a complete dataset folder. Both
 * are written into one temporary folder that takes the output folder's place as a whole (as
 * writeDataset does), so that an error or an interruption leaves neither half-written.
 */
/**
 * An output folder of several parts (a set: a dataset folder per entity and the set's manifest),
 * written by `write` into one temporary folder that takes `outDir`'s place as a whole, as
 * writeDataset does for one dataset: an error or an interruption leaves nothing half-written.
 * `write` returns the names it made at the folder's top (folders among them are replaced whole)
 * and what the caller wants back.
 */
export async function writeOutputFolder<T>(
  opts: { outDir: string; force?: boolean; signal?: AbortSignal },
  write: (dir: string) => Promise<{ names: string[]; result: T }>,
): Promise<{ outDir: string; result: T }> {
  const out = prepareOutput(opts.outDir, opts.force);
  let made: { names: string[]; result: T };
  try {
    made = await write(out.tmp);
    commitOutput(out, made.names, opts.signal);
  } catch (e) {
    failOutput(out, e);
  }
  return { outDir: out.outDir, result: made.result };
}

export async function writeMirror(opts: WriteMirrorOptions): Promise<WriteMirrorResult> {
  checkCount(opts.valid.count);
  checkCount(opts.invalid.count);
  const { outDir, result: results } = await writeOutputFolder(opts, async (tmp) => {
    const made: Record<(typeof MIRROR_FOLDERS)[number], { files: string[]; manifest: Manifest }> = {} as never;
    for (const folder of MIRROR_FOLDERS) {
      const dir = path.join(tmp, folder);
      fs.mkdirSync(dir);
      made[folder] = await writeDatasetFiles(dir, { ...opts[folder], outDir: dir, signal: opts.signal });
    }
    return { names: [...MIRROR_FOLDERS], result: made };
  });
  const result = (folder: (typeof MIRROR_FOLDERS)[number]): WriteDatasetResult => ({
    outDir: path.join(outDir, folder),
    ...results[folder],
  });
  return { outDir, valid: result("valid"), invalid: result("invalid") };
}

function checkCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) throw new SpecMintError("usage", `count must be a non-negative integer, got ${count}`);
}

/** The files of one dataset written into `dir` (a temporary folder, or a folder inside one: writeOutputFolder), the manifest last. */
export async function writeDatasetFiles(dir: string, opts: WriteDatasetOptions): Promise<{ files: string[]; manifest: Manifest }> {
  const started = performance.now();
  const { count } = opts;
  const formats = OUTPUT_FORMATS.filter((f) => opts.formats.includes(f));
  const files: string[] = [];
  let jsonl: Appender | undefined;
  let csv: CsvWriter | undefined;
  let sql: SqlFileWriter | undefined;
  let violations: Appender | undefined;
  try {
    if (formats.includes("sql")) {
      const source = sqlSource(opts);
      sql = new SqlFileWriter(path.join(dir, "dataset.sql"), source.loaded, source.dialect);
    }
    if (formats.includes("jsonl")) jsonl = new Appender(path.join(dir, "dataset.jsonl"));
    if (formats.includes("csv")) csv = new CsvWriter(path.join(dir, ".dataset.csv.rows"), path.join(dir, "dataset.csv"));
    if (opts.violation) violations = new Appender(path.join(dir, "violations.jsonl"));
    const writeRecords = formats.includes("json");
    const hash = createHash("sha256");
    const progressEvery = Math.max(1, Math.floor(count / 100));
    let lastProgress = performance.now();
    let lastYield = lastProgress;

    for (let i = 1; i <= count; i++) {
      if (opts.signal?.aborted) throw new AbortedError();
      let rec = opts.record(i);
      // Only LLM modes hand out promises; the plain path stays free of an await per record.
      if (rec instanceof Promise) rec = await rec;
      const line = JSON.stringify(rec);
      if (line === undefined) throw new SpecMintError("schema", `record ${i} is not JSON-serialisable`);
      const text = line + "\n";
      hash.update(text);
      jsonl?.write(text);
      if (writeRecords) {
        const f = recordFileName(i, count);
        fs.writeFileSync(path.join(dir, f), JSON.stringify(rec, null, 2) + "\n", { flag: "wx" });
      }
      const label = violations ? opts.violation!(i) : undefined;
      csv?.add(rec, label);
      sql?.add(rec, i);
      opts.manifest.coverage?.add(rec, i);
      if (violations) violations.write(JSON.stringify(label) + "\n");
      const now = performance.now();
      if (opts.onProgress && (i % progressEvery === 0 || now - lastProgress >= 250 || i === count)) {
        lastProgress = now;
        opts.onProgress(i, count);
      }
      // Generation is synchronous; without a turn of the event loop now and then, Ctrl-C (and the
      // language server's cancellation) would only be seen after the last record.
      if (now - lastYield >= 50) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    if (opts.signal?.aborted) throw new AbortedError();
    jsonl?.close();
    csv?.finish();
    sql?.finish();
    violations?.close();

    if (writeRecords) for (let i = 1; i <= count; i++) files.push(recordFileName(i, count));
    if (jsonl) files.push("dataset.jsonl");
    if (csv) files.push("dataset.csv");
    if (sql) files.push("dataset.sql");
    if (violations) files.push("violations.jsonl");

    const extra = opts.manifest.stats?.() ?? {};
    const coverage = opts.manifest.coverage?.counts();
    const manifest: Manifest = {
      dataset_id: datasetId(hash.digest("hex")),
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      schema: {
        path: opts.manifest.schema.path,
        sha256: opts.manifest.schema.sha256,
        ...(opts.manifest.schema.draft ? { draft: opts.manifest.schema.draft } : {}),
      },
      gen: {
        count,
        seed: opts.manifest.gen.seed,
        mode: opts.manifest.gen.mode,
        kind: opts.manifest.gen.kind ?? "valid",
        ...(opts.manifest.gen.violate ? { violate: opts.manifest.gen.violate } : {}),
        locale: opts.manifest.gen.locale ?? DEFAULT_LOCALE,
        reference_date: opts.manifest.gen.reference_date,
        optional_probability: opts.manifest.gen.optional_probability,
      },
      llm: opts.manifest.gen.mode === "off" ? null : (opts.manifest.llm ?? null),
      stats: {
        duration_ms: Math.round(performance.now() - started),
        records: count,
        llm_calls: extra.llm_calls ?? 0,
        cache_hits: extra.cache_hits ?? 0,
        retries: extra.retries ?? 0,
        fallbacks: extra.fallbacks ?? 0,
        repairs: extra.repairs ?? 0,
      },
      degraded: opts.manifest.degraded?.() ?? false,
      ...(coverage ? { coverage } : {}),
      created_at: opts.manifest.created_at,
    };
    fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n", { flag: "wx" });
    files.push("manifest.json");
    return { files, manifest };
  } catch (e) {
    if (jsonl) tryClose(jsonl);
    if (violations) tryClose(violations);
    csv?.abandon();
    sql?.abandon();
    throw e;
  }
}

function tryClose(a: Appender): void {
  try {
    a.close();
  } catch {
    // Already failing; the first error is the one to report.
  }
}

/** Moves the finished temporary folder into place. */
function commit(tmp: string, outDir: string, files: string[], state: FolderState): void {
  if (state.kind === "absent") {
    fs.renameSync(tmp, outDir);
    return;
  }
  // Renaming the working directory away would leave the user's shell in a deleted folder.
  const cwd = process.cwd();
  const holdsCwd = cwd === outDir || cwd.startsWith(outDir + path.sep);
  if (state.kind === "empty" && !holdsCwd) {
    fs.rmdirSync(outDir);
    fs.renameSync(tmp, outDir);
    return;
  }
  if (state.kind === "specmint" && state.onlyOwnFiles && !holdsCwd) {
    // Swap whole folders: the earlier output stays complete until the new one takes its name.
    const old = path.join(path.dirname(outDir), `.${path.basename(outDir)}.specmint-old-${process.pid}`);
    guard?.temporary(old, outDir, "previous");
    removeQuietly(old);
    fs.renameSync(outDir, old);
    try {
      fs.renameSync(tmp, outDir);
    } catch (e) {
      fs.renameSync(old, outDir);
      throw e;
    }
    removeQuietly(old);
    return;
  }
  // The folder also holds files that are not ours (or is the working directory): move our files in
  // one by one and keep the rest. The old manifest goes first so that the folder never claims to be
  // complete while it is being replaced.
  const manifestPath = path.join(outDir, "manifest.json");
  fs.rmSync(manifestPath, { force: true });
  // Sub-folders (--mirror's valid/ and invalid/, a set's entities) go the same way: each one's manifest first, then the folder.
  const folders = files.filter((f) => (MIRROR_FOLDERS as readonly string[]).includes(f) || !isOwnFileName(f));
  for (const f of folders) fs.rmSync(path.join(outDir, f, "manifest.json"), { force: true });
  const fresh = new Set(files);
  for (const f of files)
    if (f !== "manifest.json") {
      const target = path.join(outDir, f);
      if (folders.includes(f)) fs.rmSync(target, { recursive: true, force: true });
      fs.renameSync(path.join(tmp, f), target);
    }
  for (const f of fs.readdirSync(outDir)) {
    if (isOwnFileName(f) && !fresh.has(f) && f !== "manifest.json") fs.rmSync(path.join(outDir, f), { recursive: true, force: true });
  }
  if (fresh.has("manifest.json")) fs.renameSync(path.join(tmp, "manifest.json"), manifestPath);
  removeQuietly(tmp);
}
