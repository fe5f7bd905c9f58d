// `x-unique: true` on a scalar: unique across the whole dataset by construction. The value of
// record i is the image of i under a keyed permutation of the node's value space (Feistel with
// cycle-walking, core/permutation.ts), mapped into that space:
//   enum/const          the p-th allowed value
//   boolean / null      false, true / null
//   integer, number     the p-th point of the grid (multipleOf, or 1, or 0.01) in [minimum,
//                       maximum]; an open side extends 2^31 grid points from the other bound (or 0)
//   string + pattern    the p-th string of the pattern (core/regex-enum.ts) when it is enumerable
//   format uuid         the generated uuid with p (48 bits) in its last 12 hex digits
//   format email        the generated address with "." + p in base 36 before the "@"
//   format date         the p-th day of the date window; date-time: the p-th second of it
//   other strings       the generated text + "-" + p in base 36 (within maxLength)
// Under one `[*]` with a finite maxItems M, element j of record i uses index (i-1)·M + j.
// A dataset larger than the space is refused (`unique-impossible`).
import { childKey, hashString, recordKey, type Key } from "../base/rng";
import { DEFAULT_OPTIONAL_PROBABILITY } from "../../common/settings";
import type { LoadedSchema, SchemaObject } from "../schema/load";
import { escapePointerSegment } from "../schema/load";
import { findSites, siteInstances, stepsText, type SchemaSite } from "../schema/sites";
import { FactsBuilder, canonicalJson, type Facts } from "../schema/facts";
import { Permutation } from "./permutation";
import { patternSpace } from "./regex";
import { dateWindowBounds } from "./formats";
import type { SchemaValidator } from "../validate/ajv";
import type { SourceLocation } from "../base/errors";
import { decimalLcm } from "../base/decimal";
import { numFromNumber, ceilDiv, floorDiv, times, toNumber, cmp } from "../rules/values";
import { nodeAt } from "../rules/source";
import { pointerToPath, positionOf } from "../schema/load";

export const UNIQUE_KEYWORD = "x-unique";
/** Grid points an open numeric side of an x-unique node extends over. */
export const OPEN_SPAN = 2n ** 31n;

export interface ValueSpace {
  size: bigint;
  /** What the space is, for messages ("26³·10⁵ strings of the pattern", "1001 integers"). */
  what: string;
  value(p: bigint, generated: unknown): unknown;
  /** value(p) does not read the generated value: record i's value is known without making record i (a set's references use it). */
  standalone?: boolean;
}

export interface UniqueSite {
  site: SchemaSite;
  /** JSON pointer of the `x-unique` keyword, and where it is. */
  location: SourceLocation;
  /** Instance path as shown to users: /id, /items/*\/sku. */
  path: string;
  space?: ValueSpace;
  /** Why values cannot be made unique by construction here (then nothing is guaranteed). */
  unsupported?: string;
  /** Values per record: 1, or maxItems under one [*]. */
  perRecord: bigint;
  /** Records that can get unique values: size / perRecord. */
  capacity?: bigint;
  permutation?: Permutation;
}

export function mentionsUnique(loaded: LoadedSchema): boolean {
  return loaded.documents.some((d) => d.text.includes(UNIQUE_KEYWORD));
}

function isUnique(s: SchemaObject): boolean {
  return s[UNIQUE_KEYWORD] === true;
}

/** Where `keyword` of schema object `s` is written (its file, pointer and line:column). */
export function locateKeyword(loaded: LoadedSchema, s: SchemaObject, keyword = UNIQUE_KEYWORD): SourceLocation {
  const origin = loaded.origin(s);
  if (!origin) return loaded.locate(s);
  const pointer = `${origin.pointer}/${escapePointerSegment(keyword)}`;
  const loc: SourceLocation = { file: origin.doc.file, pointer };
  const node = origin.doc.tree ? nodeAt(origin.doc.tree, pointerToPath(pointer)) : undefined;
  const at = node?.parent?.type === "property" ? node.parent : node;
  if (at) Object.assign(loc, positionOf(origin.doc.lineStarts, at.offset));
  return loc;
}

