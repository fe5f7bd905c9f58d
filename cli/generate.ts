// `specmint generate`: settings from flags > config file > environment > defaults, then either a
// dataset folder (core/output) or JSON Lines on stdout.
import * as os from "node:os";
import * as path from "node:path";
import { SpecMintError } from "../core/base";
import { loadSchemaFile, type LoadedSchema } from "../core/schema";
import { Generator } from "../core/engine";
import { AbortedError, OUTPUT_FORMATS, writeDataset, type OutputFormat } from "../core/output";
import { runTimestamp } from "../common/runTime";
import { parseFlags, type FlagSpec } from "./args";
import { loadConfig, type ConfigKey } from "./config";
import { GENERATE_HELP } from "./help";
import { ProgressLine } from "./progress";
import { EXIT } from "./failure";
import type { CliContext } from "./run";
import type { Enrichment } from "./enrichment";

export const GENERATE_FLAGS: FlagSpec[] = [
  { name: "schema", type: "string" },
  { name: "count", type: "string" },
  { name: "seed", type: "string" },
  { name: "out", type: "string" },
  { name: "stdout", type: "boolean" },
  { name: "format", type: "string" },
  { name: "force", type: "boolean" },
  { name: "config", type: "string" },
  { name: "reference-date", type: "string" },
  { name: "llm-mode", type: "string" },
  { name: "ollama-host", type: "string" },
  { name: "model", type: "string" },
  { name: "temperature", type: "string" },
  { name: "llm-workers", type: "string" },
  { name: "max-rps", type: "string" },
  { name: "timeout-ms", type: "string" },
  { name: "context", type: "string" },
  { name: "cache-dir", type: "string" },
  { name: "no-cache", type: "boolean" },
];

export const DEFAULTS = {
  count: 10,
  seed: 1,
  formats: ["json", "jsonl"] as OutputFormat[],
  referenceDate: "2026-01-01T00:00:00Z",
  llmMode: "off",
  ollamaHost: "http://127.0.0.1:11434",
  model: "qwen2.5:latest",
  temperature: 0.2,
  llmWorkers: 3,
  maxRps: 3,
  timeoutMs: 12_000,
} as const;

export type LlmMode = "off" | "fields" | "record";

export interface GenerateSettings {
  schema: string;
  count: number;
  seed: number;
  /** Absolute output folder; undefined with --stdout. */
  out?: string;
  stdout: boolean;
  formats: OutputFormat[];
  force: boolean;
  referenceDate: string;
  llm: {
    mode: LlmMode;
    ollamaHost: string;
    model: string;
    temperature: number;
    workers: number;
    maxRps: number;
    timeoutMs: number;
    context?: string;
    cacheDir: string;
    cache: boolean;
  };
  configFile?: string;
}

interface Raw {
  value: unknown;
  origin: string;
}

function bad(origin: string, expected: string, value: unknown): SpecMintError {
  const shown = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return new SpecMintError("usage", `${origin}: expected ${expected}, got ${shown}; see specmint generate --help`);
}

function toInteger(r: Raw, min: number, max: number, what: string): number {
  const v = r.value;
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "bigint") n = Number(v);
  else if (typeof v === "string" && /^\s*\d+\s*$/.test(v)) n = Number(v.trim());
  else if (typeof v === "string" && /^\s*-\d+\s*$/.test(v)) n = Number(v.trim());
  else throw bad(r.origin, what, v);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw bad(r.origin, what, v);
  return n;
}

function toNumber(r: Raw, min: number, max: number, what: string, exclusiveMin = false): number {
  const v = r.value;
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n > max || (exclusiveMin ? n <= min : n < min)) throw bad(r.origin, what, v);
  return n;
}

function toText(r: Raw, what: string): string {
  if (typeof r.value !== "string" || r.value.trim() === "") throw bad(r.origin, what, r.value);
  return r.value;
}

function toBoolean(r: Raw): boolean {
  if (typeof r.value === "boolean") return r.value;
  throw bad(r.origin, "true or false", r.value);
}

