// The boundary items of a schema: for every schema object that applies to every record (the places
// of core/invalid's constraint walk) and each of its keywords, the edges a value there can sit on
// (a number at its minimum and one step inside, a string of maxLength characters, each enum value,
// each oneOf branch, an optional property absent and present, …). Each item knows how to tell that a
// value hits it (for the coverage of any dataset) and how to make such a value (for boundary records).
import type { LoadedSchema, Schema, SchemaObject } from "../schema/load";
import { stepsText, type SiteStep } from "../schema/sites";
import { canonicalJson } from "../schema/facts";
import type { SchemaValidator } from "../validate/ajv";
import { unconditionalSites } from "../invalid/constraints";
import { numberEdge } from "./numberEdges";
import { SPECIAL_TEXTS, hasSpecialText, specialText } from "./text";

/** The property is left out (an item's value that removes it from its object). */
export const ABSENT: unique symbol = Symbol("absent");

/** What an item's values are made from: fresh values of the place's own schemas with the item's extra one, try t. */
export interface ItemValues {
  /** A value of the place's schemas and `extra` (undefined extra: the place's schemas alone); undefined when none was made. */
  of(extra: Schema | undefined, t: number): unknown;
}

export interface BoundaryItem {
  /** Number in the list (0-based), the order items are reported and packed in. */
  index: number;
  /** Stable identity: `template|schema|keyword|edge`; fresh values are keyed by it. */
  id: string;
  /** Instance template of the value the item sets (`/lines/*\/price`; for an optional property, the property). */
  template: string;
  steps: SiteStep[];
  /** Where the item is seen: the value itself, or for an optional property the object that holds it. */
  hitSteps: SiteStep[];
  /** JSON pointer of the schema object in its resource (as ajv's schemaPath starts). */
  schema: string;
  keyword: string;
  /** Which edge: "at 0", "inside 1", "value \"pro\"", "branch 1", "then", "absent", "length 12", "astral", … */
  edge: string;
  /** Why no valid record can hold it, when that is known without trying (the outside of an exclusive bound, an x-unique value). */
  unreachable?: string;
  /** Whether a value at hitSteps hits the item. */
  hit(value: unknown): boolean;
  /** The value to put at `steps` (ABSENT to leave the property out), try t; undefined when there is none (more). */
  make(current: unknown, values: ItemValues, t: number): unknown;
}

/** Values tried per item before it is declared out of reach at that place. */
export const TRIES = 6;
/** Lengths past this are not made (a maxItems of 100,000 is an edge nobody writes a record for). */
const MAX_MADE_ITEMS = 1_000;
const MAX_MADE_LENGTH = 100_000;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const count = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= 0;
const typesOf = (s: SchemaObject): string[] | undefined =>
  typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type.filter((t): t is string => typeof t === "string") : undefined;
const cpLength = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** A literal value: the current one when it already is that value, else the literal once. */
const literal =
  (v: unknown) =>
  (current: unknown, _values: ItemValues, t: number): unknown =>
    t === 0 ? v : undefined;

/** A value of the place's schemas and `extra`: the current one when it already hits, else fresh ones. */
function conjoined(extra: Schema | undefined, hit: (v: unknown) => boolean) {
  return (current: unknown, values: ItemValues, t: number): unknown => {
    if (t === 0 && current !== undefined && hit(current)) return current;
    return values.of(extra, t);
  };
}

