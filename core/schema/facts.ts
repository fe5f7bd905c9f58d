// Flattening a conjunction of schemas (a node, its `$ref` targets and `allOf` members, plus any
// branches chosen so far) into one set of facts that a generator can act on directly.
// Disjunctive keywords (anyOf, oneOf, if/then/else, not, dependentSchemas) are collected, not merged:
// the plan decides them per value (see plan.ts).
import type { Draft, LoadedSchema, Schema, SchemaObject } from "./load";
import { SpecMintError } from "../base/errors";
import { decimalLcm } from "../base/decimal";

export type JsonType = "null" | "boolean" | "integer" | "number" | "string" | "array" | "object";
export const ALL_TYPES: readonly JsonType[] = ["null", "boolean", "integer", "number", "string", "array", "object"];

export interface Bound {
  value: number;
  exclusive: boolean;
}

/** A binary choice made per value: take `yes` (and check `test` holds) or `no` (and check it fails). */
export interface Conditional {
  owner: SchemaObject;
  /** Validated against the value to confirm the choice; undefined when the choice needs no check. */
  test?: Schema;
  yes: Schema[];
  no: Schema[];
  /** Probability of taking `yes`. */
  pYes: number;
  /** dependentSchemas/dependencies: the property whose presence the choice is (`yes` requires it, `no` forbids it). */
  present?: string;
}

/** Property names a schema evaluates in place (properties and patternProperties of it and its in-place subschemas). */
export interface EvaluatedNames {
  names: Set<string>;
  patterns: string[];
  /** additionalProperties (or a nested unevaluatedProperties) evaluates every name. */
  all: boolean;
}

export interface Facts {
  /** Schemas that contributed, in order (original objects, for validators and locations). */
  sources: SchemaObject[];
  /** The schema object whose contradiction makes this conjunction unsatisfiable. */
  never?: { at: SchemaObject | undefined; why: string };
  /** Allowed types; null when unconstrained. */
  types: Set<JsonType> | null;
  /** Types some keyword talks about (for typeless schemas). */
  mentioned: Set<JsonType>;
  enumValues?: unknown[];
  defaults: unknown[];
  examples: unknown[];
  // numbers
  lower?: Bound;
  upper?: Bound;
  multipleOf?: number;
  multipleOfs: number[];
  // strings
  minLength: number;
  maxLength?: number;
  patterns: string[];
  format?: string;
  /** ajv-formats' formatMinimum / formatMaximum (inclusive or exclusive), as written: bounds of date formats. */
  formatMinimum?: string;
  formatMaximum?: string;
  faker?: string;
  // arrays
  minItems: number;
  maxItems?: number;
  uniqueItems: boolean;
  /** prefix[k]: schemas applying to element k. */
  prefix: Schema[][];
  /** schemas applying to every element from index `from` on (`false` forbids elements there). */
  rest: { from: number; schema: Schema }[];
  contains: { schema: Schema; min: number; max?: number }[];
  noExtraItems: boolean;
  // objects
  properties: Map<string, Schema[]>;
  required: Set<string>;
  /** Object schemas, each with its own properties/patternProperties/additionalProperties view. */
  objectSchemas: SchemaObject[];
  propertyNames: Schema[];
  minProperties: number;
  maxProperties?: number;
  dependentRequired: Map<string, string[]>;
  /** One entry per schema with `unevaluatedProperties: false`: the names its own subtree evaluates. */
  closed: EvaluatedNames[];
  // disjunctions
  anyOf: { owner: SchemaObject; branches: Schema[] }[];
  oneOf: { owner: SchemaObject; branches: Schema[] }[];
  nots: Schema[];
  conditionals: Conditional[];
  /** Schema objects whose disjunctive keywords are listed above (to mark them decided). */
  disjunctive: SchemaObject[];
}

export const OBJECT_WORDS = [
  "properties",
  "required",
  "patternProperties",
  "additionalProperties",
  "minProperties",
  "maxProperties",
  "propertyNames",
  "dependentRequired",
  "dependentSchemas",
  "dependencies",
  "unevaluatedProperties",
];
export const ARRAY_WORDS = [
  "items",
  "prefixItems",
  "contains",
  "minItems",
  "maxItems",
  "uniqueItems",
  "additionalItems",
  "unevaluatedItems",
  "minContains",
  "maxContains",
];
export const STRING_WORDS = ["minLength", "maxLength", "pattern", "format"];
export const NUMBER_WORDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];

