// Numbers and integers: drawn from a grid of multiples of a step inside the allowed range,
// computed once per plan and kind, so every draw is valid by construction.
import type { Rng } from "../base/rng";
import type { Facts } from "../schema/facts";
import { isMultipleOf, multiplyExact, decimalLcm } from "../base/decimal";
import { fail, type Ctx, type Out } from "./options";
import type { Plan } from "./plan";

/** The numbers k·step for k in [kLo, kHi]. */
export interface NumberGrid {
  step: number;
  kLo: number;
  kHi: number;
}

/** The grid this plan's numbers are drawn from, or why there is none (kept on the plan). */
function numberGrid(plan: Plan, integer: boolean): NumberGrid | string {
  const cached = integer ? plan.intGrid : plan.numGrid;
  if (cached !== undefined) return cached;
  const grid = computeGrid(plan.facts, integer);
  if (integer) plan.intGrid = grid;
  else plan.numGrid = grid;
  return grid;
}

function computeGrid(f: Facts, integer: boolean): NumberGrid | string {
  let step = f.multipleOf;
  if (integer) step = step === undefined ? 1 : (decimalLcm(step, 1) ?? step);
  if (step === undefined) {
    // Two decimals read like real data; a narrow range gets as many as it needs.
    const width = f.lower && f.upper ? f.upper.value - f.lower.value : Infinity;
    let digits = 2;
    while (digits < 12 && width * 10 ** digits < 4) digits++;
    step = Number(`1e-${digits}`);
  }
  // The window: the allowed range, or a plausible span where it is open.
  const SPAN = 10000;
  let lo = f.lower?.value,
    hi = f.upper?.value;
  if (lo === undefined && hi === undefined) {
    lo = 0;
    hi = 1000;
  } else if (lo === undefined) lo = Math.min(hi!, 0) - (hi! > 0 ? 0 : SPAN);
  else if (hi === undefined) hi = Math.max(lo, 0) + SPAN;
  let kLo = Math.ceil(lo / step),
    kHi = Math.floor(hi! / step);
  if (!Number.isFinite(kLo) || !Number.isFinite(kHi)) return "numeric range too large to sample";
  // Adjust for rounding in the division and for exclusive bounds, exactly.
  const val = (k: number) => multiplyExact(k, step);
  const okLo = (k: number) => (f.lower ? (f.lower.exclusive ? val(k) > f.lower.value : val(k) >= f.lower.value) : true);
  const okHi = (k: number) => (f.upper ? (f.upper.exclusive ? val(k) < f.upper.value : val(k) <= f.upper.value) : true);
  const MAX_K = 2 ** 52;
  kLo = Math.max(kLo, -MAX_K);
  kHi = Math.min(kHi, MAX_K);
  for (let n = 0; n < 3 && !okLo(kLo); n++) kLo++;
  for (let n = 0; n < 3 && !okHi(kHi); n++) kHi--;
  if (kLo > kHi || !okLo(kLo) || !okHi(kHi)) return "no number satisfies the bounds and multipleOf here";
  return { step, kLo, kHi };
}

const FLOAT_REDRAWS = 8;
/** Quotients up to this are exact to 1e-9 after a rounded product and a rounded division. */
const FLOAT_EXACT_QUOTIENT = 4e6;

/** ajv's floating-point multipleOf test with `multipleOfPrecision: 9`. */
function floatMultiple(v: number, m: number): boolean {
  const q = v / m;
  return Math.abs(Math.round(q) - q) <= 1e-9;
}

/** One number (an integer when `integer`) from `rng`. */
export function genNumber(plan: Plan, rng: Rng, ctx: Ctx, integer: boolean): Out {
  const grid = numberGrid(plan, integer);
  if (typeof grid === "string") return fail(ctx, plan.origin, grid);
  const f = plan.facts;
  let v = multiplyExact(rng.int(grid.kLo, grid.kHi), grid.step);
  // The value is an exact decimal multiple; validators that divide in binary floating point (ajv with
  // `multipleOfPrecision: 9`) may still see a remainder when the quotient is large (906.66463 / 0.00001).
  // Such a value is drawn again a few times, then from the multiples whose quotient is small enough
  // for the division to be exact to 1e-9 (|v / multipleOf| ≤ 4·10⁶), when the range has any.
  const m = f.multipleOf;
  if (m !== undefined && !Number.isInteger(m) && !floatMultiple(v, m)) {
    for (let t = 0; t < FLOAT_REDRAWS && !floatMultiple(v, m); t++) v = multiplyExact(rng.int(grid.kLo, grid.kHi), grid.step);
    const safe = Math.floor((FLOAT_EXACT_QUOTIENT * m) / grid.step);
    const lo = Math.max(grid.kLo, -safe),
      hi = Math.min(grid.kHi, safe);
    if (!floatMultiple(v, m) && lo <= hi) v = multiplyExact(rng.int(lo, hi), grid.step);
  }
  if (Object.is(v, -0)) v = 0;
  if (f.multipleOfs.length > 1 && !f.multipleOfs.every((m) => isMultipleOf(v, m))) {
    return fail(ctx, plan.origin, "no number is a multiple of every multipleOf here");
  }
  return v;
}
