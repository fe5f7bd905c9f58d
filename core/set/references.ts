// `x-ref`: a field whose value is another entity's record's value, written "entity.field.path"
// (`"x-ref": "customers.id"`; on an array's items, each element references one record). Found at
// the same record places as x-unique (core/schema/sites.ts), so a reference inside properties,
// items, $ref and allOf is seen by generation, validation and the editor alike.
import type { SourceLocation } from "../base/errors";
import type { LoadedSchema, SchemaObject } from "../schema/load";
import { findSites, type SiteStep } from "../schema/sites";
import { locateKeyword } from "../generate/unique";

export const REF_KEYWORD = "x-ref";
export const REF_DISTRIBUTION_KEYWORD = "x-ref-distribution";
export const REF_DISTRIBUTIONS = ["uniform", "skewed"] as const;
export type RefDistribution = (typeof REF_DISTRIBUTIONS)[number];

/** A parsed `x-ref` value: the entity and the path of the field in its records. */
export interface RefTarget {
  entity: string;
  /** Object property names from the record's root (`id`, or `contact`, `email`). */
  field: string[];
}

export interface RefSite {
  /** Where the referencing values are in a record of this schema. */
  steps: SiteStep[];
  /** The same place in the rule language's words: `customer_id`, `lines[*].product_id`. */
  path: string;
  schema: SchemaObject;
  /** The x-ref text as written. */
  text: string;
  /** Undefined when the text is not `entity.field` (then `problem` says why). */
  target?: RefTarget;
  distribution: RefDistribution;
  /** Why this x-ref cannot be used as written (bad text, bad distribution, inside a branch). */
  problem?: string;
  location: SourceLocation;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const FIELD = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** "customers.id" → { entity: "customers", field: ["id"] }; a string saying what is wrong otherwise. */
export function parseRefTarget(text: unknown): RefTarget | string {
  if (typeof text !== "string") return `x-ref must be a string "entity.field", got ${JSON.stringify(text)}`;
  const parts = text.split(".");
  if (parts.length < 2 || parts.some((p) => p === ""))
    return `x-ref "${text}" must be "entity.field": the entity's name, a dot, then the field's path (dots between nested names)`;
  const [entity, ...field] = parts;
  if (!NAME.test(entity)) return `x-ref "${text}": "${entity}" is not an entity name (letters, digits, _ and -)`;
  const odd = field.find((f) => !FIELD.test(f));
  if (odd !== undefined)
    return `x-ref "${text}": "${odd}" is not a field name (arrays cannot be referenced into; letters, digits, _, $ and -)`;
  return { entity, field };
}

/** A site's place in the rule language's path syntax (`lines[*].product_id`). */
export function ruleStylePath(steps: readonly SiteStep[]): string {
  let out = "";
  for (const s of steps) {
    if (s.kind === "name") out += (out === "" ? "" : ".") + s.name;
    else out += s.kind === "index" ? `[${s.index}]` : "[*]";
  }
  return out;
}

/** `lines[0]` → `lines[*]`: a rule may name an element where the x-ref sits on all of the items. */
export function anyElement(path: string): string {
  return path.replace(/\[\d+\]/g, "[*]");
}

/** Every x-ref in a schema, parsed (a bad one carries its `problem`). */
export function refSites(loaded: LoadedSchema): RefSite[] {
  if (!loaded.documents.some((d) => d.text.includes(REF_KEYWORD))) return [];
  return findSites(loaded, (s) => REF_KEYWORD in s).map((site) => {
    const text = site.schema[REF_KEYWORD];
    const parsed = parseRefTarget(text);
    const rawDistribution = site.schema[REF_DISTRIBUTION_KEYWORD] ?? "uniform";
    const out: RefSite = {
      steps: site.steps,
      path: ruleStylePath(site.steps),
      schema: site.schema,
      text: typeof text === "string" ? text : JSON.stringify(text),
      distribution: "uniform",
      location: locateKeyword(loaded, site.schema, REF_KEYWORD),
    };
    if (typeof parsed === "string") out.problem = parsed;
    else out.target = parsed;
    if ((REF_DISTRIBUTIONS as readonly unknown[]).includes(rawDistribution)) out.distribution = rawDistribution as RefDistribution;
    else
      out.problem ??= `x-ref-distribution must be ${REF_DISTRIBUTIONS.map((d) => `"${d}"`).join(" or ")}, got ${JSON.stringify(rawDistribution)}`;
    if (site.steps.length === 0) out.problem ??= "x-ref on the schema's root: put it on the field that holds the reference";
    if (site.guards.length) out.problem ??= "x-ref inside an anyOf/oneOf/if branch is not supported: move it to a field outside the branch";
    if (site.steps.filter((s) => s.kind === "wildcard").length > 1)
      out.problem ??= "x-ref inside nested arrays is not supported: use it on a field or on one array's items";
    return out;
  });
}
