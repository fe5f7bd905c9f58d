// Objects whose properties are decided one by one are built by a function compiled once per
// object shape (as ajv compiles validators): one straight-line block per declared property,
// with the property name as a literal. A generic loop stores every property through one
// megamorphic `out[name] = v` site and re-reads each descriptor; this does neither.
// Property names reach the generated source only through JSON.stringify.
import { childFloat, childKey, type Key } from "./rng";

/** What the builder needs of a plan (the Plan class, kept abstract to avoid an import cycle). */
export interface ValuePlan {
  gen(key: Key, ctx: BuilderCtx): unknown;
}

export interface BuilderCtx {
  depth: number;
  name?: string;
}

export interface BuiltProperty {
  name: string;
  required: boolean;
  /** false when no value can be given to this name here (a required one makes the object fail). */
  allowed: boolean;
  valueStep: number;
  presenceStep: number;
  plan: ValuePlan;
}

/** (key, ctx, p) → the object, or `fail` after calling `failRequired` for a required property that has no value. */
export type ObjectBuilder = (key: Key, ctx: BuilderCtx, p: number) => unknown;

export function compileObjectBuilder(
  properties: readonly BuiltProperty[],
  fail: unknown,
  failRequired: (ctx: BuilderCtx, property: BuiltProperty) => void,
): ObjectBuilder {
  const lines: string[] = [];
  const restore = "ctx.depth = depth; ctx.name = saved;";
  properties.forEach((d, k) => {
    const name = JSON.stringify(d.name);
    // "__proto__" must become an own data property, not the prototype.
    const store = d.name === "__proto__"
      ? `Object.defineProperty(out, ${name}, { value: v, enumerable: true, writable: true, configurable: true });`
      : `out[${name}] = v;`;
    const value = `ctx.name = ${name}; v = plans[${k}].gen(childKey(key, ${d.valueStep}), ctx);`;
    if (d.required && !d.allowed) lines.push(`failRequired(ctx, properties[${k}]); ${restore} return FAIL;`);
    else if (d.required) lines.push(`${value} if (v === FAIL) { ${restore} return FAIL; } ${store}`);
    else if (d.allowed) lines.push(`if (childFloat(key, ${d.presenceStep}) < p) { ${value} if (v !== FAIL) { ${store} } }`);
  });
  const body = [
    "return function buildObject(key, ctx, p) {",
    "const depth = ctx.depth, saved = ctx.name; ctx.depth = depth + 1;",
    "const out = {}; let v;",
    ...lines,
    restore,
    "return out;",
    "};",
  ].join("\n");
  const factory = new Function("plans", "properties", "childKey", "childFloat", "FAIL", "failRequired", body);
  return factory(properties.map((d) => d.plan), properties, childKey, childFloat, fail, failRequired) as ObjectBuilder;
}
