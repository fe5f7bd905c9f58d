// Objects: which properties are present (required, optional draws, dependentRequired,
// min/maxProperties, extra names), each value made by the plan of the schemas that apply to
// its name. Objects without cross-property keywords take a builder compiled once per shape.
import { Rng, childFloat, childKey, hashString, type Key } from "../base/rng";
import type { Schema, SchemaObject } from "../schema/load";
import { compilePattern, patternRegExp } from "../generate/regex";
import { compileObjectBuilder, type ObjectBuilder } from "./objectBuilder";
import { FAIL, KEY_USED_AT_ONCE, LIMITS, fail, isLean, newCtx, type Ctx, type Out } from "./options";
import type { Plan } from "./plan";
import { combineRoles, declaredBits, inheritedRole } from "../generate/coherence";

const STRING_SCHEMA: SchemaObject = { type: "string" };

export interface DeclaredProperty {
  name: string;
  required: boolean;
  /** hashString(name): the step to the property's value. */
  valueStep: number;
  /** hashString("?" + name): the step to its presence draw. */
  presenceStep: number;
}

/** Objects whose properties can be decided one by one (no cross-property keywords). */
export interface ObjectShape {
  properties: (DeclaredProperty & { plan: Plan; allowed: boolean })[];
  build: ObjectBuilder<Ctx>;
}

/** Schemas that apply to property `name` (properties, matching patternProperties, else additionalProperties). */
export function propertyPlan(plan: Plan, name: string): Plan {
  let p = plan.propertyPlans.get(name);
  if (p) return p;
  const list: Schema[] = [];
  for (const s of plan.facts.objectSchemas) {
    let matched = false;
    const props = s.properties as Record<string, Schema> | undefined;
    if (props && Object.prototype.hasOwnProperty.call(props, name)) {
      list.push(props[name]);
      matched = true;
    }
    const pp = s.patternProperties as Record<string, Schema> | undefined;
    if (pp) {
      for (const [re, sch] of Object.entries(pp)) {
        if (patternRegExp(re)?.test(name)) {
          list.push(sch);
          matched = true;
        }
      }
    }
    if (!matched && s.additionalProperties !== undefined) list.push(s.additionalProperties as Schema);
  }
  p = plan.compiler.plan(list);
  plan.propertyPlans.set(name, p);
  return p;
}

function nameAllowed(plan: Plan, name: string): boolean {
  let ok = plan.allowedNames.get(name);
  if (ok === undefined) plan.allowedNames.set(name, (ok = computeNameAllowed(plan, name)));
  return ok;
}

function computeNameAllowed(plan: Plan, name: string): boolean {
  const f = plan.facts;
  if (propertyPlan(plan, name).facts.never) return false;
  for (const c of f.closed) {
    if (!c.all && !c.names.has(name) && !c.patterns.some((p) => patternRegExp(p)?.test(name))) return false;
  }
  return f.propertyNames.every((pn) => plan.compiler.valid(pn, name));
}

/** The plan's object shape when its properties can be decided one by one, else null (kept on the plan). */
function shape(plan: Plan): ObjectShape | null {
  if (plan.objectShape !== undefined) return plan.objectShape;
  const f = plan.facts;
  const simple =
    f.dependentRequired.size === 0 &&
    f.minProperties === 0 &&
    f.maxProperties === undefined &&
    f.propertyNames.length === 0 &&
    f.closed.length === 0 &&
    [...f.required].every((r) => f.properties.has(r));
  if (!simple) return (plan.objectShape = null);
  // The common case: each property present or not on its own draw, values in declaration order.
  const properties = [...f.properties.keys()].map((name) => ({
    name,
    required: f.required.has(name),
    valueStep: hashString(name),
    presenceStep: hashString("?" + name),
    plan: propertyPlan(plan, name),
    allowed: nameAllowed(plan, name),
  }));
  const failRequired = (ctx: Ctx, d: (typeof properties)[number]) => {
    const never = d.plan.facts.never;
    fail(ctx, never?.at ?? d.plan.origin, never?.why ?? `required property "${d.name}" cannot have any value here`);
  };
  const makers = properties.map((d) => d.plan.valueMaker(d.name));
  const keyUsedAtOnce = makers.map((m) => KEY_USED_AT_ONCE.has(m));
  const coherence = {
    bits: declaredBits(f.properties.keys()),
    inherited: properties.map((d) => (d.plan.facts.properties.size > 0 ? inheritedRole(d.name) : undefined)),
  };
  return (plan.objectShape = {
    properties,
    build: compileObjectBuilder(properties, makers, keyUsedAtOnce, FAIL, failRequired, coherence),
  });
}

