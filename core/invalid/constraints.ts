// The constraints a record can be made to break, one by one: every keyword of the list below on a
// schema object that applies unconditionally somewhere in a record (found with findSites, so through
// properties, items, prefixItems, $ref and allOf; not inside anyOf/oneOf branches or then), with the
// instance path it applies at and the schema path ajv reports for it.
import { escapePointerSegment, type LoadedSchema, type Schema, type SchemaObject } from "../schema/load";
import { findSites, stepsText, type SchemaSite, type SiteStep } from "../schema/sites";
import type { SchemaValidator } from "../validate/ajv";

/** The keywords `--kind invalid` breaks, in the order a schema object's constraints are listed. */
export const VIOLABLE_KEYWORDS = [
  "type",
  "required",
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "dependentRequired",
  "dependencies",
  "contains",
  "minContains",
  "maxContains",
  "propertyNames",
  "not",
  "anyOf",
  "oneOf",
  "if",
  "x-unique",
  "x-cross-field-rules",
] as const;

/**
 * Keywords that apply a subschema: ajv explains their failure with the errors of the subschema
 * (under the keyword's schema path), which belong to the one violation.
 */
export const APPLICATOR_KEYWORDS: ReadonlySet<string> = new Set([
  "contains",
  "minContains",
  "maxContains",
  "propertyNames",
  "not",
  "anyOf",
  "oneOf",
  "if",
]);

/** How deep below a `then`/`else` object its properties' constraints are listed (then.properties.a.properties.b: 2). */
const BRANCH_DEPTH = 3;

export type ViolableKeyword = (typeof VIOLABLE_KEYWORDS)[number];

export interface ViolableConstraint {
  keyword: ViolableKeyword;
  /** The schema object that carries the keyword. */
  schema: SchemaObject;
  /** Where in a record it applies (names, indices, `*` for every element). */
  steps: SiteStep[];
  /** `steps` as a JSON pointer, `*` for an array index: `/lines/*\/amount`. */
  instanceTemplate: string;
  /** JSON pointer of the keyword in its schema resource, as ajv's schemaPath gives it (without `#`). */
  schemaPath: string;
  /**
   * The keyword's value in the schema (what violations.jsonl calls `expected`); of `required`,
   * `dependentRequired` and `dependencies`, only the part this constraint is about (`["email"]`).
   */
  expected: unknown;
  /** required: the property to leave out; dependentRequired/dependencies: [the present one, the one to leave out]. */
  property?: string;
  trigger?: string;
  /** if: the constraints of its `then` and `else`, broken while the value keeps (or keeps failing) the `if`. */
  then?: KeywordConstraint[];
  /** anyOf/oneOf: the constraints of each branch (a value that matches a branch breaks one of them to miss it). */
  branches?: KeywordConstraint[][];
  /** A constraint of a `then`/`else` property: the property names from the if's value down to it. */
  below?: string[];
  else?: KeywordConstraint[];
  /** x-cross-field-rules: the fields the rule reads, as pointers below the instance (`/claim_dates/service_date`). */
  fields?: string[];
}

/** A constraint as one schema object carries it, before it is given a place in the record. */
export type KeywordConstraint = Omit<ViolableConstraint, "steps" | "instanceTemplate" | "schemaPath">;

export interface ConstraintIndex {
  constraints: ViolableConstraint[];
  /**
   * The schema objects that apply to every record, by their pointer in their resource (as ajv's
   * schemaPath starts), with the instance templates they apply at: an error of one of those is a
   * failure of its own, never the explanation of an applicator's.
   */
  unconditional: Map<string, Set<string>>;
  /** The schemas that apply unconditionally at an instance template (for values added to reach a constraint). */
  schemasAt: Map<string, Schema[]>;
}

const isObj = (x: unknown): x is SchemaObject => typeof x === "object" && x !== null && !Array.isArray(x);
/** A schema object without keywords that constrain: {} (annotations only, such as a description, count as none). */
const isEmpty = (x: unknown): boolean =>
  isObj(x) && Object.keys(x).every((k) => ["$comment", "description", "title", "examples", "default", "$id", "$anchor"].includes(k));
const isCount = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= 0;

