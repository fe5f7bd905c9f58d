// The settings of `specmint generate` (and the host and model of `specmint doctor`): flags > config
// file > environment > defaults (common/settings.ts), each value checked with a message that names
// where it came from.
import * as os from "node:os";
import * as path from "node:path";
import { SpecMintError } from "../core/base";
import { DEFAULT_SQL_DIALECT, isSqlDialect, OUTPUT_FORMATS, SQL_DIALECTS, type OutputFormat, type SqlDialect } from "../core/output";
import * as fs from "node:fs";
import {
  DRAFT_NAMES,
  loadSchemaFile,
  parseDraftName,
  type Draft,
  type LoadedSchema,
  type OfflineSources,
  type RefMapping,
} from "../core/schema";
import {
  DEFAULT_SETTINGS,
  cleanHost,
  defaultLlmCacheDir,
  isIsoDateText,
  normalizeReferenceDate,
  outputFolderFor,
  type LlmSettings,
  limitMaximum,
} from "../common/settings";
import { LIMIT_NAMES, WORK_LIMITS, groupDigits, type LimitName, type Limits } from "../core/base";
import { loadConfig, type ConfigKey } from "./config";
import { VIOLABLE_KEYWORDS } from "../core/invalid";
import { RECORD_KINDS, isRecordKind, type RecordKind } from "../core/kinds";
import { closest } from "./args";
import { DEFAULT_LOCALE, LOCALES } from "../core/generate";
import type { SetSpec } from "../core/set";

export interface GenerateSettings {
  schema: string;
  count: number;
  seed: number;
  /** Absolute output folder; undefined with --stdout. */
  out?: string;
  stdout: boolean;
  /** What the records are: valid ones, or invalid ones that each break one constraint (labelled). */
  kind: RecordKind;
  /** --violate: the keywords invalid records may break; undefined: every violable one. */
  violate?: string[];
  /** --mirror (kind invalid): write valid/ and invalid/ side by side under the output folder. */
  mirror: boolean;
  formats: OutputFormat[];
  /** The dialect of dataset.sql (--sql-dialect; default sqlite). */
  sqlDialect: SqlDialect;
  force: boolean;
  referenceDate: string;
  /** Locale of names, addresses, postal codes and phone numbers (--locale; default en-US). */
  locale: string;
  /** The draft of a schema without `$schema` (--draft); undefined: inferred from its keywords. */
  draft?: Draft;
  /** Documents referenced by URL: --schema-dir folders and the [refs] map. */
  offline: OfflineSources;
  llm: LlmSettings & {
    ollamaHost: string;
    model: string;
    /** The --context file. */
    context?: string;
    cacheDir: string;
    cache: boolean;
  };
  /** Work limits raised or lowered (--limit NAME=N, [limits] in the config file); the rest keep their defaults. */
  limits: Partial<Limits>;
  configFile?: string;
}

/** A value as given, where it was given, and the command whose help a mistake points to. */
export interface Raw {
  value: unknown;
  origin: string;
  command?: string;
}

function bad(r: Raw, expected: string, value: unknown = r.value): SpecMintError {
  const shown = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return new SpecMintError("usage", `${r.origin}: expected ${expected}, got ${shown}; see specmint ${r.command ?? "generate"} --help`);
}

function toInteger(r: Raw, min: number, max: number, what: string): number {
  const v = r.value;
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "bigint") n = Number(v);
  else if (typeof v === "string" && /^\s*\d+\s*$/.test(v)) n = Number(v.trim());
  else if (typeof v === "string" && /^\s*-\d+\s*$/.test(v)) n = Number(v.trim());
  else throw bad(r, what);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw bad(r, what);
  return n;
}

function toNumber(r: Raw, min: number, max: number, what: string, exclusiveMin = false): number {
  const v = r.value;
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n > max || (exclusiveMin ? n <= min : n < min)) throw bad(r, what);
  return n;
}

function toText(r: Raw, what: string): string {
  if (typeof r.value !== "string" || r.value.trim() === "") throw bad(r, what);
  return r.value;
}

