// Which values of a record a model may rewrite. The schema is walked once into pointer patterns
// (`/items/*/name`); a record is then matched against them. Patterns reached through a oneOf/anyOf
// branch or an if/then/else carry a guard, because which branch a record took is only known from
// the record itself.
import type { LoadedSchema, Schema, SchemaObject } from "../schema/load";
import { escapePointerSegment } from "../schema/load";
import type { SchemaValidator } from "../validate/ajv";

export type LlmMode = "off" | "fields" | "record";

/** One step of a pattern: a property name, a fixed array index, or every index from `from` on. */
export type Step = { prop: string } | { index: number } | { from: number };

export interface Guard {
  /** The pattern of the value the branch applies to. */
  path: Step[];
  /** The branch (or `if`) schema, and whether the value must match it (false for `else`). */
  schema: SchemaObject;
  expect: boolean;
}

export interface LlmTarget {
  path: Step[];
  /** JSON pointer with `*` for "every element": what the editor shows. */
  pointer: string;
  /** The schema objects that apply here, as written ($ref and allOf not yet expanded). */
  nodes: SchemaObject[];
  /** Marked with `x-llm: true` or a description starting with `llm:`. */
  marked: boolean;
  /** The model writes the whole value (a marked array); otherwise one scalar. */
  whole: boolean;
  guards: Guard[];
}

/** A target matched in one record: a concrete place and everything that constrains it. */
export interface LlmSlot {
  pointer: string;
  /** Concrete path: property names and array indices. */
  path: (string | number)[];
  nodes: SchemaObject[];
  marked: boolean;
  whole: boolean;
}

/** Recursion through `$ref` cycles stops at this many steps; deeper values keep generated values. */
const MAX_DEPTH = 16;

