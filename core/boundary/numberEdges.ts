// The numbers on the edges of a bound: the lowest (highest) value a schema object allows at its
// minimum (maximum), and the next one inside, on the grid the object puts numbers on (its
// multipleOf, else 1 for an integer, else the last decimal place of the bound). Exact decimals, so
// that 0.01 + 0.01 is 0.02 and a multipleOf 0.01 check passes.
import { addExact, lastPlace, multiplyExact } from "../base/decimal";
import type { SchemaObject } from "../schema/load";

export interface NumberEdge {
  /** The value allowed closest to the bound (the bound itself when it is allowed and on the grid). */
  at: number;
  /** One step further inside. */
  inside: number;
}

const isInteger = (s: SchemaObject) =>
  s.type === "integer" || (Array.isArray(s.type) && s.type.includes("integer") && !s.type.includes("number"));

const positive = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x > 0;

/** The step between neighbouring allowed numbers of `schema` near `bound`. */
export function gridStep(schema: SchemaObject, bound: number): number {
  if (positive(schema.multipleOf)) return schema.multipleOf;
  return isInteger(schema) ? 1 : lastPlace(bound);
}

/**
 * The edge values at a lower (`side` "min") or upper ("max") bound; `exclusive` when the bound
 * itself is not allowed. undefined when the bound is not a finite number.
 */
export function numberEdge(schema: SchemaObject, bound: unknown, side: "min" | "max", exclusive: boolean): NumberEdge | undefined {
  if (typeof bound !== "number" || !Number.isFinite(bound)) return undefined;
  const step = gridStep(schema, bound);
  const sign = side === "min" ? 1 : -1;
  let at: number;
  if (positive(schema.multipleOf) || isInteger(schema)) {
    // The first grid point at or past the bound (past it when the bound is excluded).
    const m = step;
    let r = side === "min" ? Math.ceil(bound / m) : Math.floor(bound / m);
    const beyond = (v: number) => (side === "min" ? v < bound : v > bound) || (exclusive && v === bound);
    while (beyond(multiplyExact(r, m))) r += sign;
    while (!beyond(multiplyExact(r - sign, m))) r -= sign;
    at = multiplyExact(r, m);
  } else at = exclusive ? addExact(bound, sign * step) : bound;
  return { at, inside: addExact(at, sign * step) };
}
