// What a set's entities say of each other, checked before anything is made: each entity's key,
// where its x-refs point, and an order in which parents come before their children. Every problem is
// a SpecMintError("schema") (exit 2) at the place that has to change: the set file's line or the
// schema's x-ref.
import { SpecMintError, type SourceLocation } from "../base/errors";
import { closestName } from "../analyze/suggest";
import type { LoadedSchema, SchemaObject } from "../schema/load";
import { findSites } from "../schema/sites";
import { UNIQUE_KEYWORD } from "../generate/unique";
import { refSites, type RefSite } from "./references";
import type { EntitySpec, SetSpec } from "./setFile";

/** A top-level or nested object field with x-unique (no arrays on the way): what an x-ref may point at. */
export interface UniqueField {
  /** Property names from the record's root. */
  field: string[];
  schema: SchemaObject;
}

export interface EntityPlan {
  spec: EntitySpec;
  loaded: LoadedSchema;
  /** The primary key: `key` from the set file, else the first top-level x-unique field. */
  key?: string;
  /** The x-unique fields x-refs may point at, by their dotted path. */
  uniqueFields: Map<string, UniqueField>;
  /** The entity's x-refs (all resolved: each target exists and is x-unique). */
  refs: RefSite[];
  /** Entities this one references or is counted per, without repeats. */
  parents: string[];
}

export interface SetPlan {
  spec: SetSpec;
  /** Parents before children; among entities free to go in any order, the set file's order. */
  entities: EntityPlan[];
  byName: Map<string, EntityPlan>;
}

function fail(message: string, location: SourceLocation): never {
  throw new SpecMintError("schema", message, location);
}

function uniqueFieldsOf(loaded: LoadedSchema): Map<string, UniqueField> {
  const out = new Map<string, UniqueField>();
  for (const site of findSites(loaded, (s) => s[UNIQUE_KEYWORD] === true)) {
    if (site.guards.length || site.steps.length === 0 || site.steps.some((s) => s.kind !== "name")) continue;
    const field = site.steps.map((s) => (s.kind === "name" ? s.name : ""));
    const dotted = field.join(".");
    if (!out.has(dotted)) out.set(dotted, { field, schema: site.schema });
  }
  return out;
}

/** The JSON types a schema object declares with `type` (undefined: it does not say). */
export function declaredTypes(schema: SchemaObject): Set<string> | undefined {
  const t = schema.type;
  const list = typeof t === "string" ? [t] : Array.isArray(t) ? t.filter((x): x is string => typeof x === "string") : undefined;
  if (!list) return undefined;
  const out = new Set(list);
  // An integer is a number: the two ends of a reference agree when either allows integers.
  if (out.has("number")) out.add("integer");
  return out;
}

/** Why a referencing field cannot hold the referenced field's values (undefined when it can, or cannot tell). */
export function refTypeMismatch(from: SchemaObject, to: SchemaObject): string | undefined {
  const a = declaredTypes(from);
  const b = declaredTypes(to);
  if (!a || !b) return undefined;
  if ([...b].some((t) => a.has(t) || (t === "integer" && a.has("number")))) return undefined;
  return `it is ${[...a].join(" or ")} but the field it references is ${[...b].filter((t) => !(t === "integer" && b.has("number"))).join(" or ")}`;
}

/** One thing wrong with a set, at the place that has to change (the set file's line or an x-ref). */
export interface SetProblem {
  /** What kind of problem: for the editor's diagnostic codes. */
  code: SetProblemCode;
  message: string;
  location: SourceLocation;
  /** The near-miss name the message offers (an entity, or a field of the referenced entity), for a quick fix. */
  guess?: string;
}

export type SetProblemCode =
  | "set-key" // an entity's key is not a top-level x-unique field
  | "set-per" // per names an unknown entity, or the child has no x-ref to its parent
  | "set-cycle" // entities reference each other in a cycle
  | "ref-invalid" // the x-ref text or its x-ref-distribution cannot be used
  | "ref-unknown-entity"
  | "ref-not-unique" // the referenced field is not an x-unique field of the entity
  | "ref-type-mismatch";

/**
 * Walks a set as planSet does, telling `report` of every problem; an entity whose schema did not
 * load (`load` gave undefined) is left out of the checks that need it. With a `report` that throws,
 * this stops at the first problem (planSet); with one that collects, it finds them all (the editor).
 */
export function examineSet(
  spec: SetSpec,
  load: (entity: EntitySpec) => LoadedSchema | undefined,
  report: (problem: SetProblem) => void,
): SetPlan {
  const names = spec.entities.map((e) => e.name);
  const plans: EntityPlan[] = [];
  /** Entities whose schema did not load: references to them are not checked further. */
  const unloaded = new Set<string>();
  for (const entity of spec.entities) {
    const loaded = load(entity);
    if (!loaded) {
      unloaded.add(entity.name);
      continue;
    }
    const uniqueFields = uniqueFieldsOf(loaded);
    let key: string | undefined;
    if (entity.key !== undefined) {
      const top = uniqueFields.get(entity.key);
      if (!top || top.field.length !== 1)
        report({
          code: "set-key",
          message:
            `key "${entity.key}" of entity "${entity.name}" is not a top-level field with "x-unique": true in ${entity.schema}; ` +
            `a key must be unique for references to it to name one record${uniqueFields.size ? ` (x-unique fields: ${[...uniqueFields.keys()].join(", ")})` : ""}`,
          location: entity.at.key ?? entity.location,
        });
      else key = entity.key;
    } else key = [...uniqueFields.values()].find((u) => u.field.length === 1)?.field[0];
    plans.push({ spec: entity, loaded, key, uniqueFields, refs: refSites(loaded), parents: [] });
  }
  const byName = new Map(plans.map((p) => [p.spec.name, p]));
  const known = (name: string) => byName.has(name) || unloaded.has(name);

  for (const plan of plans) {
    const parents = new Set<string>();
    const per = plan.spec.per;
    if (per) {
      if (!known(per.parent))
        report(unknownEntity("set-per", per.parent, names, `per of entity "${plan.spec.name}"`, plan.spec.at.per ?? plan.spec.location));
      else if (byName.has(per.parent)) parents.add(per.parent);
    }
    for (const ref of plan.refs) {
      const problem = refProblem(ref, byName, names, known);
      if (problem) report(problem);
      else if (ref.target && byName.has(ref.target.entity)) parents.add(ref.target.entity);
    }
    if (per && known(per.parent) && !plan.refs.some((r) => r.target?.entity === per.parent && !r.steps.some((s) => s.kind !== "name")))
      report({
        code: "set-per",
        message:
          `entity "${plan.spec.name}" is counted per "${per.parent}" but none of its fields (outside arrays) has "x-ref": "${per.parent}.<key>"; ` +
          `add one so that each record says which ${per.parent} record it belongs to`,
        location: plan.spec.at.per ?? plan.spec.location,
      });
    plan.parents = [...parents];
  }
  return { spec, entities: dependencyOrder(plans, report), byName };
}