/** Every x-unique node records reach, with its value space (or why it has none). */
export function uniqueSites(loaded: LoadedSchema, seed: number, referenceDate: string, validator?: SchemaValidator): UniqueSite[] {
  const builder = new FactsBuilder(loaded, loaded.draft, DEFAULT_OPTIONAL_PROBABILITY);
  const base = recordKey(seed, 0);
  return findSites(loaded, isUnique).map((site) => {
    const path =
      site.steps.map((s) => `/${s.kind === "name" ? escapePointerSegment(s.name) : s.kind === "index" ? s.index : "*"}`).join("") || "/";
    const out: UniqueSite = { site, location: locateKeyword(loaded, site.schema), path, perRecord: 1n };
    const wild = site.steps.filter((s) => s.kind === "wildcard").length;
    if (site.guards.length) return { ...out, unsupported: "it is inside an anyOf/oneOf/if branch" };
    if (wild > 1) return { ...out, unsupported: "it is inside nested arrays" };
    if (wild === 1) {
      const k = site.steps.findIndex((s) => s.kind === "wildcard");
      const max = arrayMaxItems(loaded, builder, site.steps.slice(0, k));
      if (max === undefined) return { ...out, unsupported: "its array has no maxItems" };
      out.perRecord = BigInt(Math.max(1, max));
    }
    let facts: Facts;
    try {
      facts = builder.build([site.schema], new Set());
    } catch (e) {
      return { ...out, unsupported: (e as Error).message };
    }
    const space = valueSpace(facts, referenceDate, validator ? (v) => validator.forSchema(site.schema)(v) : () => true);
    if (typeof space === "string") return { ...out, unsupported: space };
    out.space = space;
    out.capacity = space.size / out.perRecord;
    const key: Key = childKey(base, hashString(`$unique${stepsText(site.steps)}`));
    out.permutation = new Permutation(space.size, key);
    return out;
  });
}

/** maxItems of the array at a site path, walking properties from the root. */
function arrayMaxItems(loaded: LoadedSchema, builder: FactsBuilder, steps: SchemaSite["steps"]): number | undefined {
  let list = [loaded.main.root];
  for (const s of steps) {
    const f = builder.build(list, new Set());
    const next: typeof list = [];
    if (s.kind === "name") {
      for (const o of f.objectSchemas) {
        const p = o.properties as Record<string, SchemaObject> | undefined;
        if (p && Object.prototype.hasOwnProperty.call(p, s.name)) next.push(p[s.name]);
      }
    } else {
      for (const r of f.rest) next.push(r.schema);
      if (s.kind === "index" && f.prefix[s.index]) next.push(...f.prefix[s.index]);
    }
    list = next;
  }
  return builder.build(list, new Set()).maxItems;
}

function base36(p: bigint): string {
  return p.toString(36);
}

/** The values an x-unique node can take, numbered. */
export function valueSpace(f: Facts, referenceDate: string, valid: (v: unknown) => boolean): ValueSpace | string {
  if (f.enumValues) {
    const seen = new Set<string>();
    const values = f.enumValues.filter((v) => {
      const k = canonicalJson(v);
      if (seen.has(k) || !valid(v)) return false;
      seen.add(k);
      return true;
    });
    if (!values.length) return "no enum value is valid here";
    return {
      size: BigInt(values.length),
      what: `${values.length} allowed value${values.length === 1 ? "" : "s"}`,
      value: (p) => structuredClone(values[Number(p)]),
      standalone: true,
    };
  }
  const types = f.types ? [...f.types] : [...f.mentioned];
  // (A `number` type also allows integers: facts list both.)
  const pick =
    ["string", "number", "integer", "boolean", "null"].find((t) => types.includes(t as never)) ??
    (f.types === null && !f.mentioned.size ? "string" : undefined);
  switch (pick) {
    case "boolean":
      return { size: 2n, what: "2 booleans", value: (p) => p === 1n, standalone: true };
    case "null":
      return { size: 1n, what: "1 value (null)", value: () => null, standalone: true };
    case "integer":
    case "number":
      return numberSpace(f, pick === "integer");
    case "string":
      return stringSpace(f, referenceDate, valid);
  }
  return `x-unique applies to scalars; this node is ${types.join(" or ") || "not a scalar"}`;
}

function numberSpace(f: Facts, integer: boolean): ValueSpace | string {
  let stepNumber = f.multipleOf;
  if (integer) stepNumber = stepNumber === undefined ? 1 : (decimalLcm(stepNumber, 1) ?? stepNumber);
  const step = numFromNumber(stepNumber ?? 0.01)!;
  const lower = f.lower ? numFromNumber(f.lower.value) : undefined;
  const upper = f.upper ? numFromNumber(f.upper.value) : undefined;
  let kLo = lower ? ceilDiv(lower, step) : undefined;
  let kHi = upper ? floorDiv(upper, step) : undefined;
  if (kLo !== undefined && f.lower!.exclusive && cmp(times(kLo, step), lower!) === 0) kLo++;
  if (kHi !== undefined && f.upper!.exclusive && cmp(times(kHi, step), upper!) === 0) kHi--;
  if (kLo === undefined && kHi === undefined) kLo = 0n;
  if (kLo === undefined) kLo = kHi! - OPEN_SPAN + 1n;
  if (kHi === undefined) kHi = kLo + OPEN_SPAN - 1n;
  if (kHi < kLo) return "no number satisfies the bounds here";
  const size = kHi - kLo + 1n;
  const lo = kLo;
  return {
    size,
    what: `${size} ${integer ? "integers" : "numbers"} in range`,
    value: (p) => toNumber(times(lo + p, step)),
    standalone: true,
  };
}

const MAX_SUFFIX_SPACE = 2n ** 48n;

