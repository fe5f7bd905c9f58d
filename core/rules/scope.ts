// Rule paths against the schema: which schemas govern `claim_dates.service_date` below the object
// a rule is written on, what type of value lives there, and which paths exist at all (for
// `rule-unknown-path` suggestions and for completion in the editor).
import { FactsBuilder, type Facts, type JsonType } from "../schema/facts";
import { DEFAULT_OPTIONAL_PROBABILITY } from "../../common/settings";
import type { LoadedSchema, Schema, SchemaObject } from "../schema/load";
import { patternRegExp } from "../generate/regex";
import { pathText, type Segment } from "./ast";

/** Kinds of values a rule can talk about (a bit set). */
export const T = {
  number: 1,
  string: 2,
  boolean: 4,
  null: 8,
  /** A string with format date or date-time: compares as an instant. */
  date: 16,
  duration: 32,
  array: 64,
  object: 128,
  list: 256,
} as const;
export const T_ANY = 511;

export function typeNames(t: number): string {
  if (t === T_ANY) return "any value";
  const names: string[] = [];
  if (t & T.number) names.push("a number");
  if (t & T.date) names.push("a date");
  if (t & T.string) names.push("a string");
  if (t & T.boolean) names.push("a boolean");
  if (t & T.null) names.push("null");
  if (t & T.duration) names.push("a duration");
  if (t & T.array) names.push("an array");
  if (t & T.object) names.push("an object");
  if (t & T.list) names.push("a list");
  return names.join(" or ") || "nothing";
}

/** What the schema says about the value at a path. */
export interface NodeInfo {
  /** Schemas that all apply to the value (a conjunction), as written (follow $ref/allOf through facts). */
  schemas: Schema[];
  facts: Facts;
  /** Kinds of value allowed (T bits). */
  type: number;
  /** "date" or "date-time" when the string has that format. */
  dateFormat?: "date" | "date-time";
  /** Declared only in a branch (anyOf/oneOf/if-then-else): the type is a guess. */
  uncertain: boolean;
}

export type Resolution =
  | { ok: true; node: NodeInfo; /** Array nodes met at each [*] (in order). */ arrays: NodeInfo[] }
  | {
      ok: false;
      /** Index of the segment that does not resolve. */
      at: number;
      why: "unknown" | "not-object" | "not-array";
      /** The object below which the name was looked for: its names may also come from additionalProperties. */
      open: boolean;
      message: string;
    };

