// Schema nodes that cannot be compiled on their own (a pattern that is no regular expression, a
// keyword of the wrong shape), found node by node when the whole schema does not compile, and a
// copy of the schema without them for the editor: its samples elsewhere keep coming, while the CLI
// still refuses the schema (compileSchemaValidator names the first broken node).
import { pointerToPath, type LoadedSchema, type Schema, type SchemaObject } from "../schema/load";
import { schemaNodes, type SchemaNode } from "../schema/walk";
import { SCHEMA_ARRAY_KEYWORDS, SCHEMA_KEYWORDS, SCHEMA_MAP_KEYWORDS } from "../schema/keywords";
import { createAjv } from "../validate/ajv";

export interface BrokenNode {
  /** JSON Pointer of the node in the main document. */
  pointer: string;
  /** Its keywords that do not compile (all of them when none fails alone). */
  keywords: string[];
  /** "the schema at /properties/code cannot be compiled: "pattern": …" */
  message: string;
  /** An optional property (of `properties`, not in its parent's `required`): left out of records. */
  omittable: boolean;
}

/** Keywords a node's own compilation does without: references (checked elsewhere) and identifiers. */
const LEFT_OUT = new Set([
  "$ref",
  "$dynamicRef",
  "$recursiveRef",
  "$id",
  "id",
  "$anchor",
  "$dynamicAnchor",
  "$recursiveAnchor",
  "$schema",
  "$defs",
  "definitions",
]);

function isObj(x: unknown): x is SchemaObject {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** The node's own keywords, every subschema replaced by `true` (so only this node is compiled). */
function shallow(node: SchemaObject): SchemaObject {
  const out: SchemaObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (LEFT_OUT.has(k)) continue;
    if (SCHEMA_MAP_KEYWORDS.includes(k) && isObj(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, Array.isArray(s) ? s : true]));
    } else if (SCHEMA_ARRAY_KEYWORDS.includes(k) && Array.isArray(v)) out[k] = v.map(() => true);
    else if (SCHEMA_KEYWORDS.includes(k) && (isObj(v) || typeof v === "boolean")) out[k] = true;
    else out[k] = v;
  }
  return out;
}

function reason(e: unknown): string {
  return (e as Error).message.replace(/^schema is invalid: /, "");
}

function omittable(n: SchemaNode): boolean {
  const via = n.via;
  if (!via || via.keyword !== "properties" || via.name === undefined) return false;
  return !(Array.isArray(via.parent.required) && via.parent.required.includes(via.name));
}

/**
 * The nodes of the main document that do not compile on their own, in document order. Empty when
 * every node compiles alone (what keeps the whole schema from compiling is then elsewhere: a
 * reference, another document).
 */
export function brokenNodes(loaded: LoadedSchema): BrokenNode[] {
  const ajv = createAjv(loaded.draft);
  // Many nodes share their own keywords (ajv caches by object, not by text): each text compiles once.
  const seen = new Map<string, string | undefined>();
  const compiles = (s: SchemaObject): string | undefined => {
    const key = JSON.stringify(s);
    if (seen.has(key)) return seen.get(key);
    let why: string | undefined;
    try {
      ajv.compile(s);
    } catch (e) {
      if (e instanceof RangeError) throw e;
      why = reason(e);
    }
    seen.set(key, why);
    return why;
  };
  const out: BrokenNode[] = [];
  for (const n of schemaNodes(loaded.main.root, loaded.draft)) {
    if (!isObj(n.schema)) continue;
    const own = shallow(n.schema);
    const why = compiles(own);
    if (why === undefined) continue;
    const failing = Object.keys(own).filter((k) => compiles({ [k]: own[k] }) !== undefined);
    const keywords = failing.length ? failing : Object.keys(own);
    const detail = failing.length === 1 ? `"${failing[0]}": ${why}` : why;
    out.push({
      pointer: n.pointer,
      keywords,
      message: `the schema at ${n.pointer || "/"} cannot be compiled: ${detail}`,
      omittable: omittable(n),
    });
  }
  return out;
}

/**
 * A copy of the main document's root without its broken nodes: an optional property that is one
 * becomes `false` (left out of records), any other loses the keywords that do not compile.
 * Pointers of every other node are unchanged.
 */
export function withoutBrokenNodes(root: Schema, broken: readonly BrokenNode[]): Schema {
  const copy = JSON.parse(JSON.stringify(root)) as Schema;
  // Deepest first: a broken node inside another is handled before its parent is changed.
  const order = [...broken].sort((a, b) => b.pointer.length - a.pointer.length);
  let result = copy;
  for (const b of order) {
    const path = pointerToPath(b.pointer).map(String);
    let parent: unknown = undefined;
    let cur: unknown = result;
    for (const seg of path) {
      parent = cur;
      cur = isObj(cur) || Array.isArray(cur) ? (cur as Record<string, unknown>)[seg] : undefined;
    }
    if (!isObj(cur)) continue;
    if (b.omittable && isObj(parent)) {
      parent[path[path.length - 1]] = false;
      continue;
    }
    for (const k of b.keywords) delete cur[k];
    if (path.length === 0) result = cur;
  }
  return result;
}