export function parseFormats(r: Raw): OutputFormat[] {
  const list = Array.isArray(r.value) ? r.value : typeof r.value === "string" ? r.value.split(",") : undefined;
  if (!list) throw bad(r.origin, `a list of ${OUTPUT_FORMATS.join(", ")}`, r.value);
  const out: OutputFormat[] = [];
  for (const item of list) {
    const f = typeof item === "string" ? item.trim().toLowerCase() : item;
    if (f === "") continue;
    if (!OUTPUT_FORMATS.includes(f as OutputFormat)) {
      throw new SpecMintError("usage", `${r.origin}: unknown format ${JSON.stringify(item)}; formats are ${OUTPUT_FORMATS.join(", ")}; see specmint generate --help`);
    }
    if (!out.includes(f as OutputFormat)) out.push(f as OutputFormat);
  }
  if (out.length === 0) throw bad(r.origin, `at least one of ${OUTPUT_FORMATS.join(", ")}`, r.value);
  return out;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?)?$/;

/**
 * A date or date-time in ISO 8601, normalised to `YYYY-MM-DDTHH:MM:SSZ` so that "2026-01-01" and
 * "2026-01-01T00:00:00Z" give the same records. A time without offset is UTC: the reference date
 * must not depend on the machine's time zone.
 */
export function parseReferenceDate(r: Raw): string {
  let v = r.value;
  if (v instanceof Date) v = v.toISOString();
  const m = typeof v === "string" ? ISO_DATE.exec(v.trim()) : null;
  if (!m) throw bad(r.origin, "an ISO 8601 date or date-time such as 2026-01-01 or 2026-01-01T12:00:00Z", v);
  const s = (v as string).trim();
  const withZone = m[4] === undefined ? `${s}T00:00:00Z` : m[7] === undefined ? `${s}Z` : s;
  const d = new Date(withZone.replace(" ", "T"));
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const calendarOk = mo >= 1 && mo <= 12 && da >= 1 && da <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (Number.isNaN(d.getTime()) || !calendarOk) throw bad(r.origin, "a real calendar date", v);
  return d.toISOString().replace(/\.000Z$/, "Z");
}

