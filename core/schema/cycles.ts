// A `$ref` cycle that never reaches a value: a → b → c → a, where each schema applies the next to
// the same value through `$ref`. Checking any value against it never ends (ajv's
// validator recurses until the stack overflows), so it is refused with the chain it follows.
// A cycle that goes through `properties`, `items` or any other keyword that steps into the value
// is ordinary recursion and is not one of these.
import * as path from "node:path";
import { SpecMintError } from "../base/errors";
import type { LoadedSchema, Schema, SchemaObject } from "./load";
import { schemaNodes } from "./walk";
import { SCHEMA_ARRAY_KEYWORDS, SCHEMA_KEYWORDS, SCHEMA_MAP_KEYWORDS } from "./keywords";

/**
 * The schema objects a value can be checked against from the main root (through any keyword and
 * any `$ref`): a cycle among definitions that nothing uses never runs, and ajv never compiles it.
 */
function reachable(loaded: LoadedSchema): Set<SchemaObject> {
  const out = new Set<SchemaObject>();
  const queue: unknown[] = [loaded.main.root];
  for (let k = 0; k < queue.length; k++) {
    const s = queue[k];
    if (!isObj(s) || out.has(s)) continue;
    out.add(s);
    queue.push(...sameValueNext(loaded, s));
    if (Array.isArray(s.allOf)) queue.push(...(s.allOf as unknown[]));
    for (const kw of SCHEMA_KEYWORDS) if (isObj(s[kw])) queue.push(s[kw]);
    for (const kw of SCHEMA_ARRAY_KEYWORDS) if (Array.isArray(s[kw])) queue.push(...(s[kw] as unknown[]));
    for (const kw of SCHEMA_MAP_KEYWORDS) if (isObj(s[kw]) && kw !== "$defs" && kw !== "definitions") queue.push(...Object.values(s[kw]));
  }
  return out;
}

