// Objects whose properties are decided one by one are built by a function compiled once per
// object shape (as ajv compiles validators): one straight-line block per declared property,
// with the property name as a literal. A generic loop stores every property through one
// megamorphic `out[name] = v` site and re-reads each descriptor; this does neither.
// Property names reach the generated source only through JSON.stringify.
import { childFloat, childKey, childKeyInto, type Key } from "../base/rng";
import { combineRoles } from "../generate/coherence";

export interface BuilderCtx {
  depth: number;
  name?: string;
  failure?: unknown;
  // Coherent values: see Ctx in options.ts.
  scope: Key | undefined;
  role: number;
  bits: number;
  inherit: boolean;
}

/** How an object takes part in coherent values (core/generate/coherence.ts). */
export interface BuiltCoherence {
  /** DECLARES_* bits of the object's declared property names. */
  bits: number;
  /** Per property: the role under which that child object shares this object's identities, or undefined. */
  inherited: readonly (number | undefined)[];
}

export interface BuiltProperty {
  name: string;
  required: boolean;
  /** false when no value can be given to this name here (a required one makes the object fail). */
  allowed: boolean;
  valueStep: number;
  presenceStep: number;
}

/** (key, ctx, p) → the object, or `fail` after calling `failRequired` for a required property that has no value. */
export type ObjectBuilder<C extends BuilderCtx> = (key: Key, ctx: C, p: number) => unknown;

/**
 * makers[k] makes the value of properties[k] from its stream key (Plan.valueMaker). Where
 * keyUsedAtOnce[k] is true, that maker reads the key before it returns and keeps nothing of it,
 * so the builder hands it one reused key object instead of allocating a child key per value.
 */
export function compileObjectBuilder<C extends BuilderCtx, P extends BuiltProperty>(
  properties: readonly P[],
  makers: readonly ((key: Key, ctx: C) => unknown)[],
  keyUsedAtOnce: readonly boolean[],
  fail: unknown,
  failRequired: (ctx: C, property: P) => void,
  coherence: BuiltCoherence,
): ObjectBuilder<C> {
  const lines: string[] = [];
  const restore = "ctx.depth = depth; ctx.name = saved; ctx.scope = scope; ctx.role = role; ctx.bits = bits; ctx.inherit = inherit;";
  properties.forEach((d, k) => {
    const name = JSON.stringify(d.name);
    // "__proto__" must become an own data property, not the prototype.
    const store =
      d.name === "__proto__"
        ? `Object.defineProperty(out, ${name}, { value: v, enumerable: true, writable: true, configurable: true });`
        : `out[${name}] = v;`;
    const childKeyCode = keyUsedAtOnce[k] ? `childKeyInto(scratch, key, ${d.valueStep})` : `childKey(key, ${d.valueStep})`;
    const shared = coherence.inherited[k];
    const make = `v = makers[${k}](${childKeyCode}, ctx);`;
    // A child that shares this object's identities (an address, a name) is made with inherit set.
    const value =
      shared === undefined
        ? `ctx.name = ${name}; ${make}`
        : `ctx.name = ${name}; ctx.inherit = true; ctx.role = combineRoles(own, ${shared | 0}); ${make} ctx.inherit = false; ctx.role = own;`;
    if (d.required && !d.allowed) lines.push(`failRequired(ctx, properties[${k}]); ${restore} return FAIL;`);
    else if (d.required) lines.push(`${value} if (v === FAIL) { ${restore} return FAIL; } ${store}`);
    // An optional property left out when it has no value: its failure is no reason for one.
    else if (d.allowed)
      lines.push(
        `if (p > 0 && childFloat(key, ${d.presenceStep}) < p) { f = ctx.failure; ${value} if (v !== FAIL) { ${store} } else ctx.failure = f; }`,
      );
  });
  const body = [
    "const scratch = { hi: 0, lo: 0 };",
    "return function buildObject(key, ctx, p) {",
    "const depth = ctx.depth, saved = ctx.name, scope = ctx.scope, role = ctx.role, bits = ctx.bits, inherit = ctx.inherit;",
    "ctx.depth = depth + 1;",
    // Identities of this object: its parent's when it is made as a part of it, else its own (its key).
    `if (inherit) ctx.bits = bits | ${coherence.bits | 0}; else { ctx.scope = key; ctx.role = 0; ctx.bits = ${coherence.bits | 0}; }`,
    "ctx.inherit = false; const own = ctx.role;",
    "const out = {}; let v, f;",
    ...lines,
    restore,
    "return out;",
    "};",
  ].join("\n");
  // The one compiled function of the engine (see the top of this file): its source is made of indexes, step
  // numbers and JSON.stringify'd property names, never of raw schema text.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- code generation is the point here, as in ajv
  const factory = new Function(
    "makers",
    "properties",
    "childKey",
    "childKeyInto",
    "childFloat",
    "combineRoles",
    "FAIL",
    "failRequired",
    body,
  ) as (...args: unknown[]) => ObjectBuilder<C>;
  return factory(makers, properties, childKey, childKeyInto, childFloat, combineRoles, fail, failRequired);
}
