// A schema node in plain words, for hovers: its type and constraints, whether it is LLM-enriched,
// and what it refers to. Words only; the values themselves come from the engine.
import type { LoadedSchema, SchemaObject } from "../schema/load";
import { llmMarker } from "./extensions";
import { isSchemaObject } from "../schema/walk";

export interface SchemaDescription {
  /** "string, 2–60 characters" */
  summary: string;
  /** Further lines: description, enum values, references, defaults. */
  details: string[];
  llmEnriched: boolean;
}

const MAX_LISTED = 8;

function shown(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 57) + "…" : s;
}

function list(values: unknown[], render = shown): string {
  const head = values.slice(0, MAX_LISTED).map(render).join(", ");
  return values.length > MAX_LISTED ? `${head}, … (${values.length} in all)` : head;
}

function range(min: number | undefined, max: number | undefined, unit: string): string | undefined {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min} ${unit}` : `${min}–${max} ${unit}`;
  if (min !== undefined && min > 0) return `at least ${min} ${unit}`;
  if (max !== undefined) return `at most ${max} ${unit}`;
  return undefined;
}

const num = (s: SchemaObject, k: string) => (typeof s[k] === "number" ? s[k] : undefined);

function numberWords(s: SchemaObject): string[] {
  const out: string[] = [];
  const min = num(s, "minimum"),
    max = num(s, "maximum");
  const exMin = num(s, "exclusiveMinimum") ?? (s.exclusiveMinimum === true ? min : undefined);
  const exMax = num(s, "exclusiveMaximum") ?? (s.exclusiveMaximum === true ? max : undefined);
  const lo = exMin !== undefined ? `above ${exMin}` : min !== undefined ? `from ${min}` : undefined;
  const hi = exMax !== undefined ? `below ${exMax}` : max !== undefined ? `to ${max}` : undefined;
  if (lo && hi) out.push(`${lo} ${hi}`);
  else if (lo) out.push(exMin !== undefined ? lo : `at least ${min}`);
  else if (hi) out.push(exMax !== undefined ? hi : `at most ${max}`);
  const step = num(s, "multipleOf");
  if (step !== undefined) out.push(`a multiple of ${step}`);
  return out;
}

function typeWords(s: SchemaObject): string | undefined {
  if (typeof s.type === "string") return s.type;
  if (Array.isArray(s.type)) return s.type.join(" or ");
  return undefined;
}

/** Constraint phrases of one schema object (not following references). */
function constraintWords(s: SchemaObject): string[] {
  const out: string[] = [];
  out.push(...numberWords(s));
  const chars = range(num(s, "minLength"), num(s, "maxLength"), "characters");
  if (chars) out.push(chars);
  if (typeof s.pattern === "string") out.push(`matching ${s.pattern}`);
  if (typeof s.format === "string") out.push(`format ${s.format}`);
  const items = range(num(s, "minItems"), num(s, "maxItems"), "items");
  if (items) out.push(items);
  if (s.uniqueItems === true) out.push("items all different");
  const props = range(num(s, "minProperties"), num(s, "maxProperties"), "properties");
  if (props) out.push(props);
  if (s.additionalProperties === false) out.push("no other properties");
  if (Array.isArray(s.enum)) out.push(`one of ${list(s.enum)}`);
  if ("const" in s) out.push(`always ${shown(s.const)}`);
  if (s["x-unique"] === true) out.push("unique across the dataset");
  if (typeof s["x-faker"] === "string") out.push(`realistic values: ${s["x-faker"]}`);
  // In a set the value is the referenced record's (the samples of a schema alone are its own).
  if (typeof s["x-ref"] === "string") out.push(`references ${s["x-ref"]} in a set`);
  return out;
}

/** The schema `schema` stands for: itself, or with a `$ref` its target's keywords under its own. */
function withReferenced(schema: SchemaObject, loaded: LoadedSchema | undefined): { target: SchemaObject; referenced?: SchemaObject } {
  if (typeof schema.$ref !== "string") return { target: schema };
  const resolved = loaded?.resolveRef(schema, schema.$ref);
  return isSchemaObject(resolved) ? { target: { ...resolved, ...schema }, referenced: resolved } : { target: schema };
}

/** "string, 2–60 characters": the type and constraints of `target` itself. */
function summaryOf(target: SchemaObject, required?: boolean): string {
  const type = typeWords(target);
  const parts = [type ?? (Array.isArray(target.enum) || "const" in target ? "value" : "any type"), ...constraintWords(target)];
  if (required !== undefined) parts.push(required ? "required" : "optional");
  return parts.join(", ");
}

/**
 * The item line of an array schema. Only the items' summary is shown, so they are described one
 * level deep and no further: `"items": {"$ref": "#"}` would otherwise describe the same schema
 * again for ever. An items schema that refers back to the array itself says so.
 */
function itemLine(items: SchemaObject, loaded: LoadedSchema | undefined, describing: ReadonlySet<SchemaObject>): string {
  const { target, referenced } = withReferenced(items, loaded);
  const recursive = referenced !== undefined && describing.has(referenced) ? ` (recursive: ${String(items.$ref)})` : "";
  return `each item: ${summaryOf(target)}${recursive}`;
}

export function describeSchema(
  schema: SchemaObject | boolean,
  loaded?: LoadedSchema,
  context: { required?: boolean } = {},
): SchemaDescription {
  if (typeof schema === "boolean") {
    return { summary: schema ? "any value" : "no value is allowed (false)", details: [], llmEnriched: false };
  }
  const details: string[] = [];
  if (typeof schema.$ref === "string") details.push(`refers to ${schema.$ref}`);
  const { target, referenced } = withReferenced(schema, loaded);
  const describing = new Set<SchemaObject>(referenced ? [schema, referenced] : [schema]);
  const llm = llmMarker(target, "") !== undefined;
  if (typeof target.title === "string") details.push(target.title);
  if (typeof target.description === "string") details.push(target.description);
  if (isSchemaObject(target.properties)) {
    const names = Object.keys(target.properties);
    const required = Array.isArray(target.required) ? target.required.filter((r): r is string => typeof r === "string") : [];
    details.push(`properties: ${list(names, String)}${required.length ? ` (required: ${list(required, String)})` : ""}`);
  }
  if (isSchemaObject(target.items)) details.push(itemLine(target.items, loaded, describing));
  for (const k of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(target[k])) details.push(`${k}: ${(target[k] as unknown[]).length} alternatives`);
  }
  if (Array.isArray(target.allOf)) details.push(`allOf: ${(target.allOf as unknown[]).length} schemas combined`);
  if ("default" in target) details.push(`default ${shown(target.default)}`);
  if (Array.isArray(target.examples) && target.examples.length) details.push(`examples ${list(target.examples)}`);
  return { summary: summaryOf(target, context.required), details, llmEnriched: llm };
}