/** Every boundary item of the schema, in walk order, and per schema object in keyword order. */
export function boundaryItems(loaded: LoadedSchema, validator: SchemaValidator): BoundaryItem[] {
  const out: BoundaryItem[] = [];
  const matches = (schema: Schema, v: unknown) => validator.forSchema(schema)(v);
  for (const { site, base } of unconditionalSites(loaded).sites) {
    const s = site.schema;
    const unique =
      s["x-unique"] === true ? "the value is x-unique (no two records share it): boundary records keep the generated one" : undefined;
    const add = (keyword: string, edge: string, item: Pick<BoundaryItem, "hit" | "make"> & Partial<BoundaryItem>) => {
      const steps = item.steps ?? site.steps;
      const at = stepsText(steps);
      out.push({
        index: out.length,
        id: `${at}|${base}|${keyword}|${edge}`,
        template: at,
        steps,
        hitSteps: item.hitSteps ?? steps,
        schema: base,
        keyword,
        edge,
        unreachable: item.unreachable ?? (item.hitSteps ? undefined : unique),
        hit: item.hit,
        make: item.make,
      });
    };
    const types = typesOf(s);

    // Numbers: each bound, the value on it and one step inside; an exclusive bound's outside is invalid.
    const bound = (keyword: string, side: "min" | "max", exclusive: boolean, value: unknown) => {
      const edge = numberEdge(s, value, side, exclusive);
      if (!edge) return;
      if (exclusive)
        add(keyword, `outside ${String(value)}`, {
          hit: (v) => v === value,
          make: literal(value),
          unreachable: `${String(value)} is excluded by ${keyword}: a record holding it is invalid (--kind invalid makes it)`,
        });
      if (!exclusive) add(keyword, `at ${edge.at}`, { hit: (v) => v === edge.at, make: literal(edge.at) });
      const inside = exclusive ? edge.at : edge.inside;
      add(keyword, `inside ${inside}`, { hit: (v) => v === inside, make: literal(inside) });
    };
    // Draft-04's boolean exclusiveMinimum/exclusiveMaximum make minimum/maximum exclusive.
    bound("minimum", "min", s.exclusiveMinimum === true, s.minimum);
    bound("maximum", "max", s.exclusiveMaximum === true, s.maximum);
    if (typeof s.exclusiveMinimum === "number") bound("exclusiveMinimum", "min", true, s.exclusiveMinimum);
    if (typeof s.exclusiveMaximum === "number") bound("exclusiveMaximum", "max", true, s.exclusiveMaximum);

    // Strings: the shortest and longest allowed, the empty string and special text where any text is.
    const stringy = (types?.includes("string") ?? false) || ["minLength", "maxLength", "pattern", "format"].some((k) => s[k] !== undefined);
    if (stringy && !Array.isArray(s.enum) && !("const" in s)) {
      const min = count(s.minLength) ? s.minLength : 0;
      const max = count(s.maxLength) ? s.maxLength : Infinity;
      const anyText = s.pattern === undefined && s.format === undefined;
      const length = (keyword: string, n: number) => {
        const hit = (v: unknown) => typeof v === "string" && cpLength(v) === n;
        const extra: SchemaObject = { type: "string", minLength: n, maxLength: n };
        add(keyword, `length ${n}`, {
          hit,
          make: n === 0 ? literal("") : conjoined(extra, hit),
          unreachable: n > MAX_MADE_LENGTH ? `${keyword} ${n} is longer than boundary records make (${MAX_MADE_LENGTH})` : undefined,
        });
      };
      if (min > 0) length("minLength", min);
      else if (anyText) length("minLength", 0);
      if (max !== Infinity && max !== min) length("maxLength", max);
      if (anyText)
        for (const kind of SPECIAL_TEXTS) {
          const hit = (v: unknown) => typeof v === "string" && hasSpecialText(kind, v);
          add("type", `${kind} text`, {
            hit,
            make: (current, _values, t) => (t === 0 ? specialText(kind, typeof current === "string" ? current : "", min, max) : undefined),
          });
        }
    }

    // Arrays: as few and as many elements as allowed.
    const arrayish =
      (types?.includes("array") ?? false) || ["items", "prefixItems", "minItems", "maxItems", "contains"].some((k) => s[k] !== undefined);
    if (arrayish) {
      const size = (keyword: string, n: number) => {
        const hit = (v: unknown) => Array.isArray(v) && v.length === n;
        add(keyword, `${n} items`, {
          hit,
          make: n === 0 ? literal([]) : conjoined({ type: "array", minItems: n, maxItems: n }, hit),
          unreachable: n > MAX_MADE_ITEMS ? `${keyword} ${n} is more elements than boundary records make (${MAX_MADE_ITEMS})` : undefined,
        });
      };
      const min = count(s.minItems) ? s.minItems : 0;
      size("minItems", min);
      if (count(s.maxItems) && s.maxItems !== min) size("maxItems", s.maxItems);
    }

    // Every enum value; null where the type allows it.
    if (Array.isArray(s.enum))
      s.enum.forEach((v) => {
        // A scalar is compared as it is; only an object or array needs its canonical text.
        const key = typeof v === "object" && v !== null ? canonicalJson(v) : undefined;
        const hit =
          key === undefined ? (x: unknown) => x === v : (x: unknown) => typeof x === "object" && x !== null && canonicalJson(x) === key;
        add("enum", `value ${JSON.stringify(v)}`, { hit, make: literal(v) });
      });
    if (types && types.includes("null") && types.length > 1) add("type", "null", { hit: (v) => v === null, make: literal(null) });

    // Every branch of anyOf and oneOf; both sides of an if.
    for (const keyword of ["anyOf", "oneOf"]) {
      const branches = s[keyword];
      if (!Array.isArray(branches)) continue;
      branches.forEach((branch: Schema, k) => {
        const hit = (v: unknown) => v !== undefined && matches(branch, v);
        add(keyword, `branch ${k}`, { hit, make: conjoined(branch, hit) });
      });
    }
    if (isObj(s.if) || typeof s.if === "boolean") {
      const condition = s.if;
      const notCondition: SchemaObject = { not: condition };
      const thenHit = (v: unknown) => v !== undefined && matches(condition, v);
      const elseHit = (v: unknown) => v !== undefined && !matches(condition, v);
      add("if", "then", { hit: thenHit, make: conjoined(condition, thenHit) });
      add("if", "else", { hit: elseHit, make: conjoined(notCondition, elseHit) });
    }

    // Each optional property absent and present (its own place, so that properties pack into one record).
    if (isObj(s.properties)) {
      const required = new Set(Array.isArray(s.required) ? s.required : []);
      for (const name of Object.keys(s.properties)) {
        if (required.has(name)) continue;
        const steps: SiteStep[] = [...site.steps, { kind: "name", name }];
        const has = (v: unknown) => isObj(v) && Object.prototype.hasOwnProperty.call(v, name);
        add("properties", `${name} absent`, { steps, hitSteps: site.steps, hit: (v) => isObj(v) && !has(v), make: literal(ABSENT) });
        add("properties", `${name} present`, {
          steps,
          hitSteps: site.steps,
          hit: has,
          make: (current, values, t) => (t === 0 && current !== undefined ? current : values.of(undefined, t)),
        });
      }
    }
  }
  return out;
}
