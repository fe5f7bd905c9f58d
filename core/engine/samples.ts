// Sample values of one schema node: the values that node produced in records 1, 2, … (first
// occurrence in each record, in the record's own order), as docs/protocol.md defines specmint/samples.
// The engine is not asked to trace anything: each record is walked alongside the schema, the way
// a validator applies it, so the answer is exactly what `specmint generate` writes at that node.
import type { Generator } from "./generator";
import { pointerToPath, type Draft, type Schema, type SchemaObject } from "../schema/load";
import { patternRegExp } from "../generate/regex";

export interface SamplesOptions {
  /** Record i (1-based); defaults to generator.record(i). Lets callers cache records. */
  record?: (i: number) => unknown;
  /** Records to look through before giving up on a node that rarely appears; default 10 × count. */
  maxRecords?: number;
}

function isObj(x: unknown): x is SchemaObject {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** The schema at `pointer` in the main document, or undefined when the pointer names no schema. */
export function schemaAtPointer(root: Schema, pointer: string): Schema | undefined {
  let cur: unknown = root;
  for (const seg of pointerToPath(pointer)) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return typeof cur === "boolean" || isObj(cur) ? cur : undefined;
}

class Tracer {
  private readonly legacyRef: boolean;

  constructor(
    private readonly generator: Generator,
    private readonly target: Schema,
    draft: Draft,
  ) {
    this.legacyRef = draft === "04" || draft === "06" || draft === "07";
  }

  private valid(s: Schema, value: unknown): boolean {
    return this.generator.validator.forSchema(s)(value);
  }

  /** Schemas that apply to `value` at one location: the given ones and everything they apply in place. */
  private inPlace(schemas: Schema[], value: unknown): Set<Schema> {
    const loaded = this.generator.loaded;
    const out = new Set<Schema>();
    const queue = [...schemas];
    while (queue.length) {
      const s = queue.pop()!;
      if (out.has(s)) continue;
      out.add(s);
      if (typeof s !== "object") continue;
      for (const k of ["$ref", "$dynamicRef"]) {
        if (typeof s[k] === "string") {
          const t = loaded.resolveRef(s, s[k]);
          if (t !== undefined) queue.push(t);
        }
      }
      if (typeof s.$recursiveRef === "string") {
        const t = loaded.resolveRef(s, "#");
        if (t !== undefined) queue.push(t);
      }
      if (this.legacyRef && typeof s.$ref === "string") continue;
      if (Array.isArray(s.allOf)) queue.push(...(s.allOf as Schema[]));
      for (const k of ["anyOf", "oneOf"]) {
        if (Array.isArray(s[k])) for (const b of s[k] as Schema[]) if (this.valid(b, value)) queue.push(b);
      }
      if (s.if !== undefined) {
        const holds = this.valid(s.if as Schema, value);
        if (holds) queue.push(s.if as Schema);
        const branch = holds ? s.then : s.else;
        if (branch !== undefined) queue.push(branch as Schema);
      }
      if (isObj(value)) {
        for (const k of ["dependentSchemas", "dependencies"]) {
          const deps = s[k];
          if (!isObj(deps)) continue;
          for (const [name, dep] of Object.entries(deps)) {
            if (Object.prototype.hasOwnProperty.call(value, name) && !Array.isArray(dep)) queue.push(dep as Schema);
          }
        }
      }
    }
    return out;
  }

  private childSchemasOfArray(applying: Set<Schema>, index: number, element: unknown): Schema[] {
    const out: Schema[] = [];
    for (const s of applying) {
      if (typeof s !== "object" || (this.legacyRef && typeof s.$ref === "string")) continue;
      const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? s.items : undefined;
      if (prefix) {
        if (index < prefix.length) out.push(prefix[index] as Schema);
        else {
          const rest = Array.isArray(s.prefixItems) ? s.items : s.additionalItems;
          if (rest !== undefined) out.push(rest as Schema);
        }
      } else if (s.items !== undefined) out.push(s.items as Schema);
      if (s.contains !== undefined && this.valid(s.contains as Schema, element)) out.push(s.contains as Schema);
    }
    return out;
  }

  private childSchemasOfObject(applying: Set<Schema>, name: string): Schema[] {
    const out: Schema[] = [];
    for (const s of applying) {
      if (typeof s !== "object" || (this.legacyRef && typeof s.$ref === "string")) continue;
      let matched = false;
      if (isObj(s.properties) && Object.prototype.hasOwnProperty.call(s.properties, name)) {
        out.push(s.properties[name] as Schema);
        matched = true;
      }
      if (isObj(s.patternProperties)) {
        for (const [re, sub] of Object.entries(s.patternProperties)) {
          if (patternRegExp(re)?.test(name)) {
            out.push(sub as Schema);
            matched = true;
          }
        }
      }
      if (!matched && s.additionalProperties !== undefined) out.push(s.additionalProperties as Schema);
    }
    return out;
  }

  /** The first value in `value` (pre-order) to which the target schema applies. */
  find(schemas: Schema[], value: unknown): { value: unknown } | undefined {
    if (!schemas.length) return undefined;
    const applying = this.inPlace(schemas, value);
    if (applying.has(this.target)) return { value };
    if (Array.isArray(value)) {
      for (let k = 0; k < value.length; k++) {
        const hit = this.find(this.childSchemasOfArray(applying, k, value[k]), value[k]);
        if (hit) return hit;
      }
    } else if (isObj(value)) {
      for (const name of Object.keys(value)) {
        const hit = this.find(this.childSchemasOfObject(applying, name), value[name]);
        if (hit) return hit;
      }
    }
    return undefined;
  }
}

/**
 * Up to `count` samples of the node at `pointer` ("" = the root: records 1…count themselves).
 * Throws what generator.record throws (a SpecMintError when the schema cannot be satisfied).
 */
export function samplesAt(generator: Generator, pointer: string, count: number, options: SamplesOptions = {}): unknown[] {
  const record = options.record ?? ((i: number) => generator.record(i));
  const loaded = generator.loaded;
  if (pointer === "" || pointer === "#") return Array.from({ length: count }, (_, k) => record(k + 1));
  const target = schemaAtPointer(loaded.main.root, pointer);
  // A boolean schema has no identity of its own (every `true` is the same value): nothing to trace.
  if (target === undefined || typeof target === "boolean") return [];
  const tracer = new Tracer(generator, target, loaded.draft);
  const limit = options.maxRecords ?? 10 * count;
  const out: unknown[] = [];
  for (let i = 1; i <= limit && out.length < count; i++) {
    const hit = tracer.find([loaded.main.root], record(i));
    if (hit) out.push(hit.value);
  }
  return out;
}