export function parseHost(r: Raw): string {
  const v = toText(r, "a URL such as http://127.0.0.1:11434");
  // Ollama itself accepts OLLAMA_HOST without a scheme ("127.0.0.1:11434").
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `http://${v}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw bad(r.origin, "a URL such as http://127.0.0.1:11434", v);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw bad(r.origin, "an http:// or https:// URL", v);
  return withScheme.replace(/\/+$/, "");
}

/** `fixtures/<schema file name without extensions>`: user.schema.json → fixtures/user. */
export function defaultOutDir(schema: string, cwd: string): string {
  const base = path.basename(schema).replace(/^\.+/, "");
  const stem = base.split(".")[0] || "schema";
  return path.resolve(cwd, "fixtures", stem);
}

export function resolveSettings(
  flags: Map<string, string | true>,
  env: NodeJS.ProcessEnv,
  cwd: string,
): GenerateSettings {
  const config = loadConfig(flags.get("config") as string | undefined, cwd);
  const configName = config ? path.relative(cwd, config.file) || config.file : "";
  const envVar = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === "" ? undefined : v;
  };
  const pick = (key: ConfigKey, envName?: string): Raw | undefined => {
    if (flags.has(key)) return { value: flags.get(key), origin: `--${key}` };
    if (config?.values.has(key)) return { value: config.values.get(key), origin: `${configName}: ${key}` };
    const e = envName ? envVar(envName) : undefined;
    if (e !== undefined) return { value: e, origin: `${envName}=${e}` };
    return undefined;
  };
  const stdout = flags.get("stdout") === true;
  if (stdout && flags.has("out")) throw new SpecMintError("usage", "--out and --stdout cannot be used together; see specmint generate --help");
  if (stdout && flags.has("format")) {
    throw new SpecMintError("usage", "--stdout prints JSON Lines only; drop --format, or write a folder with --out; see specmint generate --help");
  }

  const schemaRaw = pick("schema");
  if (!schemaRaw) throw new SpecMintError("usage", "missing --schema FILE; see specmint generate --help");
  const schema = path.resolve(cwd, toText(schemaRaw, "a schema file path"));

  const r = {
    count: pick("count", "SPECMINT_COUNT"),
    seed: pick("seed", "SPECMINT_SEED"),
    out: pick("out", "SPECMINT_OUT"),
    format: pick("format"),
    force: pick("force"),
    referenceDate: pick("reference-date"),
    mode: pick("llm-mode"),
    host: pick("ollama-host", "OLLAMA_HOST"),
    model: pick("model"),
    temperature: pick("temperature"),
    workers: pick("llm-workers"),
    maxRps: pick("max-rps"),
    timeoutMs: pick("timeout-ms"),
    context: pick("context"),
    cacheDir: pick("cache-dir"),
    noCache: pick("no-cache"),
  };
  const count = r.count ? toInteger(r.count, 1, Number.MAX_SAFE_INTEGER, "a positive integer") : DEFAULTS.count;
  const seed = r.seed ? toInteger(r.seed, 0, Number.MAX_SAFE_INTEGER, "a non-negative integer") : DEFAULTS.seed;
  const out = stdout ? undefined : r.out ? path.resolve(cwd, toText(r.out, "a folder path")) : defaultOutDir(schema, cwd);
  const formats = r.format && !stdout ? parseFormats(r.format) : [...DEFAULTS.formats];
  const mode = r.mode ? toText(r.mode, "off, fields or record") : DEFAULTS.llmMode;
  if (mode !== "off" && mode !== "fields" && mode !== "record") throw bad(r.mode!.origin, "off, fields or record", mode);
  const cacheHome = envVar("XDG_CACHE_HOME") ?? path.join(os.homedir(), ".cache");

  return {
    schema,
    count,
    seed,
    out,
    stdout,
    formats,
    force: r.force ? toBoolean(r.force) : false,
    referenceDate: r.referenceDate ? parseReferenceDate(r.referenceDate) : DEFAULTS.referenceDate,
    llm: {
      mode,
      ollamaHost: r.host ? parseHost(r.host) : DEFAULTS.ollamaHost,
      model: r.model ? toText(r.model, "a model name such as qwen2.5:latest") : DEFAULTS.model,
      temperature: r.temperature ? toNumber(r.temperature, 0, 2, "a number from 0 to 2") : DEFAULTS.temperature,
      workers: r.workers ? toInteger(r.workers, 1, 64, "an integer from 1 to 64") : DEFAULTS.llmWorkers,
      maxRps: r.maxRps ? toNumber(r.maxRps, 0, 1000, "a number of requests per second above 0", true) : DEFAULTS.maxRps,
      timeoutMs: r.timeoutMs ? toInteger(r.timeoutMs, 1, 3_600_000, "a timeout in milliseconds from 1 to 3600000") : DEFAULTS.timeoutMs,
      context: r.context ? path.resolve(cwd, toText(r.context, "a file path")) : undefined,
      cacheDir: r.cacheDir ? path.resolve(cwd, toText(r.cacheDir, "a folder path")) : path.join(cacheHome, "specmint", "llm"),
      cache: r.noCache ? !toBoolean(r.noCache) : true,
    },
    configFile: config?.file,
  };
}

/** Path as the manifest records it: relative to the working directory, with forward slashes. */
function portablePath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel === "" || path.isAbsolute(rel) ? file : rel).split(path.sep).join("/");
}

function displayPath(p: string, cwd: string): string {
  const rel = path.relative(cwd, p);
  return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? p : rel;
}

export async function runGenerate(argv: string[], ctx: CliContext): Promise<number> {
  const parsed = parseFlags("generate", argv, GENERATE_FLAGS);
  if (parsed.help) {
    ctx.stdout.write(GENERATE_HELP);
    return EXIT.ok;
  }
  const s = resolveSettings(parsed.values, ctx.env, ctx.cwd);
  const loaded = loadSchemaFile(s.schema);
  const generator = new Generator(loaded, { seed: s.seed, referenceDate: s.referenceDate });
  // x-unique values come from the record index: a count beyond a node's value space is refused up front.
  generator.assertUniqueCapacity(s.count);
  for (const w of generator.warnings()) ctx.stderr.write(`specmint: ${w}\n`);
  let llm: Enrichment | undefined;
  if (s.llm.mode !== "off") {
    try {
      // Loaded only when asked for: with --llm-mode off nothing of the LLM code runs.
      llm = await (await import("./enrichment")).prepareEnrichment(s, loaded, generator, ctx);
    } catch (e) {
      if (!(e instanceof AbortedError)) throw e;
      ctx.stderr.write(`specmint: interrupted before anything was written\nsummary: interrupted, exit ${EXIT.interrupted}\n`);
      return EXIT.interrupted;
    }
  }
  const progress = new ProgressLine(llm ? "generating (with the model)" : "generating", ctx.stderr, ctx.stderrIsTTY);

  try {
    if (s.stdout) return await streamToStdout(generator, s, ctx, progress, llm);
    return await writeFolder(generator, loaded, s, ctx, progress, llm);
  } finally {
    llm?.stop();
  }
}

async function writeFolder(
  generator: Generator,
  loaded: LoadedSchema,
  s: GenerateSettings,
  ctx: CliContext,
  progress: ProgressLine,
  llm: Enrichment | undefined,
): Promise<number> {
  const started = performance.now();
  let result;
  try {
    result = await writeDataset({
      outDir: s.out!,
      count: s.count,
      formats: s.formats,
      force: s.force,
      record: llm ? (i) => llm.records.get(i) : (i) => generator.record(i),
      signal: ctx.signal,
      onProgress: (done, total) => progress.update(done, total),
      manifest: {
        created_at: runTimestamp(),
        schema: { path: portablePath(s.schema, ctx.cwd), sha256: loaded.sha256 },
        gen: {
          seed: s.seed,
          mode: s.llm.mode,
          reference_date: s.referenceDate,
          optional_probability: generator.options.optionalProbability,
        },
        llm: null,
        stats: () => ({ retries: generator.stats.retries, repairs: generator.stats.repairs }),
        degraded: () => false,
        ...llm?.manifest,
      },
    });
  } catch (e) {
    progress.clear();
    if (e instanceof AbortedError) {
      ctx.stderr.write(`specmint: interrupted; nothing was written and ${displayPath(s.out!, ctx.cwd)} is as it was\nsummary: interrupted, exit ${EXIT.interrupted}\n`);
      return EXIT.interrupted;
    }
    throw e;
  }
  progress.clear();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const what = s.formats.map((f) => (f === "json" ? "record_*.json" : `dataset.${f}`)).join(", ");
  ctx.stderr.write(
    `specmint: wrote ${s.count} record${s.count === 1 ? "" : "s"} to ${displayPath(result.outDir, ctx.cwd)} (${what}, manifest.json) in ${seconds} s · ${result.manifest.dataset_id}${llm?.summary() ?? ""}\n`,
  );
  if (llm) ctx.stderr.write(llm.report());
  return EXIT.ok;
}

/** Records as JSON Lines, with backpressure, so that `| head` and slow readers work. */
async function streamToStdout(generator: Generator, s: GenerateSettings, ctx: CliContext, progress: ProgressLine, llm?: Enrichment): Promise<number> {
  const out = ctx.stdout;
  let closed = false;
  let failure: NodeJS.ErrnoException | undefined;
  const onError = (e: NodeJS.ErrnoException) => {
    closed = true;
    // The reader went away (`| head -n 3`): that is its choice, not our failure.
    if (e.code !== "EPIPE") failure = e;
  };
  out.on("error", onError);
  try {
    let chunk = "";
    let lastYield = performance.now();
    for (let i = 1; i <= s.count && !closed; i++) {
      if (ctx.signal.aborted) break;
      let rec: unknown;
      if (llm) {
        try {
          rec = await llm.records.get(i);
        } catch (e) {
          if (e instanceof AbortedError) break;
          throw e;
        }
      } else rec = generator.record(i);
      chunk += JSON.stringify(rec) + "\n";
      // With a model each record takes a while: send it on at once (a reader sees progress, `| head` ends the run).
      if (chunk.length >= 65536 || i === s.count || llm) {
        const ok = out.write(chunk);
        chunk = "";
        if (!ok && !closed) await new Promise<void>((resolve) => {
          const done = () => {
            out.off("drain", done);
            out.off("close", done);
            resolve();
          };
          out.on("drain", done);
          out.on("close", done);
        });
      }
      progress.update(i, s.count);
      const now = performance.now();
      if (now - lastYield >= 50) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
    progress.clear();
    if (failure) throw new SpecMintError("io", `cannot write to stdout: ${failure.message}`);
    if (llm) ctx.stderr.write(llm.report());
    if (ctx.signal.aborted && !closed) {
      ctx.stderr.write(`specmint: interrupted; the records printed so far are complete lines\nsummary: interrupted, exit ${EXIT.interrupted}\n`);
      return EXIT.interrupted;
    }
    return EXIT.ok;
  } finally {
    // The listener stays: an EPIPE can still arrive after the last write was queued.
    progress.clear();
  }
}
