// The `specmint.*` settings the server reads, per document, from workspace/configuration. A client
// may send them nested ({hover: {samples: 3}}, as VS Code does) or flat ({"hover.samples": 3});
// a missing or malformed value takes its default (common/settings.ts).
import { OUTPUT_FORMATS, type OutputFormat } from "../core/output";
import * as path from "node:path";
import { parseDraftName, type Draft, type OfflineSources } from "../core/schema";
import { isRecordKind } from "../core/kinds";
import {
  DEFAULT_SETTINGS,
  LLM_MODES,
  WORK_LIMITS,
  limitMaximum,
  cleanHost,
  normalizeReferenceDate,
  type DefaultDraft,
  type GenerateKind,
  type Limits,
  type LlmMode,
  type SpecMintSettings,
} from "../common/settings";

/** The most samples a hover shows, whatever the setting says: a hover is not a preview. */
export const MAX_HOVER_SAMPLES = 20;

/** A setting by dotted name, from a flat ("a.b") or nested ({a: {b}}) configuration object. */
export function lookup(raw: Record<string, unknown>, dotted: string): unknown {
  if (dotted in raw) return raw[dotted];
  let cur: unknown = raw;
  for (const part of dotted.split(".")) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function integer(v: unknown, min: number, max: number, fallback: number): number {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= min && n <= max ? n : fallback;
}

function decimal(v: unknown, min: number, max: number, fallback: number, exclusiveMin = false): number {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) && (exclusiveMin ? n > min : n >= min) && n <= max ? n : fallback;
}

function text(v: unknown, fallback: string): string {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : fallback;
}

function host(v: unknown): string | undefined {
  return typeof v === "string" ? cleanHost(v) : undefined;
}

/** `specmint.generate.kind`: one of the kinds, else undefined. */
function recordKind(v: unknown): GenerateKind | undefined {
  return isRecordKind(v) ? v : undefined;
}

/** `specmint.defaultDraft`: "infer", or a draft as `--draft` takes it ("07", "draft-07", "7", "2020-12", …). */
function defaultDraft(v: unknown): DefaultDraft | undefined {
  if (typeof v !== "string") return undefined;
  return v.trim().toLowerCase() === "infer" ? "infer" : parseDraftName(v);
}

/** The draft loading is given for a schema without `$schema`; undefined: inferred from its keywords. */
export function draftOption(settings: Pick<SpecMintSettings, "defaultDraft">): Draft | undefined {
  return settings.defaultDraft === "infer" ? undefined : settings.defaultDraft;
}

/**
 * Where documents referenced by URL are looked for: `specmint.schemaDirs` and `specmint.refs`, relative
 * folders resolved against `base` (the schema's workspace folder, else its own folder).
 */
export function offlineOption(settings: Pick<SpecMintSettings, "schemaDirs" | "refs">, base: string | undefined): OfflineSources {
  const folder = (f: string) => (path.isAbsolute(f) ? f : base ? path.resolve(base, f) : undefined);
  return {
    schemaDirs: settings.schemaDirs.map(folder).filter((f): f is string => f !== undefined),
    refMap: Object.entries(settings.refs).flatMap(([prefix, f]) => {
      const abs = folder(f);
      return abs ? [{ prefix, folder: abs }] : [];
    }),
  };
}

/** `specmint.schemaDirs`: the non-empty strings, trimmed; other entries are dropped. */
function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => x.trim()) : undefined;
}

/** `specmint.refs`: entries whose key is a URL prefix and whose value a folder; others are dropped. */
function refTable(v: unknown): Record<string, string> | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>)
      .filter((e): e is [string, string] => /^[a-z][a-z0-9+.-]*:\/\/./i.test(e[0]) && typeof e[1] === "string" && e[1].trim() !== "")
      .map(([prefix, folder]) => [prefix, folder.trim()]),
  );
}

/** `specmint.limits`: the known limit names with a positive integer up to the limit's maximum; others are dropped. */
function limitTable(v: unknown): Partial<Limits> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return {};
  const out: Partial<Limits> = {};
  for (const l of WORK_LIMITS) {
    const n = integer((v as Record<string, unknown>)[l.name], 1, limitMaximum(l), NaN);
    if (!Number.isNaN(n)) out[l.name] = n;
  }
  return out;
}

/**
 * The settings from what the client sent. `env` is the server's environment: OLLAMA_HOST stands in
 * for a host the client does not send (as for the CLI).
 */
export function normalizeSettings(raw: unknown, env: Record<string, string | undefined> = {}): SpecMintSettings {
  const r = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const d = DEFAULT_SETTINGS;
  const globs = lookup(r, "schemaGlobs");
  const formats = lookup(r, "formats");
  const mode = lookup(r, "llm.mode");
  const out = lookup(r, "outputDirectory");
  return {
    seed: integer(lookup(r, "seed"), 0, Number.MAX_SAFE_INTEGER, d.seed),
    count: integer(lookup(r, "count"), 1, 10_000_000, d.count),
    outputDirectory: typeof out === "string" && out.trim() !== "" ? out : d.outputDirectory,
    formats:
      Array.isArray(formats) && formats.length && formats.every((f) => OUTPUT_FORMATS.includes(f as OutputFormat))
        ? (formats as OutputFormat[])
        : d.formats,
    referenceDate: normalizeReferenceDate(lookup(r, "referenceDate")) ?? d.referenceDate,
    defaultDraft: defaultDraft(lookup(r, "defaultDraft")) ?? d.defaultDraft,
    schemaDirs: stringList(lookup(r, "schemaDirs")) ?? [...d.schemaDirs],
    refs: refTable(lookup(r, "refs")) ?? { ...d.refs },
    schemaGlobs: Array.isArray(globs) && globs.every((g) => typeof g === "string") ? globs : d.schemaGlobs,
    hover: { samples: integer(lookup(r, "hover.samples"), 0, MAX_HOVER_SAMPLES, d.hover.samples) },
    preview: { count: integer(lookup(r, "preview.count"), 1, 1000, d.preview.count) },
    generate: { kind: recordKind(lookup(r, "generate.kind")) ?? d.generate.kind },
    llm: {
      mode: LLM_MODES.includes(mode as LlmMode) ? (mode as LlmMode) : d.llm.mode,
      temperature: decimal(lookup(r, "llm.temperature"), 0, 2, d.llm.temperature),
      workers: integer(lookup(r, "llm.workers"), 1, 64, d.llm.workers),
      maxRps: decimal(lookup(r, "llm.maxRps"), 0, 1000, d.llm.maxRps, true),
      timeoutMs: integer(lookup(r, "llm.timeoutMs"), 100, 3_600_000, d.llm.timeoutMs),
    },
    ollama: {
      host: host(lookup(r, "ollama.host")) ?? host(env.OLLAMA_HOST) ?? d.ollama.host,
      model: text(lookup(r, "ollama.model"), d.ollama.model),
    },
    limits: limitTable(lookup(r, "limits")),
  };
}