function isObj(x: unknown): x is SchemaObject {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

export class SchemaScope {
  private readonly builder: FactsBuilder;
  private readonly cache = new Map<string, NodeInfo>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;

  constructor(readonly loaded: LoadedSchema) {
    this.builder = new FactsBuilder(loaded, loaded.draft, DEFAULT_OPTIONAL_PROBABILITY);
  }

  private id(s: Schema): string {
    if (typeof s === "boolean") return s ? "T" : "F";
    let n = this.ids.get(s);
    if (n === undefined) this.ids.set(s, (n = this.nextId++));
    return String(n);
  }

  /** Facts and type of a conjunction of schemas. */
  info(schemas: Schema[], uncertain = false): NodeInfo {
    const key = schemas.map((s) => this.id(s)).join(",") + (uncertain ? "?" : "");
    let n = this.cache.get(key);
    if (n) return n;
    let facts: Facts;
    try {
      facts = this.builder.build(schemas, new Set());
    } catch {
      facts = this.builder.build([], new Set());
    }
    let type = 0;
    const types: Set<JsonType> | null = facts.types ?? (facts.mentioned.size ? facts.mentioned : null);
    if (facts.enumValues) {
      for (const v of facts.enumValues) type |= typeOfJson(v);
    } else if (types === null) {
      type = this.branchTypes(facts) ?? T_ANY & ~(T.duration | T.list | T.date);
      if (type !== (T_ANY & ~(T.duration | T.list | T.date))) uncertain = true;
    } else {
      for (const t of types) type |= t === "integer" || t === "number" ? T.number : T[t];
    }
    let dateFormat: NodeInfo["dateFormat"];
    if ((facts.format === "date" || facts.format === "date-time") && type & T.string) {
      dateFormat = facts.format;
      type = (type & ~T.string) | T.date;
    }
    n = { schemas, facts, type, dateFormat, uncertain };
    this.cache.set(key, n);
    return n;
  }

  /** Types of a typeless node whose branches (anyOf/oneOf) say what they are. */
  private branchTypes(f: Facts): number | undefined {
    const groups = [...f.anyOf, ...f.oneOf];
    if (!groups.length) return undefined;
    let t = 0;
    for (const g of groups) for (const b of g.branches) if (typeof b === "object") t |= this.info([b]).type;
    return t || undefined;
  }

  /** The schemas applying to property `name` of an object governed by `node`. */
  property(node: NodeInfo, name: string): { schemas: Schema[]; declared: boolean; uncertain: boolean } | undefined {
    const f = node.facts;
    const list: Schema[] = [];
    let declared = false;
    for (const s of f.objectSchemas) {
      let matched = false;
      const props = s.properties;
      if (isObj(props) && Object.prototype.hasOwnProperty.call(props, name)) {
        list.push(props[name] as Schema);
        matched = declared = true;
      }
      const pp = s.patternProperties;
      if (isObj(pp)) {
        for (const [re, sch] of Object.entries(pp)) {
          if (patternRegExp(re)?.test(name)) {
            list.push(sch as Schema);
            matched = declared = true;
          }
        }
      }
      if (!matched && s.additionalProperties !== undefined) list.push(s.additionalProperties as Schema);
    }
    if (declared) return { schemas: list, declared, uncertain: false };
    // Declared in a branch: known, but only sometimes.
    for (const b of this.branches(f)) {
      const sub = this.property(this.info([b]), name);
      if (sub?.declared) return { schemas: sub.schemas, declared: true, uncertain: true };
    }
    return undefined;
  }

  private branches(f: Facts): Schema[] {
    const out: Schema[] = [];
    for (const g of [...f.anyOf, ...f.oneOf]) out.push(...g.branches);
    for (const c of f.conditionals) out.push(...c.yes, ...c.no);
    return out.filter(isObj);
  }

  /** Is an object of this node closed to undeclared names (additionalProperties: false or similar)? */
  closed(node: NodeInfo): boolean {
    const f = node.facts;
    if (f.closed.length) return true;
    return f.objectSchemas.some((s) => s.additionalProperties === false);
  }

  /** Schemas of element `index` (undefined: every element) of an array governed by `node`. */
  element(node: NodeInfo, index: number | undefined): Schema[] {
    const f = node.facts;
    const list: Schema[] = [];
    if (index !== undefined && f.prefix[index]) list.push(...f.prefix[index]);
    for (const r of f.rest) if (index === undefined ? true : index >= r.from) list.push(r.schema);
    return list;
  }

  /** Resolve the segments of a rule path from the object the rule is written on. */
  resolve(scope: Schema[], segments: readonly Segment[]): Resolution {
    let node = this.info(scope);
    const arrays: NodeInfo[] = [];
    let uncertain = false;
    for (let k = 0; k < segments.length; k++) {
      const seg = segments[k];
      if (seg.kind === "name") {
        if (!(node.type & T.object)) {
          return { ok: false, at: k, why: "not-object", open: false, message: `${typeNames(node.type)} has no property "${seg.name}"` };
        }
        const p = this.property(node, seg.name);
        if (!p) {
          const open = !this.closed(node);
          const known = this.names(node);
          return {
            ok: false,
            at: k,
            why: "unknown",
            open,
            message: `no property "${seg.name}" here${known.length ? ` (properties: ${known.slice(0, 8).join(", ")}${known.length > 8 ? ", …" : ""})` : ""}`,
          };
        }
        uncertain ||= p.uncertain;
        node = this.info(p.schemas, uncertain);
      } else {
        if (!(node.type & T.array)) {
          return {
            ok: false,
            at: k,
            why: "not-array",
            open: false,
            message: `${typeNames(node.type)} cannot be indexed with ${seg.kind === "wildcard" ? "[*]" : `[${seg.index}]`}`,
          };
        }
        if (seg.kind === "wildcard") arrays.push(node);
        node = this.info(this.element(node, seg.kind === "index" ? seg.index : undefined), uncertain);
      }
    }
    return { ok: true, node, arrays };
  }

  /** Property names declared on an object node (properties of every in-place schema and branch). */
  names(node: NodeInfo): string[] {
    const out = new Set<string>(node.facts.properties.keys());
    for (const b of this.branches(node.facts)) for (const n of this.info([b]).facts.properties.keys()) out.add(n);
    return [...out];
  }

  /**
   * Every path below an object node, up to `depth` segments: `a`, `a.b`, `items[*]`,
   * `items[*].price`… with its type. For completion and for the nearest-path suggestion.
   */
  fieldPaths(scope: Schema[], depth = 4): FieldPath[] {
    const out: FieldPath[] = [];
    const seen = new Set<object>();
    const walk = (node: NodeInfo, segs: Segment[], d: number) => {
      if (d >= depth) return;
      if (node.type & T.object) {
        for (const name of this.names(node)) {
          const p = this.property(node, name);
          if (!p) continue;
          const child = this.info(p.schemas, p.uncertain);
          const next: Segment[] = [...segs, { kind: "name", name, start: 0, end: 0 }];
          out.push({ path: pathText(next), type: child.type, description: describe(child) });
          if (!seen.has(child)) {
            seen.add(child);
            walk(child, next, d + 1);
            seen.delete(child);
          }
        }
      }
      if (node.type & T.array && segs.length) {
        const child = this.info(this.element(node, undefined));
        if (!seen.has(child)) {
          seen.add(child);
          walk(child, [...segs, { kind: "wildcard", start: 0, end: 0 }], d + 1);
          seen.delete(child);
        }
      }
    };
    walk(this.info(scope), [], 0);
    return out;
  }
}

export interface FieldPath {
  /** As written in a rule: `claim_dates.service_date`, `service_lines[*].charge`. */
  path: string;
  /** T bits. */
  type: number;
  /** A few words: "date-time", "number 0–50000", "boolean", "array of object". */
  description: string;
}

function describe(n: NodeInfo): string {
  const f = n.facts;
  if (n.dateFormat) return n.dateFormat;
  if (f.enumValues)
    return `one of ${f.enumValues
      .slice(0, 6)
      .map((v) => JSON.stringify(v))
      .join(", ")}${f.enumValues.length > 6 ? ", …" : ""}`;
  if (n.type === T.number) {
    const lo = f.lower ? String(f.lower.value) : "";
    const hi = f.upper ? String(f.upper.value) : "";
    return lo || hi ? `number ${lo}…${hi}` : "number";
  }
  return typeNames(n.type).replace(/^an? /, "");
}

export function typeOfJson(v: unknown): number {
  if (v === null) return T.null;
  if (Array.isArray(v)) return T.array;
  switch (typeof v) {
    case "number":
      return T.number;
    case "string":
      return T.string;
    case "boolean":
      return T.boolean;
    case "object":
      return T.object;
  }
  return 0;
}