/** The constraints one schema object carries, in VIOLABLE_KEYWORDS order (without its place). */
function constraintsOf(schema: SchemaObject, draft: LoadedSchema["draft"], validator: SchemaValidator): KeywordConstraint[] {
  const out: KeywordConstraint[] = [];
  const add = (keyword: ViolableKeyword, extra: Partial<ViolableConstraint> = {}) =>
    out.push({ keyword, schema, expected: schema[keyword], ...extra });
  const modern = draft === "2020-12" || draft === "2019-09";
  const branchesOf = (list: unknown[]) => list.map((b) => (isObj(b) ? branchConstraints(b, draft, validator) : []));
  for (const k of VIOLABLE_KEYWORDS) {
    const v = schema[k];
    if (v === undefined) continue;
    switch (k) {
      case "type":
        if (typeof v === "string" || (Array.isArray(v) && v.length > 0 && v.length < 7)) add(k);
        break;
      case "required":
        if (Array.isArray(v)) for (const name of new Set(v)) if (typeof name === "string") add(k, { property: name, expected: [name] });
        break;
      case "enum":
        if (Array.isArray(v) && v.length > 0) add(k);
        break;
      case "const":
        add(k);
        break;
      case "minimum":
      case "maximum":
      case "multipleOf":
        if (typeof v === "number" && Number.isFinite(v) && (k !== "multipleOf" || v > 0)) add(k);
        break;
      case "exclusiveMinimum":
      case "exclusiveMaximum":
        // Draft-04's boolean form only modifies minimum/maximum; ajv reports it under their names.
        if (typeof v === "number" && Number.isFinite(v)) add(k);
        break;
      case "minLength":
      case "minItems":
      case "minProperties":
        if (isCount(v) && v > 0) add(k);
        break;
      case "maxLength":
      case "maxItems":
      case "maxProperties":
        if (isCount(v) && v < 100_000) add(k);
        break;
      case "pattern":
        if (typeof v === "string") add(k);
        break;
      case "format":
        // Only a format the validator checks can be failed.
        if (typeof v === "string" && validator.formatTest(v)) add(k);
        break;
      case "uniqueItems":
        if (v === true) add(k);
        break;
      case "additionalProperties":
        if (v === false) add(k);
        break;
      case "unevaluatedProperties":
      case "unevaluatedItems":
        if (v === false && modern) add(k);
        break;
      case "minContains":
        // minContains 0 cannot fail; 1 fails only as contains itself does.
        if (modern && isCount(v) && v > 1 && isObj(schema.contains)) add(k);
        break;
      case "maxContains":
        if (modern && isCount(v) && isObj(schema.contains)) add(k);
        break;
      case "x-unique":
        // Listed by the caller, from the x-unique nodes whose values the engine makes unique.
        break;
      case "dependentRequired":
      case "dependencies":
        if ((k === "dependentRequired") !== modern || !isObj(v)) break;
        for (const [trigger, names] of Object.entries(v)) {
          if (!Array.isArray(names)) continue; // a dependencies schema is not a list of names
          for (const name of names)
            if (typeof name === "string" && name !== trigger) add(k, { trigger, property: name, expected: { [trigger]: [name] } });
        }
        break;
      case "contains":
        // With minContains 0 an array need not contain anything.
        if (isObj(v) && !(modern && schema.minContains === 0)) add(k);
        break;
      case "propertyNames":
      case "not":
        // not {} and not {not {}} (double negation of everything) cannot be broken.
        if (
          isObj(v) &&
          !isEmpty(v) &&
          !(k === "not" && Object.keys(v).length === 1 && (v.not === false || (isObj(v.not) && isEmpty(v.not))))
        )
          add(k);
        break;
      case "anyOf":
        // A branch that takes everything (true, {}) cannot be missed.
        if (Array.isArray(v) && v.length > 0 && !v.some((b) => b === true || isEmpty(b))) add(k, { branches: branchesOf(v) });
        break;
      case "oneOf":
        // Boolean branches alone match every value the same number of times.
        if (Array.isArray(v) && v.length > 0 && !v.every((b) => typeof b === "boolean")) add(k, { branches: branchesOf(v) });
        break;
      case "if": {
        const branches = {
          then: isObj(schema.then) ? branchConstraints(schema.then, draft, validator) : [],
          else: isObj(schema.else) ? branchConstraints(schema.else, draft, validator) : [],
        };
        const expected = Object.fromEntries(["if", "then", "else"].filter((x) => x in schema).map((x) => [x, schema[x]]));
        if (isObj(v) && branches.then.length + branches.else.length > 0) add(k, { ...branches, expected });
        break;
      }
    }
  }
  return out;
}

/** The constraints of a `then`/`else` object: its own, then those of its properties (down to BRANCH_DEPTH), each with the names that lead to it. */
function branchConstraints(
  schema: SchemaObject,
  draft: LoadedSchema["draft"],
  validator: SchemaValidator,
  below: string[] = [],
): KeywordConstraint[] {
  const out = constraintsOf(schema, draft, validator).map((c) => (below.length ? { ...c, below } : c));
  if (below.length < BRANCH_DEPTH && isObj(schema.properties))
    for (const [name, sub] of Object.entries(schema.properties))
      if (isObj(sub)) out.push(...branchConstraints(sub, draft, validator, [...below, name]));
  return out;
}

