// Character sets as sorted, merged, inclusive code-point ranges in a flat array
// [lo0, hi0, lo1, hi1, ...]: the arithmetic on them (union, complement, intersection, size) and
// the sets that `.`, \d \w \s (and their negations) and character classes stand for.
import type { CharacterClass } from "regjsparser";
import type { Features } from "./source";

export const MAX_CP = 0x10ffff;

export type Ranges = number[];

export function normalize(r: Ranges): Ranges {
  const pairs: [number, number][] = [];
  for (let i = 0; i < r.length; i += 2) pairs.push([r[i], r[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [a, b] of pairs) {
    const last = out.length - 1;
    if (last > 0 && a <= out[last] + 1) out[last] = Math.max(out[last], b);
    else out.push(a, b);
  }
  return out;
}

export function complement(r: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (let i = 0; i < r.length; i += 2) {
    if (r[i] > next) out.push(next, r[i] - 1);
    next = r[i + 1] + 1;
  }
  if (next <= MAX_CP) out.push(next, MAX_CP);
  return out;
}

export function intersect(a: Ranges, b: Ranges): Ranges {
  const out: Ranges = [];
  let i = 0,
    j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i], b[j]),
      hi = Math.min(a[i + 1], b[j + 1]);
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1] < b[j + 1]) i += 2;
    else j += 2;
  }
  return out;
}

export function size(r: Ranges): number {
  let n = 0;
  for (let i = 0; i < r.length; i += 2) n += r[i + 1] - r[i] + 1;
  return n;
}

export const DIGIT: Ranges = [0x30, 0x39];
export const WORD: Ranges = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
export const SPACE: Ranges = normalize([
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000,
  0xfeff, 0xfeff,
]);
export const DOT: Ranges = complement([0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029]);
export const NON_SURROGATE: Ranges = [0, 0xd7ff, 0xe000, MAX_CP];

export function escapeRanges(e: "d" | "D" | "w" | "W" | "s" | "S"): Ranges {
  switch (e) {
    case "d":
      return DIGIT;
    case "D":
      return complement(DIGIT);
    case "w":
      return WORD;
    case "W":
      return complement(WORD);
    case "s":
      return SPACE;
    case "S":
      return complement(SPACE);
  }
}

export function cpString(cp: number): string {
  return cp < 0x10000 ? String.fromCharCode(cp) : String.fromCodePoint(cp);
}

/** The code points a class without Unicode properties matches. */
export function classRanges(n: CharacterClass<Features>): Ranges {
  const r: Ranges = [];
  for (const b of n.body) {
    if (b.type === "value") r.push(b.codePoint, b.codePoint);
    else if (b.type === "characterClassRange") r.push(b.min.codePoint, b.max.codePoint);
    else if (b.type === "characterClassEscape") r.push(...escapeRanges(b.value));
  }
  const set = normalize(r);
  return n.negative ? complement(set) : set;
}

export function onlySurrogates(r: Ranges): boolean {
  return r.length > 0 && intersect(r, NON_SURROGATE).length === 0;
}