function toBoolean(r: Raw): boolean {
  if (typeof r.value === "boolean") return r.value;
  throw bad(r, "true or false");
}

export function parseDraft(r: Raw): Draft {
  const draft = typeof r.value === "string" ? parseDraftName(r.value) : undefined;
  if (!draft) throw bad(r, `a draft: ${DRAFT_NAMES.join(", ")}`);
  return draft;
}

function toFolder(r: Raw, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw bad(r, "a folder path", value);
  const folder = path.resolve(value);
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory())
    throw new SpecMintError("usage", `${r.origin}: no such folder: ${value}; see specmint ${r.command ?? "generate"} --help`);
  return folder;
}

/** Schema folders: one path, a list (config), or paths joined by the platform's delimiter (environment). */
export function parseSchemaDirs(r: Raw, cwd: string): string[] {
  const fromEnv = r.origin.startsWith("SPECMINT_SCHEMA_DIRS=");
  const list = Array.isArray(r.value) ? r.value : fromEnv && typeof r.value === "string" ? r.value.split(path.delimiter) : [r.value];
  return list.filter((v) => v !== "").map((v) => toFolder(r, typeof v === "string" ? path.resolve(cwd, v) : v));
}

/** The [refs] table: URL prefix → folder. */
export function parseRefMap(r: Raw): RefMapping[] {
  const table = r.value;
  if (typeof table !== "object" || table === null || Array.isArray(table))
    throw bad(r, 'a table of URL prefixes and folders, such as [refs] "https://json.schemastore.org/" = "schemas/"');
  return Object.entries(table as Record<string, unknown>).map(([prefix, folder]) => {
    if (!/^[a-z][a-z0-9+.-]*:\/\/./i.test(prefix))
      throw bad({ ...r, origin: `${r.origin}: "${prefix}"` }, "a URL prefix such as https://json.schemastore.org/", prefix);
    return { prefix, folder: toFolder({ ...r, origin: `${r.origin}: "${prefix}"` }, folder) };
  });
}

/**
 * The folders a schema's references may read (checked after resolving symlinks): the working
 * directory's tree, the schema's own folder's, and the schema folders and URL map's.
 */
export function allowedRoots(cwd: string, schema: string, offline: OfflineSources): string[] {
  return [cwd, path.dirname(path.resolve(cwd, schema)), ...offline.schemaDirs, ...offline.refMap.map((m) => m.folder)];
}

/** `validate` and `inspect`: the schema, its references read only inside the allowed roots. */
export function loadSchemaFileWithin(
  cwd: string,
  schema: string,
  draft: Draft | undefined,
  offline: OfflineSources,
  limits: Partial<Limits> = {},
): LoadedSchema {
  return loadSchemaFile(schema, { draft, offline, allowedRoots: allowedRoots(cwd, schema, offline), limits });
}

/** One limit's name and value, checked: a known name (a near miss is suggested) and a whole number from 1 to its maximum. */
function limitEntry(r: Raw, name: string, value: unknown): [LimitName, number] {
  if (!(LIMIT_NAMES as readonly string[]).includes(name)) {
    const guess = closest(name, [...LIMIT_NAMES]);
    throw new SpecMintError(
      "usage",
      `${r.origin}: unknown limit ${JSON.stringify(name)}${guess ? ` (did you mean ${guess}?)` : ""}; limits are ${LIMIT_NAMES.join(", ")}; see specmint ${r.command ?? "generate"} --help`,
    );
  }
  const spec = WORK_LIMITS.find((l) => l.name === name)!;
  const max = limitMaximum(spec);
  const text = typeof value === "string" ? value.trim().replace(/_/g, "") : value;
  const expected = `a whole number from 1 to ${groupDigits(max)} for ${name}`;
  const n = toInteger({ ...r, value: text }, 1, max, expected);
  return [name as LimitName, n];
}

