// Where ajv reports the errors that explain an applicator's failure when its subschemas reach other
// schema objects by $ref: at the target's own pointer, not under the applicator. These are the
// pointers (in their resources) of every $ref target inside an applicator's subschemas, followed
// through nested $refs, so that such an error can be told from an unrelated one.
import {
  SCHEMA_ARRAY_KEYWORDS,
  SCHEMA_KEYWORDS,
  SCHEMA_MAP_KEYWORDS,
  type LoadedSchema,
  type Schema,
  type SchemaObject,
} from "../schema/load";
import type { ViolableConstraint } from "./constraints";

/** Schema objects looked at per applicator at most: a $ref web the size of a big schema is not walked whole. */
const WALK_BUDGET = 2_000;

const isObj = (x: unknown): x is SchemaObject => typeof x === "object" && x !== null && !Array.isArray(x);

/** The resource pointers of the $ref targets reachable from `c`'s subschemas (c an applicator). */
export function branchTargets(loaded: LoadedSchema, c: ViolableConstraint): string[] {
  const subschemas: unknown[] =
    c.keyword === "if"
      ? [c.schema.if, c.schema.then, c.schema.else]
      : c.keyword === "minContains" || c.keyword === "maxContains"
        ? [c.schema.contains]
        : Array.isArray(c.expected)
          ? c.expected
          : [c.expected];
  const out = new Set<string>();
  const seen = new Set<SchemaObject>();
  let budget = WALK_BUDGET;
  const visit = (s: unknown) => {
    if (!isObj(s) || seen.has(s) || --budget < 0) return;
    seen.add(s);
    if (typeof s.$ref === "string") {
      let target: Schema | undefined;
      try {
        target = loaded.resolveRef(s, s.$ref);
      } catch {
        target = undefined;
      }
      if (isObj(target)) {
        const origin = loaded.origin(target);
        if (origin) out.add(origin.resourcePointer);
        visit(target);
      }
    }
    for (const k of SCHEMA_KEYWORDS) visit(s[k]);
    for (const k of SCHEMA_ARRAY_KEYWORDS) if (Array.isArray(s[k])) for (const x of s[k] as unknown[]) visit(x);
    for (const k of SCHEMA_MAP_KEYWORDS) if (isObj(s[k])) for (const x of Object.values(s[k] as object)) visit(x);
  };
  for (const s of subschemas) visit(s);
  return [...out];
}
