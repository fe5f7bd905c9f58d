// The settings of SpecMint and every default, written once: the CLI's flags, the language server's
// `specmint.*` settings and the extension read them from here, and package.json's
// contributes.configuration states the same defaults (test/unit/settings.test.ts keeps them equal).
// Imports nothing, not even types: the engine reads its defaults from this file too, and it must not
// depend on anything else outside core.

export type LlmMode = "off" | "fields" | "record";
export const LLM_MODES: readonly LlmMode[] = ["off", "fields", "record"];

/**
 * The kinds of records (`--kind`, `specmint.generate.kind`): those of core/kinds RECORD_KINDS, written
 * here again because this module imports nothing (test/unit/settings.test.ts keeps the two equal).
 */
export type GenerateKind = "valid" | "invalid" | "boundary";
export const GENERATE_KINDS: readonly GenerateKind[] = ["valid", "invalid", "boundary"];

/**
 * The draft a schema without `$schema` is read as, as the editor setting names it: "infer" (from
 * its keywords, core/schema/draft.ts) or one of the drafts the CLI's `--draft` takes.
 */
export type DefaultDraft = "infer" | "2020-12" | "2019-09" | "07" | "06" | "04";
export const DEFAULT_DRAFTS: readonly DefaultDraft[] = ["infer", "2020-12", "2019-09", "07", "06", "04"];

/** "Today" for generated dates and for today() in rules, unless a run says otherwise. */
export const DEFAULT_REFERENCE_DATE = "2026-01-01T00:00:00Z";
/** How often an optional property is present (before depth limits). Not a setting: it is part of what a record is. */
export const DEFAULT_OPTIONAL_PROBABILITY = 0.9;

/**
 * The named work limits (docs/settings.md#limits): every stage that follows its input (reading JSON,
 * walking the schema, compiling plans and the validator, parsing rules, making values, reading
 * records) stops at one of these with a message that names it, instead of running out of stack,
 * memory or time. The defaults are far above what real schemas use (the measured maxima of the
 * SchemaStore corpus are in `corpusMax`); `max` is where a raised limit stops, because past it the
 * work crashes (the stack of the schema compiler) rather than merely taking long.
 */
export type LimitName =
  | "depth"
  | "schema-nodes"
  | "enum-size"
  | "properties"
  | "subschemas"
  | "rule-length"
  | "rule-depth"
  | "string-length"
  | "items"
  | "object-properties";

export interface WorkLimit {
  name: LimitName;
  default: number;
  /** The highest value it may be raised to; undefined: any safe integer. */
  max?: number;
  /** The largest value found in the SchemaStore corpus (922 schemas), or undefined when nothing there has one. */
  corpusMax?: number;
  /** What is counted, as docs and messages say it. */
  what: string;
}

export const WORK_LIMITS: readonly WorkLimit[] = Object.freeze([
  { name: "depth", default: 128, max: 256, corpusMax: 22, what: "nesting of a JSON document (schema file, record)" },
  { name: "schema-nodes", default: 200_000, corpusMax: 9_045, what: "schema objects of a schema and its referenced files" },
  { name: "enum-size", default: 10_000, corpusMax: 2_461, what: "values of one enum" },
  {
    name: "properties",
    default: 1_000,
    max: 1_500,
    corpusMax: 836,
    what: "entries of one properties, patternProperties or $defs map",
  },
  {
    name: "subschemas",
    default: 1_000,
    max: 1_500,
    corpusMax: 270,
    what: "entries of one allOf, anyOf, oneOf or prefixItems",
  },
  { name: "rule-length", default: 10_000, what: "characters of one cross-field rule" },
  { name: "rule-depth", default: 100, max: 400, what: "nesting of one cross-field rule" },
  { name: "string-length", default: 1_000_000, what: "characters of a generated string (minLength)" },
  { name: "items", default: 100_000, what: "elements of a generated array (minItems, minContains)" },
  { name: "object-properties", default: 100_000, what: "properties of a generated object (minProperties)" },
] satisfies WorkLimit[]);

export type Limits = Record<LimitName, number>;

export const LIMIT_NAMES: readonly LimitName[] = WORK_LIMITS.map((l) => l.name);

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze(Object.fromEntries(WORK_LIMITS.map((l) => [l.name, l.default])) as Limits);

/**
 * The limits of a run: the defaults with the values given (`--limit`, `[limits]`, `specmint.limits`)
 * over them. A value that is not a positive integer up to the limit's `max` is left out here; the
 * CLI refuses it with a usage error first (cli/settings.ts), the editor falls back to the default.
 */
/** The highest value a limit may be raised to. */
export function limitMaximum(l: WorkLimit): number {
  return l.max ?? Number.MAX_SAFE_INTEGER;
}

export function resolveLimits(given: Partial<Record<string, unknown>> | undefined): Limits {
  const out = { ...DEFAULT_LIMITS };
  if (!given) return out;
  for (const l of WORK_LIMITS) {
    const v = given[l.name];
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 1 && v <= limitMaximum(l)) out[l.name] = v;
  }
  return out;
}

export interface LlmSettings {
  mode: LlmMode;
  temperature: number;
  /** Model calls in flight at once. */
  workers: number;
  /** Most model calls started per second. */
  maxRps: number;
  /** Timeout of one model call, in milliseconds. */
  timeoutMs: number;
}

