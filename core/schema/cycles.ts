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