/** `--limit NAME=N` (repeatable; of the same name the last counts). */
export function parseLimitFlags(values: readonly string[] | undefined, command: string): Partial<Limits> {
  const out: Partial<Limits> = {};
  for (const v of values ?? []) {
    const r: Raw = { value: v, origin: `--limit ${v}`, command };
    const eq = v.indexOf("=");
    if (eq < 0) throw bad(r, "NAME=N, such as --limit enum-size=50000");
    const [name, n] = limitEntry(r, v.slice(0, eq).trim(), v.slice(eq + 1));
    out[name] = n;
  }
  return out;
}

/**
 * The limits of `validate` and `inspect`: --limit flags over the [limits] table of specmint.toml in
 * the working directory (the one table of the config file they read: the message of a limit names it).
 */
export function commandLimits(lists: Map<string, string[]>, cwd: string, command: string): Partial<Limits> {
  const config = loadConfig(undefined, cwd);
  const table = config?.values.get("limits");
  const fromConfig =
    table === undefined ? {} : parseLimitTable({ value: table, origin: `${path.basename(config!.file)}: limits`, command });
  return { ...fromConfig, ...parseLimitFlags(lists.get("limit"), command) };
}

/** The [limits] table of the config file: `enum-size = 50000` (`_` works for `-` in names). */
export function parseLimitTable(r: Raw): Partial<Limits> {
  const table = r.value;
  if (typeof table !== "object" || table === null || Array.isArray(table) || table instanceof Date)
    throw bad(r, "a table of limits, such as [limits] enum-size = 50000");
  const out: Partial<Limits> = {};
  for (const [key, value] of Object.entries(table as Record<string, unknown>)) {
    const [name, n] = limitEntry({ ...r, origin: `${r.origin}.${key}` }, key.replace(/_/g, "-"), value);
    out[name] = n;
  }
  return out;
}

/** --schema-dir (repeatable) or SPECMINT_SCHEMA_DIRS of `validate` and `inspect`, which read no config file. */
export function offlineFlags(lists: Map<string, string[]>, env: NodeJS.ProcessEnv, cwd: string, command: string): OfflineSources {
  const given = lists.get("schema-dir");
  const e = env.SPECMINT_SCHEMA_DIRS;
  const r: Raw | undefined = given
    ? { value: given, origin: "--schema-dir", command }
    : e !== undefined && e.trim() !== ""
      ? { value: e, origin: `SPECMINT_SCHEMA_DIRS=${e}`, command }
      : undefined;
  return { schemaDirs: r ? parseSchemaDirs(r, cwd) : [], refMap: [] };
}

/** --draft (or SPECMINT_DRAFT) of `validate` and `inspect`, which read no config file. */
export function draftFlag(flags: Map<string, string | true>, env: NodeJS.ProcessEnv, command: string): Draft | undefined {
  if (flags.has("draft")) return parseDraft({ value: flags.get("draft"), origin: "--draft", command });
  const e = env.SPECMINT_DRAFT;
  return e === undefined || e.trim() === "" ? undefined : parseDraft({ value: e, origin: `SPECMINT_DRAFT=${e}`, command });
}

export function parseFormats(r: Raw): OutputFormat[] {
  const list: unknown[] | undefined = Array.isArray(r.value) ? r.value : typeof r.value === "string" ? r.value.split(",") : undefined;
  if (!list) throw bad(r, `a list of ${OUTPUT_FORMATS.join(", ")}`);
  const out: OutputFormat[] = [];
  for (const item of list) {
    const f = typeof item === "string" ? item.trim().toLowerCase() : item;
    if (f === "") continue;
    if (!OUTPUT_FORMATS.includes(f as OutputFormat)) {
      throw new SpecMintError(
        "usage",
        `${r.origin}: unknown format ${JSON.stringify(item)}; formats are ${OUTPUT_FORMATS.join(", ")}; see specmint generate --help`,
      );
    }
    if (!out.includes(f as OutputFormat)) out.push(f as OutputFormat);
  }
  if (out.length === 0) throw bad(r, `at least one of ${OUTPUT_FORMATS.join(", ")}`);
  return out;
}