function unknownEntity(code: SetProblemCode, name: string, names: string[], what: string, location: SourceLocation): SetProblem {
  const guess = closestName(name, names);
  return {
    code,
    message: `${what} names entity "${name}", which the set does not have${guess ? ` (did you mean "${guess}"?)` : ""}; its entities are ${names.join(", ")}`,
    location,
    ...(guess ? { guess } : {}),
  };
}

/** What is wrong with one x-ref of a set (undefined: it resolves to an x-unique field of a matching type). */
function refProblem(
  ref: RefSite,
  byName: Map<string, EntityPlan>,
  names: string[],
  known: (name: string) => boolean,
): SetProblem | undefined {
  if (ref.problem || !ref.target) return { code: "ref-invalid", message: ref.problem ?? "bad x-ref", location: ref.location };
  if (!known(ref.target.entity)) return unknownEntity("ref-unknown-entity", ref.target.entity, names, `x-ref "${ref.text}"`, ref.location);
  const target = byName.get(ref.target.entity);
  if (!target) return undefined; // its schema did not load: said at the set file
  const dotted = ref.target.field.join(".");
  const field = target.uniqueFields.get(dotted);
  if (!field) {
    const guess = closestName(dotted, [...target.uniqueFields.keys()]);
    return {
      code: "ref-not-unique",
      message:
        `x-ref "${ref.text}" points at ${dotted}, which is not an x-unique field of entity "${target.spec.name}" (${target.spec.schema}): ` +
        `a reference must name exactly one record, so its field needs "x-unique": true` +
        (target.uniqueFields.size
          ? `; x-unique fields there: ${[...target.uniqueFields.keys()].join(", ")}${guess ? ` (did you mean "${guess}"?)` : ""}`
          : ""),
      location: ref.location,
      ...(guess ? { guess } : {}),
    };
  }
  const mismatch = refTypeMismatch(ref.schema, field.schema);
  if (mismatch)
    return {
      code: "ref-type-mismatch",
      message: `x-ref "${ref.text}" at ${ref.path} cannot hold the values it references: ${mismatch}`,
      location: ref.location,
    };
  return undefined;
}

/** Checks a set and orders it; `load` reads an entity's schema (throwing its own located errors). */
export function planSet(spec: SetSpec, load: (entity: EntitySpec) => LoadedSchema): SetPlan {
  return examineSet(spec, load, (p) => fail(p.message, p.location));
}

/** Every problem of a set, not only the first (for the editor); `load` gives undefined for a schema that did not load. */
export function setProblems(
  spec: SetSpec,
  load: (entity: EntitySpec) => LoadedSchema | undefined,
): { plan: SetPlan; problems: SetProblem[] } {
  const problems: SetProblem[] = [];
  const plan = examineSet(spec, load, (p) => problems.push(p));
  return { plan, problems };
}

/** Parents first (Kahn's algorithm, ties in the set file's order); a cycle is reported naming it, and its entities follow in file order. */
function dependencyOrder(plans: EntityPlan[], report: (problem: SetProblem) => void): EntityPlan[] {
  const placed = new Set<string>();
  const out: EntityPlan[] = [];
  while (out.length < plans.length) {
    const next = plans.find((p) => !placed.has(p.spec.name) && p.parents.every((q) => placed.has(q)));
    if (!next) {
      const left = plans.filter((p) => !placed.has(p.spec.name));
      const cycle = findCycle(left);
      const first = plans.find((p) => p.spec.name === cycle[0])!;
      report({
        code: "set-cycle",
        message:
          `entities ${cycle.join(" → ")} reference each other in a cycle, so none of them can be made first; ` +
          `make one of them a root (no x-ref to the others, with a count) and point the references the other way`,
        location: first.refs.find((r) => r.target && cycle.includes(r.target.entity))?.location ?? first.spec.location,
      });
      return [...out, ...left];
    }
    placed.add(next.spec.name);
    out.push(next);
  }
  return out;
}

function findCycle(left: EntityPlan[]): string[] {
  const byName = new Map(left.map((p) => [p.spec.name, p]));
  const path: string[] = [];
  let cur = left[0];
  // Every entity left has a parent among those left: walking parents must come back to one already on the path.
  while (!path.includes(cur.spec.name)) {
    path.push(cur.spec.name);
    cur = byName.get(cur.parents.find((q) => byName.has(q))!)!;
  }
  return [...path.slice(path.indexOf(cur.spec.name)), cur.spec.name];
}
