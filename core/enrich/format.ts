// The `format` of a chat request: a JSON Schema of exactly the values the model may write, with the
// schema's bounds, in the subset of keywords Ollama's grammar takes. What is left out here (pattern,
// most formats, multipleOf, not, …) is still checked when the answer comes back.
import type { LoadedSchema, SchemaObject } from "../schema/load";
import { applicable, declaredTypes, isSchemaObject, type LlmSlot } from "./targets";

export type FormatSchema = Record<string, unknown>;

/** Formats Ollama (llama.cpp's schema-to-grammar) can produce; others are validated afterwards. */
const GRAMMAR_FORMATS = new Set(["date", "time", "date-time", "uuid"]);
/** Nesting of object/array shapes inside a marked array: deeper values are left to validation. */
const MAX_SHAPE_DEPTH = 6;

export function jsonType(v: unknown): "string" | "integer" | "number" | "boolean" | "array" | "object" | "null" {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v as "string" | "boolean" | "object";
}

function numbers(all: readonly SchemaObject[], key: string): number[] {
  return all.map((s) => s[key]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

const maxOf = (xs: number[]) => (xs.length ? Math.max(...xs) : undefined);
const minOf = (xs: number[]) => (xs.length ? Math.min(...xs) : undefined);

/** "llm: the customer's full name" → "the customer's full name". */
export function describe(all: readonly SchemaObject[]): string | undefined {
  for (const s of all) {
    if (typeof s.description === "string" && s.description.trim() !== "") return s.description.replace(/^\s*llm:\s*/i, "").trim();
  }
  for (const s of all) if (typeof s.title === "string" && s.title.trim() !== "") return s.title.trim();
  return undefined;
}

/**
 * The shape of one value. `type` is the value's current JSON type where there is a value (types never
 * change), else the first type the schema allows.
 */
export function shapeOf(loaded: LoadedSchema, nodes: readonly SchemaObject[], type: string | undefined, depth = 0): FormatSchema {
  const all = nodes.flatMap((n) => applicable(loaded, n));
  const declared = declaredTypes(all);
  // An integer drawn for a `number` node may become a decimal: both are JSON numbers.
  if (type === "integer" && declared?.has("number")) type = "number";
  const t =
    type ?? (declared ? ["string", "integer", "number", "boolean", "array", "object"].find((x) => declared.has(x)) : undefined) ?? "string";
  const out: FormatSchema = {};
  const description = describe(all);

  const enums = all.filter((s) => Array.isArray(s.enum)).map((s) => s.enum as unknown[]);
  if (enums.length > 0 && t !== "array" && t !== "object") {
    const allowed = enums[0].filter((v) => enums.every((e) => e.some((x) => x === v)) && matchesType(v, t));
    if (allowed.length > 0) {
      if (description) out.description = description;
      out.enum = allowed;
      return out;
    }
  }
  out.type = t;
  if (description) out.description = description;
  if (t === "string") {
    const minLength = maxOf(numbers(all, "minLength"));
    const maxLength = minOf(numbers(all, "maxLength"));
    if (minLength !== undefined && minLength > 0) out.minLength = minLength;
    if (maxLength !== undefined) out.maxLength = maxLength;
    const format = all.map((s) => s.format).find((f): f is string => typeof f === "string");
    if (format && GRAMMAR_FORMATS.has(format)) out.format = format;
  } else if (t === "integer" || t === "number") {
    let minimum = maxOf(numbers(all, "minimum"));
    let maximum = minOf(numbers(all, "maximum"));
    // Exclusive bounds as inclusive ones: exact for integers, close enough for numbers, whose
    // answers are re-checked (and clamped) anyway.
    for (const x of numbers(all, "exclusiveMinimum")) minimum = Math.max(minimum ?? -Infinity, t === "integer" ? Math.floor(x) + 1 : x);
    for (const x of numbers(all, "exclusiveMaximum")) maximum = Math.min(maximum ?? Infinity, t === "integer" ? Math.ceil(x) - 1 : x);
    if (minimum !== undefined && Number.isFinite(minimum)) out.minimum = minimum;
    if (maximum !== undefined && Number.isFinite(maximum)) out.maximum = maximum;
  } else if (t === "array") {
    const minItems = maxOf(numbers(all, "minItems"));
    const maxItems = minOf(numbers(all, "maxItems"));
    if (minItems !== undefined && minItems > 0) out.minItems = minItems;
    if (maxItems !== undefined) out.maxItems = maxItems;
    const items = all.map((s) => s.items).filter(isSchemaObject);
    if (items.length > 0 && depth < MAX_SHAPE_DEPTH) out.items = shapeOf(loaded, items, undefined, depth + 1);
  } else if (t === "object") {
    const properties: Record<string, FormatSchema> = {};
    const required = new Set<string>();
    for (const s of all) {
      if (Array.isArray(s.required)) for (const r of s.required) if (typeof r === "string") required.add(r);
    }
    if (depth < MAX_SHAPE_DEPTH) {
      const byName = new Map<string, SchemaObject[]>();
      for (const s of all) {
        if (!isSchemaObject(s.properties)) continue;
        for (const [name, sub] of Object.entries(s.properties))
          if (isSchemaObject(sub)) byName.set(name, [...(byName.get(name) ?? []), sub]);
      }
      for (const [name, subs] of byName) properties[name] = shapeOf(loaded, subs, undefined, depth + 1);
    }
    out.properties = properties;
    out.required = [...required].filter((r) => r in properties);
    out.additionalProperties = false;
  }
  return out;
}

function matchesType(v: unknown, t: string): boolean {
  const jt = jsonType(v);
  return jt === t || (t === "number" && jt === "integer");
}

/**
 * The key a slot has in the request and the answer: the record path written the way rules write
 * it (`address.city`, `items[0].name`), so that the model sees familiar names.
 */
export function slotKey(path: readonly (string | number)[]): string {
  let key = "";
  for (const seg of path) {
    if (typeof seg === "number") key += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) key += key === "" ? seg : `.${seg}`;
    else key += `[${JSON.stringify(seg)}]`;
  }
  return key === "" ? "$" : key;
}

export interface RequestFormat {
  format: FormatSchema;
  keys: string[];
  /** Per key, constraints the format leaves out (pattern, multipleOf, other formats), told in words. */
  hints: string[][];
}

/** What the answer must also satisfy but the grammar cannot say: for the prompt, in words. */
export function hintsOf(loaded: LoadedSchema, nodes: readonly SchemaObject[]): string[] {
  const all = nodes.flatMap((n) => applicable(loaded, n));
  const hints: string[] = [];
  for (const s of all) {
    if (typeof s.pattern === "string") hints.push(`matches the regular expression ${s.pattern}`);
    if (typeof s.multipleOf === "number") hints.push(`a multiple of ${s.multipleOf}`);
    if (typeof s.format === "string" && !GRAMMAR_FORMATS.has(s.format)) hints.push(`format ${s.format}`);
    if (s.uniqueItems === true) hints.push("no duplicate items");
  }
  return [...new Set(hints)];
}

export function requestFormat(loaded: LoadedSchema, slots: readonly LlmSlot[], record: unknown): RequestFormat {
  const properties: Record<string, FormatSchema> = {};
  const keys: string[] = [];
  const hints: string[][] = [];
  for (const slot of slots) {
    const key = slotKey(slot.path);
    let v: unknown = record;
    for (const seg of slot.path) v = (v as Record<string | number, unknown>)[seg];
    properties[key] = shapeOf(loaded, slot.nodes, jsonType(v));
    keys.push(key);
    hints.push(hintsOf(loaded, slot.nodes));
  }
  return { format: { type: "object", properties, required: keys, additionalProperties: false }, keys, hints };
}