function isObj(x: unknown): x is SchemaObject {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function typeOfValue(v: unknown): JsonType {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v as JsonType;
}

export function valueMatchesType(v: unknown, t: JsonType): boolean {
  const vt = typeOfValue(v);
  return vt === t || (t === "number" && vt === "integer");
}

function synthetic(cache: WeakMap<object, Map<string, SchemaObject>>, owner: object, key: string, make: () => SchemaObject): SchemaObject {
  let m = cache.get(owner);
  if (!m) cache.set(owner, (m = new Map<string, SchemaObject>()));
  let s = m.get(key);
  if (!s) m.set(key, (s = make()));
  return s;
}

export class FactsBuilder {
  private readonly syntheticCache = new WeakMap<object, Map<string, SchemaObject>>();
  constructor(
    private readonly loaded: LoadedSchema,
    private readonly draft: Draft,
    private readonly optionalProbability: number,
  ) {}

  build(list: Schema[], decided: ReadonlySet<SchemaObject>): Facts {
    // Every field is present from the start, so that all Facts share one hidden class and the
    // generator's reads of them stay monomorphic (measured: ~10% of generation time).
    const f: Facts = {
      sources: [],
      never: undefined,
      types: null,
      mentioned: new Set(),
      enumValues: undefined,
      defaults: [],
      examples: [],
      lower: undefined,
      upper: undefined,
      multipleOf: undefined,
      multipleOfs: [],
      minLength: 0,
      maxLength: undefined,
      patterns: [],
      format: undefined,
      faker: undefined,
      minItems: 0,
      maxItems: undefined,
      uniqueItems: false,
      prefix: [],
      rest: [],
      contains: [],
      noExtraItems: false,
      properties: new Map(),
      required: new Set(),
      objectSchemas: [],
      propertyNames: [],
      minProperties: 0,
      maxProperties: undefined,
      dependentRequired: new Map(),
      closed: [],
      anyOf: [],
      oneOf: [],
      nots: [],
      conditionals: [],
      disjunctive: [],
    };
    const seen = new Set<SchemaObject>();
    const queue: { s: Schema; parent?: SchemaObject }[] = list.map((s) => ({ s }));
    for (let qi = 0; qi < queue.length; qi++) {
      const { s, parent } = queue[qi];
      if (s === true) continue;
      if (s === false || !isObj(s)) {
        f.never ??= { at: parent, why: "the schema is `false`: no value is allowed here" };
        continue;
      }
      if (seen.has(s)) continue;
      seen.add(s);
      const ref = (k: string) => {
        const r = s[k];
        if (typeof r !== "string") return false;
        const target = this.loaded.resolveRef(s, k === "$recursiveRef" ? "#" : r);
        if (target === undefined) {
          const loc = this.loaded.locate(s);
          throw new SpecMintError("schema", `cannot resolve ${k} "${r}"`, { ...loc, pointer: `${loc.pointer ?? ""}/${k}` });
        }
        queue.push({ s: target, parent: s });
        return true;
      };
      // Before 2019-09 the siblings of a `$ref` are ignored by the specification, but ajv (and so every
      // validator a user is likely to check fixtures with) applies them. Values that satisfy both the
      // target and the siblings are valid under either reading.
      ref("$ref");
      ref("$dynamicRef");
      ref("$recursiveRef");
      f.sources.push(s);
      if (Array.isArray(s.allOf)) for (const sub of s.allOf) queue.push({ s: sub as Schema, parent: s });
      if (!decided.has(s)) this.collectDisjunctions(s, f);
      this.merge(s, f);
    }
    this.finish(f);
    return f;
  }

  private collectDisjunctions(s: SchemaObject, f: Facts) {
    let any = false;
    if (Array.isArray(s.anyOf)) {
      f.anyOf.push({ owner: s, branches: s.anyOf as Schema[] });
      any = true;
    }
    if (Array.isArray(s.oneOf)) {
      f.oneOf.push({ owner: s, branches: s.oneOf as Schema[] });
      any = true;
    }
    if (s.not !== undefined) {
      f.nots.push(s.not as Schema);
      any = true;
    }
    const hasIf = s.if !== undefined && this.draft !== "04" && this.draft !== "06";
    if (hasIf && (s.then !== undefined || s.else !== undefined)) {
      f.conditionals.push({
        owner: s,
        test: s.if as Schema,
        yes: s.then !== undefined ? [s.if as Schema, s.then as Schema] : [s.if as Schema],
        no: s.else !== undefined ? [s.else as Schema] : [],
        pYes: 0.5,
        present: undefined,
      });
      any = true;
    }
    const depSchemas: [string, Schema][] = [];
    if (isObj(s.dependentSchemas)) depSchemas.push(...(Object.entries(s.dependentSchemas) as [string, Schema][]));
    if (isObj(s.dependencies)) {
      for (const [k, v] of Object.entries(s.dependencies)) if (!Array.isArray(v)) depSchemas.push([k, v as Schema]);
    }
    for (const [name, dep] of depSchemas) {
      const req = synthetic(this.syntheticCache, s, `req:${name}`, () => ({ required: [name] }));
      const absent = synthetic(this.syntheticCache, s, `absent:${name}`, () => ({ properties: { [name]: false } }));
      f.conditionals.push({ owner: s, yes: [dep, req], no: [absent], pYes: this.optionalProbability, present: name });
      any = true;
    }
    if (any) f.disjunctive.push(s);
  }

  private merge(s: SchemaObject, f: Facts) {
    const never = (why: string) => (f.never ??= { at: s, why });
    // type
    if (s.type !== undefined) {
      const list = (Array.isArray(s.type) ? s.type : [s.type]) as JsonType[];
      const set = new Set<JsonType>(list.filter((t) => (ALL_TYPES as readonly string[]).includes(t)));
      if (set.has("number")) set.add("integer");
      if (f.types === null) f.types = set;
      else f.types = new Set([...f.types].filter((t) => set.has(t)));
      if (f.types.size === 0) never("the types required here have nothing in common");
    }
    if ("const" in s) this.mergeEnum(f, [s.const], s);
    if (Array.isArray(s.enum)) this.mergeEnum(f, s.enum, s);
    if ("default" in s) f.defaults.push(s.default);
    if (Array.isArray(s.examples)) f.examples.push(...(s.examples as unknown[]));
    // numbers
    const num = (k: string) => (typeof s[k] === "number" ? s[k] : undefined);
    const lower = (value: number, exclusive: boolean) => {
      if (!f.lower || value > f.lower.value || (value === f.lower.value && exclusive)) f.lower = { value, exclusive };
    };
    const upper = (value: number, exclusive: boolean) => {
      if (!f.upper || value < f.upper.value || (value === f.upper.value && exclusive)) f.upper = { value, exclusive };
    };
    if (num("minimum") !== undefined) lower(num("minimum")!, s.exclusiveMinimum === true);
    if (num("maximum") !== undefined) upper(num("maximum")!, s.exclusiveMaximum === true);
    if (num("exclusiveMinimum") !== undefined) lower(num("exclusiveMinimum")!, true);
    if (num("exclusiveMaximum") !== undefined) upper(num("exclusiveMaximum")!, true);
    if (num("multipleOf") !== undefined && num("multipleOf")! > 0) f.multipleOfs.push(num("multipleOf")!);
    // strings
    if (num("minLength") !== undefined) f.minLength = Math.max(f.minLength, num("minLength")!);
    if (num("maxLength") !== undefined) f.maxLength = Math.min(f.maxLength ?? Infinity, num("maxLength")!);
    if (typeof s.pattern === "string") f.patterns.push(s.pattern);
    if (typeof s.format === "string" && f.format === undefined) f.format = s.format;
    for (const k of ["formatMinimum", "formatExclusiveMinimum"] as const) {
      const v = s[k];
      if (typeof v === "string" && (f.formatMinimum === undefined || v > f.formatMinimum)) f.formatMinimum = v;
    }
    for (const k of ["formatMaximum", "formatExclusiveMaximum"] as const) {
      const v = s[k];
      if (typeof v === "string" && (f.formatMaximum === undefined || v < f.formatMaximum)) f.formatMaximum = v;
    }
    if (typeof s["x-faker"] === "string") f.faker ??= s["x-faker"];
    // arrays
    if (num("minItems") !== undefined) f.minItems = Math.max(f.minItems, num("minItems")!);
    if (num("maxItems") !== undefined) f.maxItems = Math.min(f.maxItems ?? Infinity, num("maxItems")!);
    if (s.uniqueItems === true) f.uniqueItems = true;
    const tuple = Array.isArray(s.prefixItems) ? (s.prefixItems as Schema[]) : Array.isArray(s.items) ? (s.items as Schema[]) : undefined;
    if (tuple) {
      tuple.forEach((t, k) => (f.prefix[k] ??= []).push(t));
      // Elements past this schema's tuple are governed by its items/additionalItems only.
      const after = Array.isArray(s.prefixItems) ? s.items : s.additionalItems;
      if (after !== undefined && after !== true) f.rest.push({ from: tuple.length, schema: after as Schema });
    } else if (s.items !== undefined && !Array.isArray(s.items)) {
      f.rest.push({ from: 0, schema: s.items as Schema });
    }
    if (s.contains !== undefined) {
      const max = this.draft === "2020-12" || this.draft === "2019-09" ? num("maxContains") : undefined;
      const min = this.draft === "2020-12" || this.draft === "2019-09" ? (num("minContains") ?? 1) : 1;
      f.contains.push({ schema: s.contains as Schema, min, max });
    }
    if (s.unevaluatedItems === false) f.noExtraItems = true;
    // objects
    if (isObj(s.properties)) {
      for (const [k, v] of Object.entries(s.properties)) {
        let l = f.properties.get(k);
        if (!l) f.properties.set(k, (l = []));
        l.push(v as Schema);
      }
    }
    if (Array.isArray(s.required)) for (const r of s.required) if (typeof r === "string") f.required.add(r);
    if (isObj(s.properties) || isObj(s.patternProperties) || s.additionalProperties !== undefined) f.objectSchemas.push(s);
    if (s.propertyNames !== undefined) f.propertyNames.push(s.propertyNames as Schema);
    if (num("minProperties") !== undefined) f.minProperties = Math.max(f.minProperties, num("minProperties")!);
    if (num("maxProperties") !== undefined) f.maxProperties = Math.min(f.maxProperties ?? Infinity, num("maxProperties")!);
    const depReq: [string, unknown][] = [];
    if (isObj(s.dependentRequired)) depReq.push(...Object.entries(s.dependentRequired));
    if (isObj(s.dependencies)) for (const [k, v] of Object.entries(s.dependencies)) if (Array.isArray(v)) depReq.push([k, v]);
    for (const [k, v] of depReq) {
      if (!Array.isArray(v)) continue;
      f.dependentRequired.set(k, [...(f.dependentRequired.get(k) ?? []), ...v.filter((x): x is string => typeof x === "string")]);
    }
    if (s.unevaluatedProperties === false) f.closed.push(this.evaluatedNames(s));
    // What a typeless schema talks about.
    for (const k of Object.keys(s)) {
      if (OBJECT_WORDS.includes(k)) f.mentioned.add("object");
      else if (ARRAY_WORDS.includes(k)) f.mentioned.add("array");
      else if (STRING_WORDS.includes(k)) f.mentioned.add("string");
      else if (NUMBER_WORDS.includes(k)) f.mentioned.add("number");
    }
  }

  private readonly evaluatedCache = new WeakMap<SchemaObject, EvaluatedNames>();

  private evaluatedNames(s: SchemaObject): EvaluatedNames {
    const cached = this.evaluatedCache.get(s);
    if (cached) return cached;
    const out: EvaluatedNames = { names: new Set(), patterns: [], all: false };
    this.evaluatedCache.set(s, out); // recursion through $ref ends here
    if (isObj(s.properties)) for (const k of Object.keys(s.properties)) out.names.add(k);
    if (isObj(s.patternProperties)) out.patterns.push(...Object.keys(s.patternProperties));
    if (s.additionalProperties !== undefined && s.additionalProperties !== false) out.all = true;
    if (s.unevaluatedProperties !== undefined && s.unevaluatedProperties !== false) out.all = true;
    const subs: unknown[] = [];
    for (const k of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(s[k])) subs.push(...(s[k] as unknown[]));
    for (const k of ["if", "then", "else"]) if (s[k] !== undefined) subs.push(s[k]);
    if (isObj(s.dependentSchemas)) subs.push(...Object.values(s.dependentSchemas));
    for (const k of ["$ref", "$dynamicRef"]) {
      if (typeof s[k] === "string") subs.push(this.loaded.resolveRef(s, s[k]));
    }
    for (const sub of subs) {
      if (!isObj(sub)) continue;
      const e = this.evaluatedNames(sub);
      e.names.forEach((n) => out.names.add(n));
      out.patterns.push(...e.patterns);
      out.all ||= e.all;
    }
    return out;
  }

  private mergeEnum(f: Facts, values: unknown[], s: SchemaObject) {
    if (f.enumValues === undefined) f.enumValues = values.slice();
    else {
      const keys = new Set(values.map(canonicalJson));
      f.enumValues = f.enumValues.filter((v) => keys.has(canonicalJson(v)));
    }
    if (f.enumValues.length === 0) f.never ??= { at: s, why: "`enum`/`const` leave no value" };
  }

  private finish(f: Facts) {
    if (f.multipleOfs.length) {
      let m: number | undefined = f.multipleOfs[0];
      for (const x of f.multipleOfs.slice(1)) m = m === undefined ? undefined : decimalLcm(m, x);
      f.multipleOf = m ?? f.multipleOfs[0];
    }
    if (f.types !== null && f.types.has("integer") && !f.types.has("number") && f.multipleOf === undefined) {
      // nothing to do: integers are generated on an integer grid anyway
    }
  }
}

/** JSON text with object keys sorted: equal for values JSON Schema calls equal (1 and 1.0 alike). */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "undefined";
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(",")}}`;
}
