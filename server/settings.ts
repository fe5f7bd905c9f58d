// The `specmint.*` settings the server reads, per document, from workspace/configuration. A client
// may send them nested ({hover: {samples: 3}}, as VS Code does) or flat ({"hover.samples": 3});
// a missing or malformed value takes its default.
import { OUTPUT_FORMATS, type OutputFormat } from "../core/output";
import { DEFAULT_OPTIONS } from "../core/plan";

export interface SpecMintSettings {
  seed: number;
  count: number;
  outputDirectory: string;
  formats: OutputFormat[];
  referenceDate: string;
  schemaGlobs: string[];
  hover: { samples: number };
  preview: { count: number };
}

export const DEFAULT_SETTINGS: SpecMintSettings = Object.freeze({
  seed: 1,
  count: 10,
  outputDirectory: "fixtures",
  formats: ["json", "jsonl"] as OutputFormat[],
  referenceDate: DEFAULT_OPTIONS.referenceDate,
  schemaGlobs: ["**/*.schema.json", "**/schemas/**/*.json"],
  hover: { samples: 3 },
  preview: { count: 5 },
}) as SpecMintSettings;

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

function isoDate(v: unknown, fallback: string): string {
  if (typeof v !== "string" || v.trim() === "") return fallback;
  const s = v.trim();
  const withTime = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s;
  const d = new Date(withTime);
  return Number.isNaN(d.getTime()) ? fallback : d.toISOString().replace(/\.000Z$/, "Z");
}

export function normalizeSettings(raw: unknown): SpecMintSettings {
  const r = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const globs = lookup(r, "schemaGlobs");
  const formats = lookup(r, "formats");
  const out = lookup(r, "outputDirectory");
  return {
    seed: integer(lookup(r, "seed"), 0, Number.MAX_SAFE_INTEGER, DEFAULT_SETTINGS.seed),
    count: integer(lookup(r, "count"), 1, 10_000_000, DEFAULT_SETTINGS.count),
    outputDirectory: typeof out === "string" && out.trim() !== "" ? out : DEFAULT_SETTINGS.outputDirectory,
    formats: Array.isArray(formats) && formats.length && formats.every((f) => OUTPUT_FORMATS.includes(f as OutputFormat))
      ? (formats as OutputFormat[])
      : DEFAULT_SETTINGS.formats,
    referenceDate: isoDate(lookup(r, "referenceDate"), DEFAULT_SETTINGS.referenceDate),
    schemaGlobs: Array.isArray(globs) && globs.every((g) => typeof g === "string") ? (globs as string[]) : DEFAULT_SETTINGS.schemaGlobs,
    hover: { samples: integer(lookup(r, "hover.samples"), 0, MAX_HOVER_SAMPLES, DEFAULT_SETTINGS.hover.samples) },
    preview: { count: integer(lookup(r, "preview.count"), 1, 1000, DEFAULT_SETTINGS.preview.count) },
  };
}