export function parseSqlDialect(r: Raw): SqlDialect {
  const v = typeof r.value === "string" ? r.value.trim().toLowerCase() : r.value;
  if (!isSqlDialect(v)) throw bad(r, `a SQL dialect: ${SQL_DIALECTS.join(", ")}`);
  return v;
}

export function parseKind(r: Raw): RecordKind {
  const v = typeof r.value === "string" ? r.value.trim().toLowerCase() : r.value;
  if (!isRecordKind(v)) throw bad(r, RECORD_KINDS.join(", "));
  return v;
}

/** --violate KEYWORD[,…] (a list in specmint.toml): known keywords, each once, in the order given. */
export function parseViolate(r: Raw): string[] {
  const list: unknown[] | undefined = Array.isArray(r.value) ? r.value : typeof r.value === "string" ? r.value.split(",") : undefined;
  if (!list) throw bad(r, `a list of keywords: ${VIOLABLE_KEYWORDS.join(", ")}`);
  const out: string[] = [];
  for (const item of list) {
    const k = typeof item === "string" ? item.trim() : item;
    if (k === "") continue;
    if (typeof k !== "string" || !(VIOLABLE_KEYWORDS as readonly string[]).includes(k)) {
      const guess = typeof k === "string" ? closest(k, [...VIOLABLE_KEYWORDS]) : undefined;
      throw new SpecMintError(
        "usage",
        `${r.origin}: unknown keyword ${JSON.stringify(item)}${guess ? ` (did you mean ${guess}?)` : ""}; keywords invalid records can break are ${VIOLABLE_KEYWORDS.join(", ")}; see specmint generate --help`,
      );
    }
    if (!out.includes(k)) out.push(k);
  }
  if (out.length === 0) throw bad(r, `at least one of ${VIOLABLE_KEYWORDS.join(", ")}`);
  return out;
}

/** --locale: one of LOCALES, spelled as there (de-DE) or with an underscore and any case (de_de). */
export function parseLocale(r: Raw): string {
  const v = typeof r.value === "string" ? r.value.trim().replace("_", "-").toLowerCase() : undefined;
  const found = LOCALES.find((l) => l.toLowerCase() === v);
  if (!found) throw bad(r, `a locale: ${LOCALES.join(", ")}`);
  return found;
}

/** A date or date-time in ISO 8601, normalised to `YYYY-MM-DDTHH:MM:SSZ` (see normalizeReferenceDate). */
export function parseReferenceDate(r: Raw): string {
  const v = r.value instanceof Date ? r.value.toISOString() : r.value;
  if (typeof v !== "string" || !isIsoDateText(v))
    throw bad(r, "an ISO 8601 date or date-time such as 2026-01-01 or 2026-01-01T12:00:00Z", v);
  const date = normalizeReferenceDate(v);
  if (date === undefined) throw bad(r, "a real calendar date", v);
  return date;
}

export function parseHost(r: Raw): string {
  const v = toText(r, "a URL such as http://127.0.0.1:11434");
  const host = cleanHost(v);
  if (host !== undefined) return host;
  const otherScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(v.trim()) && !/^https?:/i.test(v.trim());
  throw bad(r, otherScheme ? "an http:// or https:// URL" : "a URL such as http://127.0.0.1:11434", v);
}

export function parseModel(r: Raw): string {
  return toText(r, "a model name such as qwen2.5:latest");
}

/**
 * Where each setting comes from: `--flag`, else the set file's settings (`--set`), else the config
 * file (`--config FILE`, or specmint.toml in the working directory), else the environment variable
 * named, else nothing (the default applies).
 */