export function isSchemaObject(x: unknown): x is SchemaObject {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

export function isLlmMarked(s: SchemaObject): boolean {
  return s["x-llm"] === true || (typeof s.description === "string" && /^\s*llm:/i.test(s.description));
}

/** The node and every schema it pulls in unconditionally ($ref, $dynamicRef, allOf), depth first. */
export function applicable(loaded: LoadedSchema, node: Schema, out: SchemaObject[] = [], seen = new Set<object>()): SchemaObject[] {
  if (!isSchemaObject(node) || seen.has(node)) return out;
  seen.add(node);
  out.push(node);
  for (const k of ["$ref", "$dynamicRef", "$recursiveRef"]) {
    const ref = node[k];
    if (typeof ref === "string") {
      const target = loaded.resolveRef(node, k === "$recursiveRef" ? "#" : ref);
      if (target !== undefined) applicable(loaded, target, out, seen);
    }
  }
  if (Array.isArray(node.allOf)) for (const s of node.allOf) applicable(loaded, s as Schema, out, seen);
  return out;
}

export function declaredTypes(all: readonly SchemaObject[]): Set<string> | undefined {
  let types: Set<string> | undefined;
  for (const s of all) {
    const t = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? (s.type as string[]) : undefined;
    if (!t) continue;
    const next = new Set(t.flatMap((x) => (x === "number" ? ["number", "integer"] : [x])));
    types = types ? new Set([...types].filter((x) => next.has(x))) : next;
  }
  return types;
}

function talksAbout(all: readonly SchemaObject[], keywords: string[]): boolean {
  return all.some((s) => keywords.some((k) => k in s));
}

/** Values fixed by the schema (const, a one-value enum) or meant to be unique across the dataset. */
function isFixed(all: readonly SchemaObject[]): boolean {
  return all.some((s) => "const" in s || (Array.isArray(s.enum) && s.enum.length <= 1) || s["x-unique"] === true);
}

export function pointerOfSteps(path: readonly Step[]): string {
  return path
    .map((s) => "/" + ("prop" in s ? escapePointerSegment(s.prop) : "index" in s ? String(s.index) : s.from === 0 ? "*" : `*>=${s.from}`))
    .join("");
}

/**
 * Every place whose value a model could write: scalars (string, number, integer, boolean, enum) and
 * marked arrays, reached through properties, items, prefixItems, $ref, allOf, and (guarded)
 * oneOf/anyOf/if-then-else. Values of `additionalProperties`/`patternProperties` have no fixed key and
 * are left out: they keep their generated values.
 */
export function findLlmTargets(loaded: LoadedSchema): LlmTarget[] {
  const out: LlmTarget[] = [];
  const legacyItems = loaded.draft === "04" || loaded.draft === "06" || loaded.draft === "07" || loaded.draft === "2019-09";

  const visit = (node: Schema, path: Step[], guards: Guard[], stack: Set<object>) => {
    if (!isSchemaObject(node) || path.length > MAX_DEPTH) return;
    const all = applicable(loaded, node);
    // A schema met again on the way down is a recursive $ref: its deeper values keep generated ones.
    if (all.some((s) => stack.has(s))) return;
    const nextStack = new Set(stack);
    for (const s of all) nextStack.add(s);
    const types = declaredTypes(all);
    const marked = all.some(isLlmMarked);
    const isArray = types ? types.has("array") : talksAbout(all, ["items", "prefixItems", "minItems", "maxItems", "contains"]);
    const isObject = types ? types.has("object") : talksAbout(all, ["properties", "required", "additionalProperties"]);
    const scalar = !types || ["string", "number", "integer", "boolean"].some((t) => types.has(t));

    if (marked && isArray && !isFixed(all)) {
      // A marked array is written whole by the model: its elements are not targets of their own.
      out.push({ path, pointer: pointerOfSteps(path), nodes: [node], marked: true, whole: true, guards });
    } else {
      if (scalar && !isFixed(all) && !(isObject && !types)) {
        out.push({ path, pointer: pointerOfSteps(path), nodes: [node], marked, whole: false, guards });
      }
      if (isObject) {
        for (const s of all) {
          if (!isSchemaObject(s.properties)) continue;
          for (const [name, sub] of Object.entries(s.properties)) visit(sub as Schema, [...path, { prop: name }], guards, nextStack);
        }
      }
      if (isArray) {
        for (const s of all) {
          const prefix = legacyItems
            ? Array.isArray(s.items)
              ? s.items
              : undefined
            : Array.isArray(s.prefixItems)
              ? s.prefixItems
              : undefined;
          prefix?.forEach((sub, k) => visit(sub as Schema, [...path, { index: k }], guards, nextStack));
          const rest = legacyItems ? (Array.isArray(s.items) ? s.additionalItems : s.items) : s.items;
          if (isSchemaObject(rest)) visit(rest, [...path, { from: prefix?.length ?? 0 }], guards, nextStack);
        }
      }
    }
    for (const s of all) {
      for (const kw of ["oneOf", "anyOf"]) {
        const branches = s[kw];
        if (!Array.isArray(branches)) continue;
        for (const b of branches) if (isSchemaObject(b)) visit(b, path, [...guards, { path, schema: b, expect: true }], nextStack);
      }
      if (isSchemaObject(s.if)) {
        if (isSchemaObject(s.then)) visit(s.then, path, [...guards, { path, schema: s.if, expect: true }], nextStack);
        if (isSchemaObject(s.else)) visit(s.else, path, [...guards, { path, schema: s.if, expect: false }], nextStack);
      }
    }
  };
  visit(loaded.main.root, [], [], new Set());
  return out;
}

/** Values at the places a step list matches, with their concrete paths. */
function expand(value: unknown, path: readonly Step[]): { path: (string | number)[]; value: unknown }[] {
  let current: { path: (string | number)[]; value: unknown }[] = [{ path: [], value }];
  for (const step of path) {
    const next: typeof current = [];
    for (const c of current) {
      if ("prop" in step) {
        if (isSchemaObject(c.value) && Object.prototype.hasOwnProperty.call(c.value, step.prop)) {
          next.push({ path: [...c.path, step.prop], value: c.value[step.prop] });
        }
      } else if (Array.isArray(c.value)) {
        if ("index" in step) {
          if (step.index < c.value.length) next.push({ path: [...c.path, step.index], value: c.value[step.index] });
        } else {
          for (let k = step.from; k < c.value.length; k++) next.push({ path: [...c.path, k], value: c.value[k] });
        }
      }
    }
    current = next;
  }
  return current;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const seg of path) v = (v as Record<string | number, unknown>)?.[seg];
  return v;
}