/** Names tried for a property that only `additionalProperties` covers. */
const ADDITIONAL_NAMES = ["extra", "extra_property", "x_extra", "additional", "zz_extra"];

/** Whether `name` matches a patternProperties pattern (a pattern that does not compile matches nothing here). */
function matchesPattern(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern, "u").test(name);
  } catch {
    return false;
  }
}

/**
 * The places an object's `additionalProperties` schema and its `patternProperties` schemas hold a
 * property to: a property of a name that only that schema covers (a name no `properties` entry and
 * no other pattern takes), with the schema's resource pointer. `nameFor` makes a name of a pattern.
 */
function extraPropertyPlaces(
  schema: SchemaObject,
  base: string,
  nameFor: (pattern: string) => string | undefined,
): { name: string; schema: SchemaObject; pointer: string }[] {
  const out: { name: string; schema: SchemaObject; pointer: string }[] = [];
  const declared = isObj(schema.properties) ? schema.properties : {};
  const patterns = isObj(schema.patternProperties) ? Object.entries(schema.patternProperties) : [];
  const free = (name: string, own?: string) =>
    !Object.prototype.hasOwnProperty.call(declared, name) && patterns.every(([p]) => p === own || !matchesPattern(p, name));
  for (const [pattern, sub] of patterns) {
    if (!isObj(sub)) continue;
    const name = nameFor(pattern);
    if (name !== undefined && matchesPattern(pattern, name) && free(name, pattern))
      out.push({ name, schema: sub, pointer: `${base}/patternProperties/${escapePointerSegment(pattern)}` });
  }
  const additional = schema.additionalProperties;
  if (isObj(additional)) {
    const name = ADDITIONAL_NAMES.find((n) => free(n));
    if (name !== undefined) out.push({ name, schema: additional, pointer: `${base}/additionalProperties` });
  }
  return out;
}

/** A place every record has (a site without guards), with its instance template and schema pointer. */
export interface UnconditionalSite {
  site: SchemaSite;
  /** `site.steps` as a JSON pointer, `*` for an array index. */
  template: string;
  /** The schema object's pointer in its resource, as ajv's schemaPath starts. */
  base: string;
}

/** The schema objects that apply to every record, in walk order, and the schemas at each place. */
export function unconditionalSites(
  loaded: LoadedSchema,
): Pick<ConstraintIndex, "schemasAt" | "unconditional"> & { sites: UnconditionalSite[] } {
  const sites: UnconditionalSite[] = [];
  const schemasAt = new Map<string, Schema[]>();
  const unconditional = new Map<string, Set<string>>();
  for (const site of findSites(loaded, () => true)) {
    // A site inside a branch applies only when the value takes that branch: not a constraint of every record.
    if (site.guards.length > 0) continue;
    const template = stepsText(site.steps);
    let list = schemasAt.get(template);
    if (!list) schemasAt.set(template, (list = []));
    list.push(site.schema);
    const origin = loaded.origin(site.schema);
    const base = origin ? origin.resourcePointer : (loaded.locate(site.schema).pointer ?? "");
    let templates = unconditional.get(base);
    if (!templates) unconditional.set(base, (templates = new Set()));
    templates.add(template);
    sites.push({ site, template, base });
  }
  return { sites, schemasAt, unconditional };
}

/**
 * Every violable constraint of the schema in walk order, and the schemas at each place. `nameFor`
 * makes a property name of a patternProperties pattern (without it, those are not listed).
 */
export function violableConstraints(
  loaded: LoadedSchema,
  validator: SchemaValidator,
  nameFor: (pattern: string) => string | undefined = () => undefined,
): ConstraintIndex {
  const { sites, schemasAt, unconditional } = unconditionalSites(loaded);
  const constraints: ViolableConstraint[] = [];
  for (const { site, template, base } of sites) {
    for (const c of constraintsOf(site.schema, loaded.draft, validator)) {
      constraints.push({ ...c, steps: site.steps, instanceTemplate: template, schemaPath: `${base}/${c.keyword}` });
    }
    // A property that only additionalProperties (a schema) or one patternProperties entry covers.
    for (const extra of extraPropertyPlaces(site.schema, base, nameFor)) {
      const steps: SiteStep[] = [...site.steps, { kind: "name", name: extra.name }];
      const at = stepsText(steps);
      if (!schemasAt.has(at)) schemasAt.set(at, [extra.schema]);
      for (const c of constraintsOf(extra.schema, loaded.draft, validator))
        constraints.push({ ...c, steps, instanceTemplate: at, schemaPath: `${extra.pointer}/${c.keyword}` });
    }
  }
  return { constraints, schemasAt, unconditional };
}