/** One object; property n's value is made from childKey(key, hashString(n)). */
export function genObject(plan: Plan, key: Key, ctx: Ctx): Out {
  const f = plan.facts;
  const depth = ctx.depth;
  let p = plan.compiler.options.optionalProbability;
  if (isLean(ctx)) p = 0;
  else if (depth > LIMITS.fullDepth) p *= 0.5 ** (depth - LIMITS.fullDepth);
  // An object with hundreds of optional properties (renovate's 300 options) gets as many of them on
  // average as one with LIMITS.optionalProperties: a fixture, not the whole catalogue in every record.
  const optional = f.properties.size - f.required.size;
  if (optional > LIMITS.optionalProperties) p *= LIMITS.optionalProperties / optional;
  const built = shape(plan);
  if (built) return built.build(key, ctx, p);
  const names: string[] = [];
  const included = new Set<string>();
  const mandatory = new Set<string>();
  const add = (n: string, must: boolean) => {
    if (must) mandatory.add(n);
    if (!included.has(n)) {
      included.add(n);
      names.push(n);
    }
  };
  plan.declared ??= [...f.properties.keys()].map((name) => ({
    name,
    required: f.required.has(name),
    valueStep: hashString(name),
    presenceStep: hashString("?" + name),
  }));
  for (const d of plan.declared) {
    if (d.required) add(d.name, true);
    else if (p > 0 && childFloat(key, d.presenceStep) < p && nameAllowed(plan, d.name)) add(d.name, false);
  }
  for (const n of f.required) add(n, true);
  // dependentRequired: presence of one property requires others.
  for (let changed = f.dependentRequired.size > 0; changed;) {
    changed = false;
    for (const n of names.slice()) {
      for (const d of f.dependentRequired.get(n) ?? []) {
        if (!included.has(d)) {
          add(d, mandatory.has(n));
          changed = true;
        }
      }
    }
  }
  for (const n of mandatory) {
    if (nameAllowed(plan, n)) continue;
    const never = propertyPlan(plan, n).facts.never;
    if (never) {
      ctx.depth++;
      fail(ctx, never.at ?? propertyPlan(plan, n).origin, never.why);
      ctx.depth--;
      return FAIL;
    }
    return fail(ctx, plan.origin, `required property "${n}" is not an allowed property name here`);
  }
  // maxProperties: drop optional properties from the end.
  if (f.maxProperties !== undefined) {
    for (let k = names.length - 1; k >= 0 && names.length > f.maxProperties; k--) {
      if (!mandatory.has(names[k]) && !isDependency(plan, names[k], included)) {
        included.delete(names[k]);
        names.splice(k, 1);
      }
    }
    if (names.length > f.maxProperties) return fail(ctx, plan.origin, "more properties are required than maxProperties allows");
  }
  // minProperties: declared optional properties first, then new names where allowed.
  if (names.length < f.minProperties) {
    for (const n of f.properties.keys()) if (names.length < f.minProperties && !included.has(n) && nameAllowed(plan, n)) add(n, true);
    const rng = new Rng(childKey(key, hashString("$extra")));
    for (let k = 0; names.length < f.minProperties && k < f.minProperties * 6 + 10; k++) {
      const n = extraName(plan, rng.fork(k), ctx, k);
      if (n !== undefined && !included.has(n) && nameAllowed(plan, n)) add(n, true);
    }
    if (names.length < f.minProperties) return fail(ctx, plan.origin, "cannot find enough allowed property names for minProperties");
  }
  const out: Record<string, unknown> = {};
  const saved = ctx.name;
  // Identities of coherent values, as compileObjectBuilder's objects take them.
  const { scope, role, bits, inherit } = ctx;
  const ownBits = (plan.declaredBits ??= declaredBits(f.properties.keys()));
  if (inherit) ctx.bits = bits | ownBits;
  else {
    ctx.scope = key;
    ctx.role = 0;
    ctx.bits = ownBits;
  }
  ctx.inherit = false;
  const own = ctx.role;
  const restore = () => {
    ctx.depth = depth;
    ctx.name = saved;
    ctx.scope = scope;
    ctx.role = role;
    ctx.bits = bits;
    ctx.inherit = inherit;
  };
  ctx.depth = depth + 1;
  for (const n of names) {
    ctx.name = n;
    const failureBefore = ctx.failure;
    const prop = propertyPlan(plan, n);
    const shared = prop.facts.properties.size > 0 ? inheritedRole(n) : undefined;
    if (shared !== undefined) {
      ctx.inherit = true;
      ctx.role = combineRoles(own, shared);
    }
    const v = prop.gen(childKey(key, hashString(n)), ctx);
    ctx.inherit = false;
    ctx.role = own;
    if (v === FAIL) {
      if (mandatory.has(n) || isDependency(plan, n, included) || names.length - 1 < f.minProperties) {
        restore();
        return FAIL;
      }
      ctx.failure = failureBefore; // an optional property left out is no reason for a failure
      continue;
    }
    // "__proto__" must become an own data property, not the prototype.
    if (n === "__proto__") Object.defineProperty(out, n, { value: v, enumerable: true, writable: true, configurable: true });
    else out[n] = v;
  }
  restore();
  return out;
}

/** Whether `name` is required by dependentRequired of a property already included. */
function isDependency(plan: Plan, name: string, included: Set<string>): boolean {
  for (const [k, deps] of plan.facts.dependentRequired) if (included.has(k) && deps.includes(name)) return true;
  return false;
}

/** A property name beyond the declared ones (for minProperties): from propertyNames, a patternProperties key, or extra_N. */
function extraName(plan: Plan, rng: Rng, ctx: Ctx, k: number): string | undefined {
  const f = plan.facts;
  if (f.propertyNames.length) {
    const v = plan.compiler.plan([...f.propertyNames, STRING_SCHEMA]).gen(rng.key, newCtx(ctx.depth + 1, 1000));
    return typeof v === "string" ? v : undefined;
  }
  const patterns: string[] = [];
  for (const s of f.objectSchemas)
    if (s.patternProperties && typeof s.patternProperties === "object") patterns.push(...Object.keys(s.patternProperties));
  if (patterns.length && (k % 2 === 0 || f.objectSchemas.some((s) => s.additionalProperties === false))) {
    const c = compilePattern(patterns[k % patterns.length]);
    if (c.ok) return c.generator.generate(rng, 1, 24);
  }
  return `extra_${k + 1}`;
}