export function pointerOf(path: readonly (string | number)[]): string {
  return path.map((s) => "/" + escapePointerSegment(s)).join("");
}

function isScalar(v: unknown): boolean {
  return typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean";
}

/**
 * The slots of one record, in the record's own order. `fields` keeps marked values only; `record`
 * keeps every target. A value below a whole (marked array) slot is not a slot of its own.
 */
export function slotsOf(record: unknown, targets: readonly LlmTarget[], mode: LlmMode, validator: SchemaValidator): LlmSlot[] {
  if (mode === "off") return [];
  const byPointer = new Map<string, LlmSlot>();
  const guardCache = new Map<object, Map<string, boolean>>();
  for (const t of targets) {
    if (mode === "fields" && !t.marked) continue;
    // A record that is itself one scalar has no place to put a value back: it is left as generated.
    if (t.path.length === 0) continue;
    for (const hit of expand(record, t.path)) {
      if (t.whole ? !Array.isArray(hit.value) : !isScalar(hit.value)) continue;
      if (!guardsHold(record, hit.path, t.guards, validator, guardCache)) continue;
      const pointer = pointerOf(hit.path);
      const slot = byPointer.get(pointer);
      if (slot) {
        for (const n of t.nodes) if (!slot.nodes.includes(n)) slot.nodes.push(n);
        slot.marked ||= t.marked;
        slot.whole ||= t.whole;
      } else {
        byPointer.set(pointer, { pointer, path: hit.path, nodes: [...t.nodes], marked: t.marked, whole: t.whole });
      }
    }
  }
  const slots = [...byPointer.values()].filter((s) => s.whole || isScalar(valueAt(record, s.path)));
  const wholes = slots.filter((s) => s.whole).map((s) => s.pointer + "/");
  const kept = slots.filter((s) => !wholes.some((w) => s.pointer.startsWith(w)));
  const order = documentOrder(record);
  return kept.sort((a, b) => (order.get(a.pointer) ?? 0) - (order.get(b.pointer) ?? 0));
}

function guardsHold(
  record: unknown,
  path: readonly (string | number)[],
  guards: readonly Guard[],
  validator: SchemaValidator,
  cache: Map<object, Map<string, boolean>>,
): boolean {
  for (const g of guards) {
    const prefix = path.slice(0, g.path.length);
    let bySchema = cache.get(g.schema);
    if (!bySchema) cache.set(g.schema, (bySchema = new Map<string, boolean>()));
    const at = pointerOf(prefix);
    let matches = bySchema.get(at);
    if (matches === undefined) {
      matches = Boolean(validator.forSchema(g.schema)(valueAt(record, prefix)));
      bySchema.set(at, matches);
    }
    if (matches !== g.expect) return false;
  }
  return true;
}

function documentOrder(record: unknown): Map<string, number> {
  const order = new Map<string, number>();
  const walk = (v: unknown, pointer: string) => {
    order.set(pointer, order.size);
    if (Array.isArray(v)) v.forEach((x, k) => walk(x, `${pointer}/${k}`));
    else if (isSchemaObject(v)) for (const [k, x] of Object.entries(v)) walk(x, `${pointer}/${escapePointerSegment(k)}`);
  };
  walk(record, "");
  return order;
}

/** Rule strings of the schema's objects (root first), given to the model as guidance only. */
export function ruleTexts(loaded: LoadedSchema): string[] {
  const rules: string[] = [];
  const seen = new Set<object>();
  const visit = (node: Schema, depth: number) => {
    if (!isSchemaObject(node) || seen.has(node) || depth > MAX_DEPTH) return;
    seen.add(node);
    for (const s of applicable(loaded, node)) {
      seen.add(s);
      const list = s["x-cross-field-rules"];
      if (Array.isArray(list)) {
        for (const r of list) {
          const text = typeof r === "string" ? r : isSchemaObject(r) && typeof r.rule === "string" ? r.rule : undefined;
          if (text !== undefined && !rules.includes(text)) rules.push(text);
        }
      }
      if (isSchemaObject(s.properties)) for (const sub of Object.values(s.properties)) visit(sub as Schema, depth + 1);
      if (isSchemaObject(s.items)) visit(s.items, depth + 1);
    }
  };
  visit(loaded.main.root, 0);
  return rules;
}
