// Field statistics of a dataset: what `specmint inspect --json` prints and what the editor's
// inspection view shows. One streaming pass; memory bounded per field.
import type { LoadedSchema, Schema } from "../schema/load";
import { escapePointerSegment } from "../schema/load";
import { canonicalJson } from "../schema/facts";

export interface TopValue {
  value: unknown;
  count: number;
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface FieldStats {
  /** JSON pointer of the field, with `*` for "every element of an array". */
  path: string;
  /** Occurrences: records (or parent occurrences) in which the field is present. */
  present: number;
  /** Parent occurrences in which the field could have been present but was not. */
  missing: number;
  /** Counts by JSON type: null, boolean, integer, number, string, array, object. */
  types: Record<string, number>;
  /** nulls / present. */
  nullRate: number;
  /** Distinct values among scalars (exact up to DISTINCT_CAP, then a lower bound). */
  cardinality: number;
  cardinalityCapped: boolean;
  /**
   * Over numbers: the values; over strings: their lengths; over arrays: their lengths; over dates
   * (`format` date / date-time in the schema, or every string of the field one): milliseconds since
   * 1970-01-01T00:00:00Z, a date counting as midnight UTC (min, max, mean and the histogram's bins).
   */
  measure?: "value" | "length" | "date";
  min?: number;
  max?: number;
  mean?: number;
  /** Dates only: which kind, and the earliest and latest values as written in the data. */
  format?: "date" | "date-time";
  minDate?: string;
  maxDate?: string;
  top: TopValue[];
  histogram: HistogramBin[];
  /** Declared in the schema (when one was given). */
  declared?: boolean;
}

export interface DatasetStats {
  records: number;
  fields: FieldStats[];
}

/** Distinct values tracked per field before the count becomes a lower bound. */
export const DISTINCT_CAP = 10_000;
/** Numbers kept per field for the histogram (the first ones, so the result is deterministic). */
export const SAMPLE_CAP = 200_000;
export const HISTOGRAM_BINS = 10;
export const TOP_VALUES = 5;

interface Accumulator {
  path: string;
  present: number;
  missing: number;
  types: Record<string, number>;
  nulls: number;
  counts: Map<string, { value: unknown; count: number }>;
  capped: boolean;
  measure?: "value" | "length";
  samples: number[];
  min: number;
  max: number;
  sum: number;
  measured: number;
  order: number;
  dates: DateAccumulator;
}

/** The strings of a field that read as dates; `mixed` once a string is not one. */
interface DateAccumulator {
  kind?: "date" | "date-time";
  mixed?: boolean;
  samples: number[];
  min: number;
  max: number;
  minText: string;
  maxText: string;
  sum: number;
  count: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** A date or date-time string (RFC 3339) as milliseconds since the epoch, a date as midnight UTC. */
export function dateValue(s: string): { kind: "date" | "date-time"; ms: number } | undefined {
  const kind = DATE.test(s) ? "date" : DATE_TIME.test(s) ? "date-time" : undefined;
  if (!kind) return undefined;
  const ms = Date.parse(kind === "date" ? `${s}T00:00:00Z` : s.replace(" ", "T"));
  return Number.isFinite(ms) ? { kind, ms } : undefined;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

export class StatsBuilder {
  private readonly fields = new Map<string, Accumulator>();
  private records = 0;

  add(record: unknown): void {
    this.records++;
    this.visit("", record);
  }

  private field(path: string): Accumulator {
    let a = this.fields.get(path);
    if (!a) {
      a = {
        path,
        present: 0,
        missing: 0,
        types: {},
        nulls: 0,
        counts: new Map(),
        capped: false,
        samples: [],
        min: Infinity,
        max: -Infinity,
        sum: 0,
        measured: 0,
        order: this.fields.size,
        dates: { samples: [], min: Infinity, max: -Infinity, minText: "", maxText: "", sum: 0, count: 0 },
      };
      this.fields.set(path, a);
    }
    return a;
  }

  /**
   * Every value of a record, in document order (a field is listed where it first occurs). Without
   * recursion: a record is data from anywhere, and may nest deeper than the stack goes.
   */
  private visit(rootPath: string, root: unknown): void {
    const pending: [string, unknown][] = [[rootPath, root]];
    while (pending.length) {
      const [path, v] = pending.pop()!;
      const a = this.field(path);
      a.present++;
      const t = typeOf(v);
      a.types[t] = (a.types[t] ?? 0) + 1;
      if (v === null) a.nulls++;
      if (t === "object") {
        const obj = v as Record<string, unknown>;
        const keys = Object.keys(obj);
        // Pushed last to first, so that the first is visited next, as a recursive walk would.
        for (let k = keys.length - 1; k >= 0; k--) pending.push([`${path}/${escapePointerSegment(keys[k])}`, obj[keys[k]]]);
        continue;
      }
      if (t === "array") {
        const arr = v as unknown[];
        this.measureValue(a, arr.length, "length");
        for (let k = arr.length - 1; k >= 0; k--) pending.push([`${path}/*`, arr[k]]);
        continue;
      }
      if (t === "integer" || t === "number") this.measureValue(a, v as number, "value");
      else if (t === "string") {
        this.measureValue(a, [...(v as string)].length, "length");
        measureDate(a.dates, v as string);
      }
      this.count(a, v);
    }
  }

  private measureValue(a: Accumulator, x: number, measure: "value" | "length") {
    // A field that mixes numbers and strings is measured by what it held first.
    if (a.measure === undefined) a.measure = measure;
    else if (a.measure !== measure) return;
    a.measured++;
    a.sum += x;
    if (x < a.min) a.min = x;
    if (x > a.max) a.max = x;
    if (a.samples.length < SAMPLE_CAP) a.samples.push(x);
  }

  private count(a: Accumulator, v: unknown) {
    const key = canonicalJson(v);
    const c = a.counts.get(key);
    if (c) c.count++;
    else if (a.counts.size < DISTINCT_CAP) a.counts.set(key, { value: v, count: 1 });
    else a.capped = true;
  }

  /**
   * Statistics; with a schema, declared fields come first in schema order and absent ones are listed,
   * and its `format: date / date-time` fields are measured as dates.
   */
  build(loaded?: LoadedSchema): DatasetStats {
    const formats = new Map<string, string>();
    const declared = loaded ? declaredPaths(loaded, formats) : [];
    for (const p of declared) this.field(p);
    // A field's "missing" count: occurrences of its parent object without it.
    for (const a of this.fields.values()) {
      if (a.path === "") continue;
      const parent = this.fields.get(a.path.slice(0, a.path.lastIndexOf("/")));
      if (parent && !a.path.endsWith("/*")) a.missing = (parent.types.object ?? 0) - a.present;
    }
    const rank = new Map(declared.map((p, k) => [p, k]));
    const list = [...this.fields.values()].sort((x, y) => {
      const rx = rank.get(x.path),
        ry = rank.get(y.path);
      if (rx !== undefined && ry !== undefined) return rx - ry;
      if (rx !== undefined) return -1;
      if (ry !== undefined) return 1;
      return x.order - y.order;
    });
    return {
      records: this.records,
      fields: list.filter((a) => a.path !== "").map((a) => finish(a, loaded ? rank.has(a.path) : undefined, formats.get(a.path))),
    };
  }
}

function measureDate(d: DateAccumulator, s: string): void {
  const v = dateValue(s);
  if (!v) {
    d.mixed = true;
    return;
  }
  d.kind = d.kind === "date-time" || v.kind === "date-time" ? "date-time" : "date";
  d.count++;
  d.sum += v.ms;
  if (v.ms < d.min) [d.min, d.minText] = [v.ms, s];
  if (v.ms > d.max) [d.max, d.maxText] = [v.ms, s];
  if (d.samples.length < SAMPLE_CAP) d.samples.push(v.ms);
}

function finish(a: Accumulator, declared: boolean | undefined, format: string | undefined): FieldStats {
  const top = [...a.counts.values()]
    .sort((x, y) => y.count - x.count || (canonicalJson(x.value) < canonicalJson(y.value) ? -1 : 1))
    .slice(0, TOP_VALUES);
  const stats: FieldStats = {
    path: a.path,
    present: a.present,
    missing: a.missing,
    types: a.types,
    nullRate: a.present ? a.nulls / a.present : 0,
    cardinality: a.counts.size,
    cardinalityCapped: a.capped,
    top: top.map((t) => ({ value: t.value, count: t.count })),
    histogram: histogram(a.samples, a.min, a.max),
  };
  if (declared !== undefined) stats.declared = declared;
  // Strings are dates when the schema says so (the ones that read as dates), or when every one is.
  const d = a.dates;
  const dated = d.count > 0 && a.measure === "length" && (format === "date" || format === "date-time" || !d.mixed);
  if (dated) {
    stats.measure = "date";
    stats.format = format === "date" || format === "date-time" ? format : d.kind;
    stats.min = d.min;
    stats.max = d.max;
    stats.mean = Math.round(d.sum / d.count);
    stats.minDate = d.minText;
    stats.maxDate = d.maxText;
    stats.histogram = histogram(d.samples, d.min, d.max);
  } else if (a.measured) {
    stats.measure = a.measure;
    stats.min = a.min;
    stats.max = a.max;
    stats.mean = Math.round((a.sum / a.measured) * 1e6) / 1e6;
  }
  return stats;
}

function histogram(samples: number[], min: number, max: number): HistogramBin[] {
  if (!samples.length) return [];
  if (min === max) return [{ from: min, to: max, count: samples.length }];
  if (!Number.isFinite(min) || !Number.isFinite(max)) return withInfinities(samples, min, max);
  // In halves: max - min overflows to Infinity for far-apart values (-1e308 … 1e308).
  const low = min / 2;
  const width = (max / 2 - low) / HISTOGRAM_BINS;
  const bins = Array.from({ length: HISTOGRAM_BINS }, (_, k) => ({
    from: k === 0 ? min : 2 * (low + k * width),
    to: k === HISTOGRAM_BINS - 1 ? max : 2 * (low + (k + 1) * width),
    count: 0,
  }));
  for (const x of samples) bins[Math.max(0, Math.min(HISTOGRAM_BINS - 1, Math.floor((x / 2 - low) / width)))].count++;
  return bins;
}

/** A number that JSON reads as ±Infinity (1e999): the bins span the finite values, an infinity counts at its end. */
function withInfinities(samples: number[], min: number, max: number): HistogramBin[] {
  let lo = Infinity;
  let hi = -Infinity;
  const finite: number[] = [];
  for (const x of samples) {
    if (!Number.isFinite(x)) continue;
    finite.push(x);
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const bins = finite.length ? histogram(finite, lo, hi) : [{ from: min, to: max, count: 0 }];
  for (const x of samples) {
    if (x === -Infinity) bins[0].count++;
    else if (x === Infinity) bins[bins.length - 1].count++;
  }
  bins[0].from = min;
  bins[bins.length - 1].to = max;
  return bins;
}

/**
 * The field paths a schema declares (properties, items), following $ref; recursion stops at a
 * revisit, at the depth limit (a chain of $refs nests the walk without nesting the document), and
 * after as many steps as the schema-nodes limit (schemas that share $refs multiply paths).
 * `formats` receives each path's `format`, when given.
 */
export function declaredPaths(loaded: LoadedSchema, formats?: Map<string, string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let steps = loaded.limits["schema-nodes"];
  const walk = (s: Schema | undefined, path: string, stack: Set<object>) => {
    if (typeof s !== "object" || s === null || stack.has(s) || stack.size >= loaded.limits.depth || --steps < 0) return;
    const next = new Set(stack).add(s);
    const obj = s;
    if (formats && typeof obj.format === "string" && !formats.has(path)) formats.set(path, obj.format);
    if (typeof obj.$ref === "string") walk(loaded.resolveRef(obj, obj.$ref), path, next);
    for (const k of ["allOf", "anyOf", "oneOf"]) {
      if (Array.isArray(obj[k])) for (const b of obj[k] as Schema[]) walk(b, path, next);
    }
    if (obj.properties && typeof obj.properties === "object") {
      for (const [name, sub] of Object.entries(obj.properties as Record<string, Schema>)) {
        const p = `${path}/${escapePointerSegment(name)}`;
        if (!seen.has(p)) {
          seen.add(p);
          out.push(p);
        }
        walk(sub, p, next);
      }
    }
    if (obj.items && typeof obj.items === "object" && !Array.isArray(obj.items)) {
      const p = `${path}/*`;
      if (!seen.has(p)) {
        seen.add(p);
        out.push(p);
      }
      walk(obj.items as Schema, p, next);
    }
  };
  walk(loaded.main.root, "", new Set());
  return out;
}

export function datasetStats(records: Iterable<unknown>, loaded?: LoadedSchema): DatasetStats {
  const b = new StatsBuilder();
  for (const r of records) b.add(r);
  return b.build(loaded);
}
