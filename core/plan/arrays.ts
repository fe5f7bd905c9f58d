// Arrays: a length inside the item bounds, positions assigned to each `contains`, and each
// element made by the plan of the schemas that apply at its position.
import { type Key, type Rng, indexKey } from "../base/rng";
import { canonicalJson } from "../schema/facts";
import type { Schema } from "../schema/load";
import { FAIL, LIMITS, fail, isLean, type Ctx, type Out, type ValueMaker } from "./options";
import type { Plan } from "./plan";

/** Values up to JSON equality (uniqueItems): primitives as themselves, objects and arrays by canonical text. */
class JsonValueSet {
  private readonly primitives = new Set<unknown>();
  private objects?: Set<string>;
  has(v: unknown): boolean {
    return v !== null && typeof v === "object" ? (this.objects?.has(canonicalJson(v)) ?? false) : this.primitives.has(v);
  }
  add(v: unknown): void {
    if (v !== null && typeof v === "object") (this.objects ??= new Set()).add(canonicalJson(v));
    else this.primitives.add(v);
  }
}

/** The schemas the element at position k must satisfy (prefixItems/items rules, plus `extra`). */
function elementSchemas(plan: Plan, k: number, extra?: Schema): Schema[] {
  const f = plan.facts;
  const list: Schema[] = [...(f.prefix[k] ?? [])];
  for (const r of f.rest) if (k >= r.from) list.push(r.schema);
  if (extra !== undefined) list.push(extra);
  return list;
}

/** The plan of the element at position k, assigned to `contains` number containsIndex (or -1). */
function elementPlan(plan: Plan, k: number, containsIndex: number): Plan {
  const f = plan.facts;
  // Elements past the prefix share a plan per set of applicable `items` rules and contains-assignment.
  let slot = k;
  if (k >= f.prefix.length) {
    slot = f.prefix.length;
    for (const r of f.rest) if (k >= r.from) slot += 1 << 10;
  }
  const id = slot * 64 + containsIndex + 1;
  let p = plan.elementPlans.get(id);
  if (!p) {
    p = plan.compiler.plan(elementSchemas(plan, k, containsIndex >= 0 ? f.contains[containsIndex].schema : undefined));
    plan.elementPlans.set(id, p);
  }
  return p;
}

/** One array: its length drawn from `rng`, element k made from indexKey(key, k). */
export function genArray(plan: Plan, key: Key, rng: Rng, ctx: Ctx): Out {
  // Elements are someone or somewhere of their own: none shares the identities of the array's owner.
  const inherit = ctx.inherit;
  ctx.inherit = false;
  const out = genElements(plan, key, rng, ctx);
  ctx.inherit = inherit;
  return out;
}

function genElements(plan: Plan, key: Key, rng: Rng, ctx: Ctx): Out {
  const f = plan.facts;
  let maxN = f.maxItems ?? Infinity;
  for (const r of f.rest) if (r.schema === false) maxN = Math.min(maxN, Math.max(r.from, 0));
  if (f.noExtraItems && !f.rest.some((r) => r.schema !== false)) maxN = Math.min(maxN, f.prefix.length);
  let minN = f.minItems;
  for (const c of f.contains) minN = Math.max(minN, c.min);
  if (minN > maxN) return fail(ctx, plan.origin, "the array length constraints leave no length");
  let hiN: number;
  if (isLean(ctx)) hiN = minN;
  else if (f.maxItems !== undefined && f.maxItems - minN <= 10) hiN = f.maxItems;
  else hiN = Math.min(maxN, Math.max(minN + (ctx.depth > LIMITS.fullDepth ? 2 : 5), f.prefix.length));
  hiN = Math.max(hiN, Math.min(maxN, minN));
  // Unique elements from an enum: no more of them than the enum has values ("except": one value, minItems 1).
  if (f.uniqueItems && f.prefix.length === 0 && f.contains.length === 0) {
    const values = elementPlan(plan, 0, -1).facts.enumValues;
    if (values !== undefined && values.length >= minN && values.length < hiN) hiN = values.length;
  }
  const n = rng.int(minN, Math.min(hiN, maxN));
  const hasContains = f.contains.length > 0;
  // Which positions must satisfy which `contains`.
  const assigned = hasContains ? new Int32Array(n).fill(-1) : undefined;
  if (assigned) {
    let cursor = n > 0 ? rng.int(0, n - 1) : 0;
    f.contains.forEach((c, ci) => {
      for (let m = 0; m < c.min; m++) {
        for (let tries = 0; tries < n && assigned[cursor] !== -1; tries++) cursor = (cursor + 1) % n;
        if (assigned[cursor] === -1) assigned[cursor] = ci;
      }
    });
  }
  const counts = hasContains ? f.contains.map(() => 0) : [];
  const out: unknown[] = [];
  const seen = f.uniqueItems ? new JsonValueSet() : undefined;
  const sub: Ctx = ctx;
  sub.depth++;
  let elements: Plan | undefined;
  let make: ValueMaker | undefined;
  for (let k = 0; k < n; k++) {
    const p = elementPlan(plan, k, assigned ? assigned[k] : -1);
    if (p !== elements) {
      elements = p;
      make = p.valueMaker(ctx.name);
    }
    const ek = indexKey(key, k);
    let ok = false;
    for (let t = 0; t < LIMITS.elementAttempts && !ok; t++) {
      const v = make!(t === 0 ? ek : indexKey(ek, 0x100 + t), sub);
      if (v === FAIL) break;
      if (seen?.has(v)) continue;
      if (assigned) {
        // A value may match a `contains` it was not made for; maxContains counts those too.
        const hits = f.contains.map((c, ci) => assigned[k] === ci || plan.compiler.valid(c.schema, v));
        if (hits.some((h, ci) => h && f.contains[ci].max !== undefined && counts[ci] + 1 > f.contains[ci].max)) continue;
        hits.forEach((h, ci) => {
          if (h) counts[ci]++;
        });
      }
      seen?.add(v);
      out.push(v);
      ok = true;
    }
    if (!ok) {
      sub.depth--;
      return fail(
        ctx,
        plan.origin,
        f.uniqueItems ? "not enough distinct values for uniqueItems" : "no array element satisfies its schema here",
      );
    }
  }
  sub.depth--;
  return out;
}
