// What every format generator receives and returns, and the length checks they share.
import type { Rng } from "../../base/rng";

export interface FormatContext {
  referenceDate: string;
  minLength?: number;
  maxLength?: number;
}
export type FormatGenerator = (rng: Rng, ctx: FormatContext) => string;

export const DIGITS = "0123456789";

export function minOf(ctx: FormatContext): number {
  return ctx.minLength ?? 0;
}
export function maxOf(ctx: FormatContext): number {
  return ctx.maxLength ?? Infinity;
}
export function fits(s: string, ctx: FormatContext): boolean {
  // All generated text is in the BMP, so UTF-16 length equals ajv's code-point length.
  return s.length >= minOf(ctx) && s.length <= maxOf(ctx);
}
export function constrained(ctx: FormatContext): boolean {
  return ctx.minLength !== undefined || ctx.maxLength !== undefined;
}
export function digits(rng: Rng, n: number): string {
  let s = "";
  for (let k = 0; k < n; k++) s += DIGITS[rng.int(0, 9)];
  return s;
}

/** For formats with (almost) fixed shapes: redraw a few times hoping for a length that fits. */
export function retrying(gen: FormatGenerator, attempts = 8): FormatGenerator {
  return (rng, ctx) => {
    let s = gen(rng, ctx);
    if (!constrained(ctx)) return s;
    for (let k = 1; k < attempts && !fits(s, ctx); k++) s = gen(rng, ctx);
    return s;
  };
}