export function settingSources(flags: Map<string, string | true>, env: NodeJS.ProcessEnv, cwd: string, command: string, set?: SetSpec) {
  const config = loadConfig(flags.get("config") as string | undefined, cwd);
  const configName = config ? path.relative(cwd, config.file) || config.file : "";
  const envVar = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === "" ? undefined : v;
  };
  const pick = (key: ConfigKey, envName?: string): Raw | undefined => {
    if (flags.has(key)) return { value: flags.get(key), origin: `--${key}`, command };
    if (set?.settings.has(key)) return { value: set.settings.get(key), origin: `${path.basename(set.file)}: ${key}`, command };
    if (config?.values.has(key)) return { value: config.values.get(key), origin: `${configName}: ${key}`, command };
    const e = envName ? envVar(envName) : undefined;
    if (e !== undefined) return { value: e, origin: `${envName}=${e}`, command };
    return undefined;
  };
  return { pick, envVar, configFile: config?.file };
}

/** `fixtures/<schema file name without extensions>` in the working directory: user.schema.json → fixtures/user. */
export function defaultOutDir(schema: string, cwd: string): string {
  return path.resolve(cwd, outputFolderFor(schema));
}

/** A set's default output folder: `<set file name without extensions>-fixtures` beside the set file (shop.toml → shop-fixtures). */
export function defaultSetOutDir(setFile: string): string {
  return path.join(path.dirname(setFile), `${path.basename(setFile).replace(/^\.+/, "").split(".")[0] || "set"}-fixtures`);
}