export interface OllamaSettings {
  host: string;
  model: string;
}

/**
 * The `specmint.*` settings, nested as their names are (`specmint.llm.mode` is `llm.mode`). The CLI
 * has the generation ones as flags: --count, --seed, --format, --reference-date, --llm-mode,
 * --ollama-host, --model, --temperature, --llm-workers, --max-rps, --timeout-ms, --draft.
 */
export interface SpecMintSettings {
  seed: number;
  /** Records a dataset holds. */
  count: number;
  /** Folder under which `<schema name>/` is written: relative to the workspace folder (the CLI: the working directory). */
  outputDirectory: string;
  formats: ("json" | "jsonl" | "csv" | "sql")[];
  referenceDate: string;
  /** The draft of a schema without `$schema`; "infer": from its keywords. A `$schema` always decides. */
  defaultDraft: DefaultDraft;
  /** Folders of schemas that `$ref`s by URL resolve to, by `$id` (relative: to the workspace folder). */
  schemaDirs: string[];
  /** URL prefix → folder: a `$ref` URL under the prefix is the file at the rest of its path. */
  refs: Record<string, string>;
  schemaGlobs: string[];
  hover: { samples: number };
  preview: { count: number };
  /** The kind Generate Fixtures offers first and a new preview starts with (the server's requests say their own). */
  generate: { kind: GenerateKind };
  llm: LlmSettings;
  ollama: OllamaSettings;
  /** Work limits raised (or lowered) by name, e.g. `{ "enum-size": 50000 }`; the others keep their defaults. */
  limits: Partial<Limits>;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_SETTINGS: SpecMintSettings = deepFreeze({
  seed: 1,
  count: 10,
  outputDirectory: "fixtures",
  formats: ["json", "jsonl"],
  referenceDate: DEFAULT_REFERENCE_DATE,
  defaultDraft: "infer",
  schemaDirs: [],
  refs: {},
  schemaGlobs: ["**/*.schema.json", "**/schemas/**/*.json"],
  hover: { samples: 3 },
  preview: { count: 5 },
  generate: { kind: "valid" },
  llm: { mode: "off", temperature: 0.2, workers: 3, maxRps: 3, timeoutMs: 12_000 },
  ollama: { host: "http://127.0.0.1:11434", model: "qwen2.5:latest" },
  limits: {},
});

/**
 * The name of a schema's output folder: `<outputDirectory>/<schema file name without extensions>`,
 * leading dots dropped (user.schema.json → fixtures/user, .hidden.json → fixtures/hidden), "schema"
 * when the document has no file name. Relative, with "/": the caller resolves it against its base.
 */
export function outputFolderFor(schemaPath: string | undefined, outputDirectory: string = DEFAULT_SETTINGS.outputDirectory): string {
  const base = (schemaPath ?? "").split(/[\\/]/).pop()!.replace(/^\.+/, "");
  const stem = base.split(".")[0] || "schema";
  const dir = outputDirectory.replace(/[\\/]+$/, "");
  return dir === "" ? stem : `${dir}/${stem}`;
}

/**
 * An Ollama host as a base URL: a scheme added when there is none (Ollama itself accepts
 * OLLAMA_HOST=127.0.0.1:11434), trailing slashes dropped. undefined when it is not an http(s) URL.
 */
export function cleanHost(raw: string): string | undefined {
  const v = raw.trim();
  if (v === "") return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `http://${v}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
  return withScheme.replace(/\/+$/, "");
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?)?$/;

/** Whether a text has the shape of an ISO 8601 date or date-time (2026-02-30 has it, "soon" has not). */
export function isIsoDateText(text: string): boolean {
  return ISO_DATE.test(text.trim());
}

/**
 * A date or date-time in ISO 8601, normalised to `YYYY-MM-DDTHH:MM:SSZ` so that "2026-01-01" and
 * "2026-01-01T00:00:00Z" give the same records. A time without offset is UTC: the reference date
 * must not depend on the machine's time zone. undefined when it is not a real calendar date.
 */
export function normalizeReferenceDate(value: unknown): string | undefined {
  const v = value instanceof Date ? value.toISOString() : value;
  const m = typeof v === "string" ? ISO_DATE.exec(v.trim()) : null;
  if (!m) return undefined;
  const s = (v as string).trim();
  const withZone = m[4] === undefined ? `${s}T00:00:00Z` : m[7] === undefined ? `${s}Z` : s;
  const d = new Date(withZone.replace(" ", "T"));
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const calendarOk = mo >= 1 && mo <= 12 && da >= 1 && da <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (Number.isNaN(d.getTime()) || !calendarOk) return undefined;
  return d.toISOString().replace(/\.000Z$/, "Z");
}

/**
 * The LLM answer cache folder when none is chosen: `${XDG_CACHE_HOME:-~/.cache}/specmint/llm`
 * (the extension passes its global storage folder instead). `join` is the platform's path.join.
 */
export function defaultLlmCacheDir(env: Record<string, string | undefined>, homeDir: string, join: (...parts: string[]) => string): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg !== undefined && xdg.trim() !== "" ? xdg : join(homeDir, ".cache"), "specmint", "llm");
}
