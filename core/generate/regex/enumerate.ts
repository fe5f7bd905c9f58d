// The n-th string of a pattern: for `x-unique` strings, a bijection between [0, size) and the
// strings a pattern matches, when that set is finite and can be written as a disjoint union of
// fixed-length templates (one character set per position):
//   ^[A-Z]{3}-[0-9]{5}$        one template, 26³·10⁵ strings
//   ^[0-9]{5}(-[0-9]{4})?$     two templates (lengths 5 and 10)
//   ^(RED|BLUE)-[0-9]{2}$      two templates of different lengths
// Literals, classes, \d \w, groups, alternation and bounded quantifiers ({n}, {m,n}, ?) are
// understood; `.`, negated classes and \D \W \S count only their printable ASCII members.
// Anything else (unbounded quantifiers, lookaround, back-references, \b, \p{…}) is not
// enumerable, nor is a pattern whose templates could produce the same string twice.
import { parse } from "regjsparser";
import { FEATURES, type Ast } from "./source";

/** Caps that keep the expansion small. */
const MAX_TEMPLATES = 256;
const MAX_REPEAT = 64;
const PRINTABLE: number[] = Array.from({ length: 0x7f - 0x20 }, (_, k) => 0x20 + k);

/** One character set per position; a set is a sorted list of code points. */
type Template = number[][];

export interface PatternSpace {
  /** How many strings the pattern matches (within the length bounds given). */
  size: bigint;
  /** The n-th of them, 0 ≤ n < size. */
  nth(n: bigint): string;
}

class NotEnumerable extends Error {}

const cache = new Map<string, PatternSpace | string>();

/** The pattern's strings as a numbered space, or the reason it cannot be one. */
export function patternSpace(source: string, minLength = 0, maxLength?: number): PatternSpace | string {
  const key = `${minLength}:${maxLength ?? ""}:${source}`;
  let r = cache.get(key);
  if (r !== undefined) return r;
  r = build(source, minLength, maxLength);
  if (cache.size > 512) cache.clear();
  cache.set(key, r);
  return r;
}

function build(source: string, minLength: number, maxLength: number | undefined): PatternSpace | string {
  let ast: Ast;
  try {
    ast = parse(source, "u", FEATURES);
  } catch (e) {
    return `the pattern does not parse: ${(e as Error).message.split("\n")[0]}`;
  }
  let templates: Template[];
  try {
    templates = expand(ast);
  } catch (e) {
    if (e instanceof NotEnumerable) return e.message;
    throw e;
  }
  templates = templates.filter(
    (t) => t.length >= minLength && (maxLength === undefined || t.length <= maxLength) && t.every((s) => s.length > 0),
  );
  if (!templates.length) return "the pattern matches no string within the length bounds";
  // The union must be disjoint: two templates of one length differ somewhere in disjoint sets.
  for (let a = 0; a < templates.length; a++) {
    for (let b = a + 1; b < templates.length; b++) {
      const x = templates[a],
        y = templates[b];
      if (x.length !== y.length) continue;
      if (!x.some((set, k) => disjoint(set, y[k]))) return "the pattern can produce the same string in two ways";
    }
  }
  const counts = templates.map((t) => t.reduce((acc, set) => acc * BigInt(set.length), 1n));
  const size = counts.reduce((a, c) => a + c, 0n);
  return {
    size,
    nth(n: bigint): string {
      let k = 0;
      while (k < templates.length - 1 && n >= counts[k]) n -= counts[k++];
      const t = templates[k];
      const chars = new Array<string>(t.length);
      for (let p = t.length - 1; p >= 0; p--) {
        const base = BigInt(t[p].length);
        chars[p] = String.fromCodePoint(t[p][Number(n % base)]);
        n /= base;
      }
      return chars.join("");
    },
  };
}

function disjoint(a: number[], b: number[]): boolean {
  let i = 0,
    j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) return false;
    if (a[i] < b[j]) i++;
    else j++;
  }
  return true;
}

function set(cps: Iterable<number>): number[] {
  return [...new Set(cps)].sort((a, b) => a - b);
}

function escapeSet(value: string): number[] {
  const digits = Array.from({ length: 10 }, (_, k) => 0x30 + k);
  const word = [...digits, ...Array.from({ length: 26 }, (_, k) => 0x41 + k), 0x5f, ...Array.from({ length: 26 }, (_, k) => 0x61 + k)];
  switch (value) {
    case "d":
      return digits;
    case "w":
      return set(word);
    case "D":
      return PRINTABLE.filter((c) => !digits.includes(c));
    case "W":
      return PRINTABLE.filter((c) => !word.includes(c));
    case "S":
      return PRINTABLE.filter((c) => c !== 0x20);
    case "s":
      return [0x20];
  }
  throw new NotEnumerable(`\\${value} is not enumerable`);
}

function product(parts: Template[][]): Template[] {
  let acc: Template[] = [[]];
  for (const p of parts) {
    const next: Template[] = [];
    for (const a of acc) for (const b of p) next.push([...a, ...b]);
    if (next.length > MAX_TEMPLATES) throw new NotEnumerable("the pattern has too many variants to enumerate");
    acc = next;
  }
  return acc;
}

function expand(n: Ast): Template[] {
  switch (n.type) {
    case "value":
      return [[[n.codePoint]]];
    case "dot":
      return [[PRINTABLE.filter((c) => c !== 0x0a && c !== 0x0d)]];
    case "characterClassEscape":
      return [[escapeSet(n.value)]];
    case "characterClass": {
      const cps: number[] = [];
      for (const b of n.body) {
        if (b.type === "value") cps.push(b.codePoint);
        else if (b.type === "characterClassRange") {
          if (b.max.codePoint - b.min.codePoint > 4096) throw new NotEnumerable("a character range is too large to enumerate");
          for (let c = b.min.codePoint; c <= b.max.codePoint; c++) cps.push(c);
        } else if (b.type === "characterClassEscape") cps.push(...escapeSet(b.value));
        else throw new NotEnumerable(`${b.type} in a class is not enumerable`);
      }
      const s = set(cps);
      return [[n.negative ? PRINTABLE.filter((c) => !s.includes(c)) : s]];
    }
    case "alternative":
      return product((n.body as Ast[]).map((c) => expand(c)));
    case "disjunction": {
      const out: Template[] = [];
      for (const alt of n.body as Ast[]) out.push(...expand(alt));
      if (out.length > MAX_TEMPLATES) throw new NotEnumerable("the pattern has too many variants to enumerate");
      return out;
    }
    case "group":
      if (n.behavior !== "normal" && n.behavior !== "ignore") throw new NotEnumerable("lookaround is not enumerable");
      return (n.body as Ast[]).length === 1 ? expand((n.body as Ast[])[0]) : product((n.body as Ast[]).map((c) => expand(c)));
    case "quantifier": {
      const max = n.max;
      if (max === undefined || max > MAX_REPEAT)
        throw new NotEnumerable("an unbounded repetition (*, +, {n,}) has no finite set of strings");
      const body = expand((n.body as Ast[])[0]);
      const out: Template[] = [];
      for (let k = n.min; k <= max; k++) out.push(...product(Array.from({ length: k }, () => body)));
      if (out.length > MAX_TEMPLATES) throw new NotEnumerable("the pattern has too many variants to enumerate");
      return out;
    }
    case "anchor":
      if (n.kind === "start" || n.kind === "end") return [[]];
      throw new NotEnumerable("word boundaries are not enumerable");
    default:
      throw new NotEnumerable(`${n.type} is not enumerable`);
  }
}