/** `set`: the settings of `generate --set` (the set file's own settings rank below flags, above specmint.toml; `schema` is the set file). */
export function resolveSettings(
  flags: Map<string, string | true>,
  env: NodeJS.ProcessEnv,
  cwd: string,
  lists: Map<string, string[]> = new Map(),
  set?: SetSpec,
): GenerateSettings {
  const { pick, configFile } = settingSources(flags, env, cwd, "generate", set);
  const stdout = flags.get("stdout") === true;
  if (stdout && flags.has("out"))
    throw new SpecMintError("usage", "--out and --stdout cannot be used together; see specmint generate --help");
  if (stdout && flags.has("format")) {
    throw new SpecMintError(
      "usage",
      "--stdout prints JSON Lines only; drop --format, or write a folder with --out; see specmint generate --help",
    );
  }

  const schemaRaw = set ? undefined : pick("schema");
  if (!schemaRaw && !set) throw new SpecMintError("usage", "missing --schema FILE (or --set FILE); see specmint generate --help");
  const schema = set ? set.file : path.resolve(cwd, toText(schemaRaw!, "a schema file path"));

  const r = {
    count: pick("count", "SPECMINT_COUNT"),
    seed: pick("seed", "SPECMINT_SEED"),
    out: pick("out", "SPECMINT_OUT"),
    format: pick("format"),
    sqlDialect: pick("sql-dialect"),
    kind: pick("kind"),
    violate: pick("violate"),
    mirror: pick("mirror"),
    force: pick("force"),
    referenceDate: pick("reference-date"),
    locale: pick("locale", "SPECMINT_LOCALE"),
    draft: pick("draft", "SPECMINT_DRAFT"),
    schemaDirs: lists.has("schema-dir")
      ? { value: lists.get("schema-dir"), origin: "--schema-dir", command: "generate" }
      : pick("schema-dir", "SPECMINT_SCHEMA_DIRS"),
    refs: pick("refs"),
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
    limits: pick("limits"),
  };
  const d = DEFAULT_SETTINGS;
  const count = r.count ? toInteger(r.count, 1, Number.MAX_SAFE_INTEGER, "a positive integer") : d.count;
  const seed = r.seed ? toInteger(r.seed, 0, Number.MAX_SAFE_INTEGER, "a non-negative integer") : d.seed;
  const out = stdout
    ? undefined
    : r.out
      ? path.resolve(cwd, toText(r.out, "a folder path"))
      : set
        ? defaultSetOutDir(set.file)
        : defaultOutDir(schema, cwd);
  const formats = r.format && !stdout ? parseFormats(r.format) : [...d.formats];
  const mode = r.mode ? toText(r.mode, "off, fields or record") : d.llm.mode;
  if (mode !== "off" && mode !== "fields" && mode !== "record") throw bad(r.mode!, "off, fields or record", mode);
  const kind = r.kind ? parseKind(r.kind) : "valid";
  const violate = r.violate ? parseViolate(r.violate) : undefined;
  if (violate && kind !== "invalid")
    throw new SpecMintError(
      "usage",
      `${r.violate!.origin} chooses the constraints invalid records break; add --kind invalid; see specmint generate --help`,
    );
  const mirror = r.mirror ? toBoolean(r.mirror) : false;
  if (mirror && kind !== "invalid")
    throw new SpecMintError(
      "usage",
      `${r.mirror!.origin} writes each invalid record beside its valid twin (valid/ and invalid/); add --kind invalid; see specmint generate --help`,
    );
  if (mirror && stdout)
    throw new SpecMintError("usage", `${r.mirror!.origin} writes two folders; drop --stdout, or --mirror; see specmint generate --help`);
  const sqlDialect = r.sqlDialect ? parseSqlDialect(r.sqlDialect) : DEFAULT_SQL_DIALECT;
  // A dialect in specmint.toml may wait for the runs that ask for sql; the flag alone asks for nothing.
  if (flags.has("sql-dialect") && !formats.includes("sql"))
    throw new SpecMintError(
      "usage",
      `--sql-dialect chooses the SQL of dataset.sql; add sql to --format (such as --format jsonl,sql)${stdout ? ", and write a folder with --out instead of --stdout" : ""}; see specmint generate --help`,
    );
  if (formats.includes("sql") && kind === "invalid")
    throw new SpecMintError(
      "usage",
      `${r.format!.origin} asks for sql, but invalid records each break their schema and would not load into its table; drop sql, or use --kind valid or boundary; see specmint generate --help`,
    );
  if (kind !== "valid" && mode !== "off")
    throw new SpecMintError(
      "usage",
      `--kind ${kind} makes records from the generated ones alone; drop --llm-mode ${mode} (${r.mode!.origin}); see specmint generate --help`,
    );

  return {
    schema,
    count,
    seed,
    out,
    stdout,
    kind,
    violate,
    mirror,
    formats,
    sqlDialect,
    force: r.force ? toBoolean(r.force) : false,
    referenceDate: r.referenceDate ? parseReferenceDate(r.referenceDate) : d.referenceDate,
    locale: r.locale ? parseLocale(r.locale) : DEFAULT_LOCALE,
    draft: r.draft ? parseDraft(r.draft) : undefined,
    offline: { schemaDirs: r.schemaDirs ? parseSchemaDirs(r.schemaDirs, cwd) : [], refMap: r.refs ? parseRefMap(r.refs) : [] },
    llm: {
      mode,
      ollamaHost: r.host ? parseHost(r.host) : d.ollama.host,
      model: r.model ? parseModel(r.model) : d.ollama.model,
      temperature: r.temperature ? toNumber(r.temperature, 0, 2, "a number from 0 to 2") : d.llm.temperature,
      workers: r.workers ? toInteger(r.workers, 1, 64, "an integer from 1 to 64") : d.llm.workers,
      maxRps: r.maxRps ? toNumber(r.maxRps, 0, 1000, "a number of requests per second above 0", true) : d.llm.maxRps,
      timeoutMs: r.timeoutMs ? toInteger(r.timeoutMs, 1, 3_600_000, "a timeout in milliseconds from 1 to 3600000") : d.llm.timeoutMs,
      context: r.context ? path.resolve(cwd, toText(r.context, "a file path")) : undefined,
      cacheDir: r.cacheDir
        ? path.resolve(cwd, toText(r.cacheDir, "a folder path"))
        : defaultLlmCacheDir(env, os.homedir(), (...parts) => path.join(...parts)),
      cache: r.noCache ? !toBoolean(r.noCache) : true,
    },
    // Per name: a flag over the config file over the default.
    limits: { ...(r.limits ? parseLimitTable(r.limits) : {}), ...parseLimitFlags(lists.get("limit"), "generate") },
    configFile,
  };
}
