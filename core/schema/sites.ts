// Where in a record a schema object applies: the instance paths (`claim_dates`, `items[*]`) of
// the schema objects that carry `x-cross-field-rules` or `x-unique`, found by walking the schema
// from its root through properties, items/prefixItems, $ref and allOf. Subschemas reached through
// anyOf/oneOf (or `then`) apply only when the value matches the branch (or the `if`): they carry
// that schema as a guard. additionalProperties, patternProperties, `else` and dependentSchemas
// are not followed. A recursive schema is followed once along each path.
import type { LoadedSchema, Schema, SchemaObject } from "./load";
import { SCHEMA_ARRAY_KEYWORDS, SCHEMA_KEYWORDS, SCHEMA_MAP_KEYWORDS, escapePointerSegment } from "./load";

export type SiteStep = { kind: "name"; name: string } | { kind: "index"; index: number } | { kind: "wildcard" };

export interface SchemaSite {
  schema: SchemaObject;
  steps: SiteStep[];
  /** Schemas the value must match for this site to apply (branches taken on the way). */
  guards: Schema[];
}

function isObj(x: unknown): x is SchemaObject {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

export function stepsText(steps: readonly SiteStep[]): string {
  return steps.map((s) => (s.kind === "name" ? `/${escapePointerSegment(s.name)}` : s.kind === "index" ? `/${s.index}` : "/*")).join("");
}

/** Schema objects visited at most by one walk (schemas that share $refs at many levels multiply paths). */
export const SITE_WALK_BUDGET = 200_000;

/**
 * Every place in a record where a schema object with `pick(schema)` applies. When the walk runs
 * out of budget the list is marked `truncated` (sites past that point are not found).
 */
export function findSites(loaded: LoadedSchema, pick: (s: SchemaObject) => boolean): SchemaSite[] & { truncated?: boolean } {
  const out: SchemaSite[] & { truncated?: boolean } = [];
  let budget = SITE_WALK_BUDGET;
  const seen = new Set<string>();
  const ids = new WeakMap<object, number>();
  let nextId = 1;
  const idOf = (s: object) => {
    let n = ids.get(s);
    if (n === undefined) ids.set(s, (n = nextId++));
    return n;
  };
  const onPath = new Set<SchemaObject>();
  const visit = (schema: Schema | undefined, steps: SiteStep[], guards: Schema[]) => {
    if (!isObj(schema) || onPath.has(schema)) return;
    if (--budget < 0) {
      out.truncated = true;
      return;
    }
    onPath.add(schema);
    try {
      if (pick(schema)) {
        const key = `${idOf(schema)}|${stepsText(steps)}|${guards.map((g) => (isObj(g) ? idOf(g) : String(g))).join(",")}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push({ schema, steps, guards });
        }
      }
      for (const kw of ["$ref", "$dynamicRef", "$recursiveRef"]) {
        const ref = schema[kw];
        if (typeof ref !== "string") continue;
        let target: Schema | undefined;
        try {
          target = loaded.resolveRef(schema, kw === "$recursiveRef" ? "#" : ref);
        } catch {
          target = undefined;
        }
        visit(target, steps, guards);
      }
      if (Array.isArray(schema.allOf)) for (const s of schema.allOf) visit(s as Schema, steps, guards);
      for (const kw of ["anyOf", "oneOf"]) {
        const list = schema[kw];
        if (Array.isArray(list)) for (const s of list) visit(s as Schema, steps, [...guards, s as Schema]);
      }
      if (isObj(schema.if) && schema.then !== undefined) visit(schema.then as Schema, steps, [...guards, schema.if]);
      const props = schema.properties;
      if (isObj(props)) for (const [name, sub] of Object.entries(props)) visit(sub as Schema, [...steps, { kind: "name", name }], guards);
      if (Array.isArray(schema.prefixItems))
        schema.prefixItems.forEach((s, k) => visit(s as Schema, [...steps, { kind: "index", index: k }], guards));
      if (Array.isArray(schema.items)) schema.items.forEach((s, k) => visit(s as Schema, [...steps, { kind: "index", index: k }], guards));
      else visit(schema.items as Schema | undefined, [...steps, { kind: "wildcard" }], guards);
    } finally {
      onPath.delete(schema);
    }
  };
  visit(loaded.main.root, [], []);
  return out;
}

/** A value found at a site: where it is, for reports and for replacing it. */
export interface SiteInstance {
  value: unknown;
  /** JSON pointer into the record. */
  pointer: string;
  container?: Record<string, unknown> | unknown[];
  key?: string | number;
  /** Array indices taken at each wildcard, outer first. */
  indices: number[];
}

/** The values at a site's path in one record (none when a step is absent). */
export function siteInstances(record: unknown, steps: readonly SiteStep[]): SiteInstance[] {
  const out: SiteInstance[] = [];
  const walk = (
    v: unknown,
    k: number,
    pointer: string,
    container: SiteInstance["container"],
    key: SiteInstance["key"],
    indices: number[],
  ) => {
    if (k === steps.length) {
      out.push({ value: v, pointer, container, key, indices });
      return;
    }
    const s = steps[k];
    if (typeof v !== "object" || v === null) return;
    if (s.kind === "name") {
      if (Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, s.name)) return;
      walk(
        (v as Record<string, unknown>)[s.name],
        k + 1,
        `${pointer}/${escapePointerSegment(s.name)}`,
        v as Record<string, unknown>,
        s.name,
        indices,
      );
    } else if (s.kind === "index") {
      if (!Array.isArray(v) || s.index >= v.length) return;
      walk(v[s.index], k + 1, `${pointer}/${s.index}`, v, s.index, indices);
    } else {
      if (!Array.isArray(v)) return;
      for (let j = 0; j < v.length; j++) walk(v[j], k + 1, `${pointer}/${j}`, v, j, [...indices, j]);
    }
  };
  walk(record, 0, "", undefined, undefined, []);
  return out;
}

/** Every schema object of a document, with its JSON pointer (for the editor's checks). */
export function schemaObjectsOf(root: Schema): { schema: SchemaObject; pointer: string }[] {
  const out: { schema: SchemaObject; pointer: string }[] = [];
  const seen = new Set<object>();
  const walk = (node: unknown, pointer: string) => {
    if (!isObj(node) || seen.has(node)) return;
    seen.add(node);
    out.push({ schema: node, pointer });
    for (const kw of SCHEMA_MAP_KEYWORDS) {
      const m = node[kw];
      if (isObj(m)) for (const [k, v] of Object.entries(m)) walk(v, `${pointer}/${kw}/${escapePointerSegment(k)}`);
    }
    for (const kw of SCHEMA_ARRAY_KEYWORDS) {
      const a = node[kw];
      if (Array.isArray(a)) a.forEach((v, k) => walk(v, `${pointer}/${kw}/${k}`));
    }
    for (const kw of SCHEMA_KEYWORDS) walk(node[kw], `${pointer}/${kw}`);
  };
  walk(root, "");
  return out;
}