function stringSpace(f: Facts, referenceDate: string, valid: (v: unknown) => boolean): ValueSpace | string {
  const minL = f.minLength,
    maxL = f.maxLength;
  if (f.patterns.length) {
    const s = patternSpace(f.patterns[0], minL, maxL);
    if (typeof s === "string") return `its pattern is not enumerable: ${s}`;
    const probe = [0n, s.size - 1n, s.size / 2n].map((p) => s.nth(p));
    if (!probe.every(valid)) return "the pattern's strings do not satisfy the node's other constraints";
    return { size: s.size, what: `${s.size} strings of the pattern`, value: (p) => s.nth(p), standalone: true };
  }
  switch (f.format) {
    case "uuid":
      return {
        size: MAX_SUFFIX_SPACE,
        what: "2^48 uuids",
        value: (p, g) => {
          const head =
            typeof g === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(g)
              ? g.slice(0, 24)
              : "00000000-0000-4000-8000-";
          return head + p.toString(16).padStart(12, "0");
        },
      };
    case "email":
      return {
        size: MAX_SUFFIX_SPACE,
        what: "2^48 addresses",
        value: (p, g) => {
          const given = typeof g === "string" ? g : "";
          const at = given.lastIndexOf("@");
          let local = at > 0 ? given.slice(0, at) : "user";
          const domain = at > 0 ? given.slice(at + 1) : "example.com";
          const suffix = `.${base36(p)}`;
          if (maxL !== undefined) {
            const room = maxL - suffix.length - 1 - domain.length;
            local = local.slice(0, Math.max(1, room)).replace(/[.+]+$/, "") || "u";
          }
          return `${local}${suffix}@${domain}`;
        },
      };
    case "date":
    case "date-time": {
      const w = dateWindowBounds(referenceDate);
      const unit = f.format === "date" ? 86_400_000 : 1000;
      const first = Math.ceil(w.start / unit);
      const size = BigInt(Math.floor(w.end / unit) - first + 1);
      return {
        size,
        what: `${size} ${f.format === "date" ? "days" : "seconds"} of the date window`,
        value: (p) => {
          const iso = new Date((first + Number(p)) * unit).toISOString();
          return f.format === "date" ? iso.slice(0, 10) : iso.replace(/\.\d{3}Z$/, "Z");
        },
        standalone: true,
      };
    }
    case undefined:
      break;
    default:
      return `format "${f.format}" has no unique construction`;
  }
  if (maxL !== undefined && maxL < 2) return "maxLength below 2 leaves no room for a unique suffix";
  let size = MAX_SUFFIX_SPACE;
  if (maxL !== undefined && maxL - 1 < 10) size = 36n ** BigInt(maxL - 1);
  if (size > MAX_SUFFIX_SPACE) size = MAX_SUFFIX_SPACE;
  return {
    size,
    what: `${size} strings`,
    value: (p, g) => {
      const suffix = `-${base36(p)}`;
      let head = typeof g === "string" ? g : "";
      if (maxL !== undefined)
        head = Array.from(head)
          .slice(0, Math.max(0, maxL - suffix.length))
          .join("");
      while (Array.from(head).length + suffix.length < minL) head += "x";
      return head + suffix;
    },
  };
}

/** Puts the unique values into a record and remembers which fields they are (rules must not change them). */
export class UniqueAssigner {
  constructor(readonly sites: UniqueSite[]) {}

  /** The sites whose values are constructed. */
  get active(): UniqueSite[] {
    return this.sites.filter((s) => s.space);
  }

  /** Records that can be made before some x-unique node runs out of values (undefined: unbounded). */
  capacity(): { site: UniqueSite; capacity: bigint } | undefined {
    let min: { site: UniqueSite; capacity: bigint } | undefined;
    for (const s of this.active) if (!min || s.capacity! < min.capacity) min = { site: s, capacity: s.capacity! };
    return min;
  }

  /**
   * Replace the values of record `index` (1-based) at every x-unique site. Returns the fields set
   * (container, key), or the site that has no value left for this index.
   */
  apply(record: unknown, index: number, frozen: Map<object, Set<string | number>>): UniqueSite | undefined {
    for (const s of this.sites) {
      if (!s.space) continue;
      for (const inst of siteInstances(record, s.site.steps)) {
        if (!inst.container || inst.key === undefined) continue;
        const j = BigInt(inst.indices[0] ?? 0);
        const n = BigInt(index - 1) * s.perRecord + j;
        if (n >= s.space.size) return s;
        const v = s.space.value(s.permutation!.apply(n), inst.value);
        (inst.container as Record<string, unknown>)[inst.key as string] = v;
        let keys = frozen.get(inst.container);
        if (!keys) frozen.set(inst.container, (keys = new Set()));
        keys.add(inst.key);
      }
    }
    return undefined;
  }
}

/** Numbers the space of an x-unique node can hold, as text ("1,001"). */
export function formatCount(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
