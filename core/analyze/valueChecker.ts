// Checking values written in a schema (enum, const, default, examples) against the schema around
// them, with the same ajv configuration records are checked with. Compiling is the expensive part,
// so self-contained schemas are compiled once per distinct content and reused across edits; only
// schemas that reach other schemas through $ref are compiled against the document being checked.
import type { ValidateFunction } from "ajv";
import { canonicalJson } from "../schema/facts";
import { createAjv } from "../validate/ajv";
import type { Draft, LoadedSchema, SchemaObject } from "../schema/load";
import { SameValueCycles } from "../schema/cycles";

export interface ValueIssue {
  /** JSON pointer into the value ("" = the value itself). */
  pointer: string;
  message: string;
}

type Ajv = ReturnType<typeof createAjv>;

/** Own keywords that constrain an enum/const value without involving other schemas. */
export const SIBLING_ASSERTIONS = [
  "type",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "format",
  "maxItems",
  "minItems",
  "uniqueItems",
  "maxProperties",
  "minProperties",
  "required",
  "dependentRequired",
];

const REFERENCE_MARKERS = ['"$ref":', '"$dynamicRef":', '"$recursiveRef":', '"$id":', '"id":', '"$anchor":', '"$dynamicAnchor":'];
/** Compiled content-addressed validators kept per draft; cleared whole when it grows past this. */
const CACHE_LIMIT = 4000;

const standalone = new Map<Draft, { ajv: Ajv; cache: Map<string, ValidateFunction | null> }>();

function standaloneFor(draft: Draft) {
  let s = standalone.get(draft);
  if (!s) standalone.set(draft, (s = { ajv: createAjv(draft, { validateSchema: false, addUsedSchema: false }), cache: new Map() }));
  return s;
}

function issuesOf(validate: ValidateFunction, value: unknown): ValueIssue[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({ pointer: e.instancePath, message: `${e.keyword}: ${e.message ?? "is not valid"}` }));
}

export class ValueChecker {
  private referencing?: Ajv | null;
  private readonly compiled = new WeakMap<object, ValidateFunction | null>();
  private cycles?: SameValueCycles;

  constructor(private readonly loaded: LoadedSchema) {}

  /** Issues of `value` against `keywords` of `node` alone; undefined when there is nothing to check or it cannot be compiled. */
  againstKeywords(node: SchemaObject, keywords: readonly string[], value: unknown): ValueIssue[] | undefined {
    const subset: SchemaObject = {};
    let any = false;
    for (const k of keywords) {
      if (k in node) {
        subset[k] = node[k];
        any = true;
      }
    }
    if (!any) return undefined;
    const v = this.compileStandalone(canonicalJson(subset), subset);
    return v ? issuesOf(v, value) : undefined;
  }

  /** Issues of `value` against the whole of `node` ($refs resolved in its own resource); undefined when it cannot be compiled. */
  againstNode(node: SchemaObject | boolean, value: unknown): ValueIssue[] | undefined {
    if (typeof node === "boolean") return node ? [] : [{ pointer: "", message: "false: no value is allowed here" }];
    const text = canonicalJson(node);
    const v = REFERENCE_MARKERS.some((m) => text.includes(m)) ? this.compileInDocument(node) : this.compileStandalone(text, node);
    return v ? issuesOf(v, value) : undefined;
  }

  private compileStandalone(key: string, schema: SchemaObject): ValidateFunction | undefined {
    const s = standaloneFor(this.loaded.draft);
    let v = s.cache.get(key);
    if (v === undefined) {
      if (s.cache.size >= CACHE_LIMIT) {
        s.cache.clear();
        // ajv keeps its own cache of compiled schemas; a fresh instance releases it too.
        standalone.delete(this.loaded.draft);
        return this.compileStandalone(key, schema);
      }
      try {
        v = s.ajv.compile(JSON.parse(key) as object);
      } catch {
        v = null; // an invalid pattern or keyword value: reported by its own check
      }
      s.cache.set(key, v);
    }
    return v ?? undefined;
  }

  private compileInDocument(node: SchemaObject): ValidateFunction | undefined {
    let v = this.compiled.get(node);
    if (v !== undefined) return v ?? undefined;
    // A node whose check goes round a $ref or allOf cycle ("$ref": "#" beside a default) is not
    // checked: ajv's validator would recurse until the stack overflows. The generation probe
    // names a $ref cycle (checkRefCycles); the values here are simply left unjudged.
    this.cycles ??= new SameValueCycles(this.loaded);
    if (this.cycles.isEndless(node)) {
      this.compiled.set(node, null);
      return undefined;
    }
    const ajv = this.documentAjv();
    const o = this.loaded.origin(node);
    v = null;
    if (ajv && o) {
      try {
        const ref = `${o.baseUri}#${o.resourcePointer.split("/").map(encodeURIComponent).join("/")}`;
        v = ajv.compile({ $ref: ref });
      } catch {
        v = null; // unresolvable references are reported as ref-unresolved
      }
    }
    this.compiled.set(node, v);
    return v ?? undefined;
  }

  private documentAjv(): Ajv | undefined {
    if (this.referencing !== undefined) return this.referencing ?? undefined;
    try {
      const ajv = createAjv(this.loaded.draft, { validateSchema: false });
      for (const [uri, schema] of this.loaded.resources) {
        if (typeof schema !== "object" || ajv.getSchema(uri) !== undefined) continue;
        try {
          ajv.addSchema(schema, uri);
        } catch {
          // a resource ajv cannot take (duplicate $id): the values inside it go unchecked
        }
      }
      this.referencing = ajv;
    } catch {
      this.referencing = null;
    }
    return this.referencing ?? undefined;
  }
}