function isObj(x: unknown): x is SchemaObject {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * The schemas `s` hands its value on to whole: its `$ref` targets. (An `allOf` member that refers
 * back is a cycle too, but one that real schemas hold where their records never reach it, such
 * as SchemaStore's cloudify.json: the validator's own guard reports it if a value ever does.)
 */
function sameValueNext(loaded: LoadedSchema, s: SchemaObject): Schema[] {
  const out: Schema[] = [];
  for (const k of ["$ref", "$dynamicRef"]) {
    const r = s[k];
    if (typeof r !== "string") continue;
    let target: Schema | undefined;
    try {
      target = loaded.resolveRef(s, r);
    } catch {
      target = undefined;
    }
    if (target !== undefined) out.push(target);
  }
  return out;
}

/**
 * Every schema `s` applies to the very value it is given: its references, and the subschemas of
 * its in-place applicators (allOf, anyOf, oneOf, not, if/then/else, dependentSchemas and the
 * schema form of dependencies, which apply when a property is there).
 */
function inPlaceNext(loaded: LoadedSchema, s: SchemaObject): Schema[] {
  const out = sameValueNext(loaded, s);
  if (typeof s.$recursiveRef === "string") {
    const target = loaded.resolveRef(s, "#");
    if (target !== undefined) out.push(target);
  }
  for (const kw of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(s[kw])) out.push(...(s[kw] as Schema[]));
  for (const kw of ["not", "if", "then", "else"]) if (isObj(s[kw])) out.push(s[kw]);
  for (const kw of ["dependentSchemas", "dependencies"]) {
    const m = s[kw];
    if (isObj(m)) for (const v of Object.values(m)) if (isObj(v)) out.push(v);
  }
  return out;
}

/**
 * Which schema objects a value can never be checked against, because the check goes round a
 * cycle of schemas that each apply the next to the same value (through $ref or an in-place
 * applicator: `{"allOf": [{"$ref": "#"}]}`) and would recurse in ajv until the stack overflows.
 * A schema on such a cycle, or leading into one, is endless. checkRefCycles refuses the $ref-only
 * cycles for the engine; this answers the editor's value checks, which must not recurse either.
 * One iterative depth-first search is shared by every question.
 */
export class SameValueCycles {
  /** 1: on the current chain; 2: finished. */
  private readonly state = new Map<SchemaObject, 1 | 2>();
  private readonly endless = new Set<SchemaObject>();

  constructor(private readonly loaded: LoadedSchema) {}

  /** Whether checking a value against `schema` goes round such a cycle. */
  isEndless(schema: SchemaObject): boolean {
    if (!this.state.has(schema)) this.search(schema);
    return this.endless.has(schema);
  }

  /** The cycle `schema` leads into, first and last the same schema; undefined when it is not endless. */
  cycleFrom(schema: SchemaObject): SchemaObject[] | undefined {
    if (!this.isEndless(schema)) return undefined;
    // Every endless schema has an endless next one: follow those until one comes round again.
    const path: SchemaObject[] = [];
    const index = new Map<SchemaObject, number>();
    let at = schema;
    while (!index.has(at)) {
      index.set(at, path.length);
      path.push(at);
      at = inPlaceNext(this.loaded, at).find((n): n is SchemaObject => isObj(n) && this.isEndless(n))!;
    }
    return [...path.slice(index.get(at)), at];
  }

  private search(start: SchemaObject): void {
    const chain: SchemaObject[] = [start];
    const pending: Schema[][] = [inPlaceNext(this.loaded, start)];
    this.state.set(start, 1);
    while (chain.length) {
      const top = chain[chain.length - 1];
      const next = pending[pending.length - 1].pop();
      if (next === undefined) {
        this.state.set(top, 2);
        chain.pop();
        pending.pop();
        // A schema that leads into an endless one is endless too.
        if (this.endless.has(top) && chain.length) this.endless.add(chain[chain.length - 1]);
        continue;
      }
      if (!isObj(next)) continue;
      const seen = this.state.get(next);
      // `next` on the chain closes a cycle; a finished endless one leads into one. Either way
      // `top` is endless, and the chain below it becomes so as each finishes.
      if (seen === 1 || (seen === 2 && this.endless.has(next))) this.endless.add(top);
      else if (seen === undefined) {
        this.state.set(next, 1);
        chain.push(next);
        pending.push(inPlaceNext(this.loaded, next));
      }
    }
  }
}

/** `file#pointer` as a message names a schema: the file's name only when it is not the main file's. */
function nameOf(loaded: LoadedSchema, s: SchemaObject): string {
  const loc = loaded.locate(s);
  const file = loc.file ? path.basename(loc.file) : "schema";
  return `${file}#${loc.pointer ?? ""}`;
}

/**
 * Throws a schema error naming the chain of the first such cycle found, in document order.
 * Iterative depth-first search (the chain can be as long as the schema has nodes).
 */
export function checkRefCycles(loaded: LoadedSchema): void {
  if (!loaded.documents.some((d) => d.text.includes('"$ref"') || d.text.includes('"$dynamicRef"'))) return;
  const used = reachable(loaded);
  const state = new Map<SchemaObject, 1 | 2>(); // 1: on the current chain, 2: finished
  for (const doc of loaded.documents) {
    if (!doc.tree) continue;
    for (const node of schemaNodes(doc.root, loaded.draft)) {
      if (!isObj(node.schema) || !used.has(node.schema) || state.has(node.schema)) continue;
      const chain: SchemaObject[] = [node.schema];
      const pending: Schema[][] = [sameValueNext(loaded, node.schema)];
      state.set(node.schema, 1);
      while (chain.length) {
        const next = pending[pending.length - 1].shift();
        if (next === undefined) {
          state.set(chain.pop()!, 2);
          pending.pop();
          continue;
        }
        if (!isObj(next) || state.get(next) === 2) continue;
        if (state.get(next) === 1) {
          const from = chain.indexOf(next);
          const names = [...chain.slice(from), next].map((s) => nameOf(loaded, s));
          throw new SpecMintError(
            "schema",
            `a $ref cycle: ${names.join(" → ")}: each applies the next to the same value, so no value can ever be checked against it (make one of them constrain the value or step into it, e.g. through properties or items)`,
            loaded.locate(next),
          );
        }
        state.set(next, 1);
        chain.push(next);
        pending.push(sameValueNext(loaded, next));
      }
    }
  }
}

/**
 * The first cycle of schemas that each apply the next to the same value (SameValueCycles) that a
 * value checked against the main root can reach through any keyword, or undefined. ajv's
 * validator recurses round such a cycle until the stack overflows, for the values that reach it.
 */
export function reachableSameValueCycle(loaded: LoadedSchema): SchemaObject[] | undefined {
  const cycles = new SameValueCycles(loaded);
  for (const s of reachable(loaded)) {
    const cycle = cycles.cycleFrom(s);
    if (cycle) return cycle;
  }
  return undefined;
}

/** What a cycle of reachableSameValueCycle means, naming its schemas. */
export function sameValueCycleMessage(loaded: LoadedSchema, cycle: readonly SchemaObject[]): string {
  return (
    `the schema goes round a cycle: ${cycle.map((s) => nameOf(loaded, s)).join(" → ")}: each applies the next to the same value ` +
    "(through $ref, allOf, anyOf, oneOf, not or if), so checking a value that reaches it never ends " +
    "(make one of them constrain the value or step into it, e.g. through properties or items)"
  );
}
