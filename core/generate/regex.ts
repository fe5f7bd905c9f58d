// Strings that match a JSON Schema `pattern` (ECMAScript regex with the "u" flag, as ajv
// compiles it), drawn deterministically from an Rng.
//
// Supported exactly: literals and every escape form (\x41 \u0041 \u{1F600} \t \n \cJ \0 ...),
// `.`, \d \w \s \D \W \S, classes with ranges and negation, quantifiers * + ? {n} {n,} {n,m}
// (greedy and lazy alike), capturing / named / non-capturing groups, alternation, back-references
// (\1, \k<name>: they repeat what the group produced in this string), and ^ / $ anywhere.
// Unicode property escapes (\p{..}, \P{..}, also inside classes) draw from a fixed pool of
// representative code points tested once against the real RegExp; the set is exact, the
// choice is a sample of it.
//
// Best effort (generate, then verify with the real RegExp, retry on forked streams):
// lookahead / lookbehind, \b / \B, anchors or back-references in positions that make some
// branches unmatchable, and length bounds whose distribution through the AST is approximate
// (back-references, bodies whose lengths are not a contiguous range). A pattern for which a
// trial at compile time finds no match is reported as "unsupported"; generate() gives up
// (returns undefined) after MAX_ATTEMPTS attempts, so nothing ever loops unboundedly.
//
// Repeat counts without a length target: {n,m} draws from [n, min(m, n + 64)], unbounded
// quantifiers ({n,}, *, +) from [n, n + 8]. A length target may push counts past these caps.
// When minLength exceeds the longest match of a pattern that is not anchored at both ends,
// the match is padded with filler on its unanchored side(s).
// Sets with more than 256 members (`.`, [^...], \S, \W, \D, big ranges) draw from printable
// ASCII when they contain any, else from the rest of the BMP, else from anything they allow;
// lone surrogates are only produced when a set contains nothing else.
import { parse } from "regjsparser";
import type { RootNode, CharacterClass, CharacterClassBody } from "regjsparser";
import { Rng } from "../base/rng";

export interface PatternGenerator {
  /** A string matching the pattern (as `new RegExp(source, "u").test(s)`), optionally trying to keep
   *  its length (in code points) within [minLength, maxLength]; returns undefined when it could not
   *  produce a match within those bounds after a bounded number of attempts (derive retry streams with rng.fork(k)). */
  generate(rng: Rng, minLength?: number, maxLength?: number): string | undefined;
}

export type PatternCompileResult =
  | { ok: true; generator: PatternGenerator }
  | { ok: false; reason: "invalid" | "unsupported"; message: string; offset?: number }; // offset into the pattern source

const FEATURES = { unicodePropertyEscape: true, namedGroups: true, lookbehind: true } as const;
type Ast = RootNode<typeof FEATURES>;

/** Attempts per generate() call; each retry uses rng.fork(attempt). */
const MAX_ATTEMPTS = 48;
/** generate() calls made at compile time before declaring a pattern unsupported. */
const TRIAL_CALLS = 3;
const UNBOUNDED_EXTRA = 8;
const BOUNDED_SPAN_CAP = 64;
const MAX_CP = 0x10ffff;

// ---------------------------------------------------------------------------------------------
// Caches

const regExpCache = new Map<string, RegExp | null>();
const compileCache = new Map<string, PatternCompileResult>();

/** A cached `new RegExp(source, "u")`, or undefined when invalid. */
export function patternRegExp(source: string): RegExp | undefined {
  let re = regExpCache.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source, "u");
    } catch {
      re = null;
    }
    regExpCache.set(source, re);
  }
  return re ?? undefined;
}

/** Compile once (cache by source in a Map); never throws. */
export function compilePattern(source: string): PatternCompileResult {
  let result = compileCache.get(source);
  if (result === undefined) {
    try {
      result = compileUncached(source);
    } catch (e) {
      result = { ok: false, reason: "unsupported", message: `cannot compile pattern: ${errorText(e)}` };
    }
    compileCache.set(source, result);
  }
  return result;
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}

function parserOffset(e: unknown): number | undefined {
  const m = /at position (\d+)/.exec(errorText(e));
  return m ? Number(m[1]) : undefined;
}

function compileUncached(source: string): PatternCompileResult {
  const re = patternRegExp(source);
  let ast: Ast;
  try {
    ast = parse(source, "u", FEATURES);
  } catch (e) {
    // The engine is the authority on validity; the parser only tells us where.
    if (!re) return { ok: false, reason: "invalid", message: errorText(e), offset: parserOffset(e) };
    return { ok: false, reason: "unsupported", message: `pattern syntax not supported: ${errorText(e)}`, offset: parserOffset(e) };
  }
  if (!re) {
    let message = "invalid regular expression";
    try {
      new RegExp(source, "u");
    } catch (e) {
      message = errorText(e);
    }
    return { ok: false, reason: "invalid", message, offset: engineOnlyErrorOffset(ast) };
  }
  const height = starHeight(ast);
  if (height > MAX_STAR_HEIGHT) {
    // Checking a candidate against such a pattern can backtrack for minutes, in ajv too.
    return { ok: false, reason: "unsupported", message: `unbounded repetition nested ${height} deep (more than ${MAX_STAR_HEIGHT}): matching it can take exponential time` };
  }
  const compiler = new Compiler(ast);
  const root = compiler.compile(ast);
  if (root.never) return { ok: false, reason: "unsupported", message: "pattern can never match" };
  const generator = new Generator(root, re, compiler.groupCount, producesOnlyMatches(ast));
  for (let k = 0; k < TRIAL_CALLS; k++) {
    if (generator.generate(new Rng({ hi: 0x7e57ab1e, lo: k })) !== undefined) return { ok: true, generator };
  }
  return {
    ok: false,
    reason: "unsupported",
    message: "no matching string found (lookaround, word-boundary or anchor constraints could not be satisfied)",
  };
}

/** Where the engine's objection probably lies when the parser accepted the pattern. */
function engineOnlyErrorOffset(ast: Ast): number | undefined {
  const names = new Set<string>();
  let offset: number | undefined;
  walk(ast, (n) => {
    if (offset !== undefined) return;
    if (n.type === "unicodePropertyEscape" && !patternRegExp(n.raw)) offset = n.range[0];
    else if (n.type === "characterClass") {
      for (const b of n.body) if (b.type === "unicodePropertyEscape" && !patternRegExp(b.raw)) offset = b.range[0];
    } else if (n.type === "group" && n.behavior === "normal" && n.name) {
      if (names.has(n.name.value)) offset = n.name.range[0];
      names.add(n.name.value);
    }
  });
  return offset;
}

/** Unbounded repetitions nested inside each other ("(a*)*" is 2) deeper than this are refused. */
const MAX_STAR_HEIGHT = 3;

function starHeight(n: Ast): number {
  if (n.type === "quantifier") {
    const inner = Math.max(0, ...(n.body as Ast[]).map(starHeight));
    return inner + (n.max === undefined ? 1 : 0);
  }
  if (n.type === "alternative" || n.type === "disjunction" || n.type === "group") {
    return Math.max(0, ...(n.body as Ast[]).map(starHeight));
  }
  return 0;
}

/**
 * Whether every string the compiled pieces produce (without padding) is a match by construction,
 * so generate() need not run the RegExp: no lookaround, \b/\B, back-reference or Unicode
 * property, anchors only at the two ends of the top-level sequence, and no set that can only
 * give lone surrogates (two of them in a row would pair up into one code point).
 */
function producesOnlyMatches(ast: Ast): boolean {
  const top = ast.type === "alternative" ? (ast.body as Ast[]) : [ast];
  let ok = true;
  walk(ast, (n) => {
    if (!ok) return;
    if (n.type === "anchor") {
      const i = top.indexOf(n);
      ok = (n.kind === "start" && i === 0) || (n.kind === "end" && i === top.length - 1);
    } else if (n.type === "group") ok = n.behavior === "normal" || n.behavior === "ignore";
    else if (n.type === "reference" || n.type === "unicodePropertyEscape") ok = false;
    else if (n.type === "characterClass") {
      ok = !(n.body as CharacterClassBody[]).some((b) => b.type === "unicodePropertyEscape") && !onlySurrogates(classRanges(n));
    }
  });
  return ok;
}

function walk(n: Ast, visit: (n: Ast) => void): void {
  visit(n);
  if (n.type === "alternative" || n.type === "disjunction" || n.type === "group" || n.type === "quantifier") {
    for (const c of n.body as Ast[]) walk(c, visit);
  }
}

// ---------------------------------------------------------------------------------------------
// Generation state and compiled pieces

interface State {
  out: string;
  /** Length of `out` in code points. */
  len: number;
  caps: (string | undefined)[];
  capLens: number[];
  usedStart: boolean;
  usedEnd: boolean;
  /** Odd attempts also emit the bodies of positive lookarounds (see Compiler.group). */
  emitLook: boolean;
}

/** t < 0: no length target; otherwise the code-point length this piece should produce. */
type GenFn = (st: State, rng: Rng, t: number) => void;
type Pick = (rng: Rng) => string;

interface Piece {
  lo: number; // shortest output
  hi: number; // longest output (may be Infinity)
  soft: number; // longest output without a length target (always finite)
  never: boolean; // matches nothing
  gen: GenFn;
  /** gen(st, rng, -1) as a plain string function, where the piece can have one (no anchors, captures or lookarounds). */
  plain?: (rng: Rng) => string;
  pick?: Pick; // set when the piece is exactly one code point drawn from a set
  literal?: string; // set when the piece always produces this string
  capture?: number; // set on a capturing group: its index
  refTo?: number; // set on a back-reference to exactly one group: that group's index
}

const noop: GenFn = () => {};
const NEVER: Piece = { lo: 0, hi: 0, soft: 0, never: true, gen: noop };
const EMPTY: Piece = { lo: 0, hi: 0, soft: 0, never: false, gen: noop, plain: () => "" };

function literalPiece(s: string, cpLen: number): Piece {
  return {
    lo: cpLen,
    hi: cpLen,
    soft: cpLen,
    never: false,
    literal: s,
    plain: () => s,
    gen: (st) => {
      st.out += s;
      st.len += cpLen;
    },
  };
}

function charPiece(pick: Pick | undefined): Piece {
  if (!pick) return NEVER;
  return {
    lo: 1,
    hi: 1,
    soft: 1,
    never: false,
    pick,
    plain: pick,
    gen: (st, rng) => {
      st.out += pick(rng);
      st.len++;
    },
  };
}

/** Uniform draw in [a, b]; tolerant of a > b (returns a) so targets never need pre-validation. */
function draw(rng: Rng, a: number, b: number): number {
  return b > a ? rng.int(a, b) : a;
}

class Compiler {
  groupCount = 0;
  private readonly groupsByName = new Map<string, number[]>();
  private readonly groupPieces: (Piece | undefined)[] = [];

  constructor(ast: Ast) {
    // Named references may point forward, so names are collected before compiling.
    let n = 0;
    walk(ast, (node) => {
      if (node.type === "group" && node.behavior === "normal") {
        n++;
        if (node.name) {
          const list = this.groupsByName.get(node.name.value) ?? [];
          list.push(n);
          this.groupsByName.set(node.name.value, list);
        }
      }
    });
  }

  compile(n: Ast): Piece {
    switch (n.type) {
      case "value":
        return literalPiece(String.fromCodePoint(n.codePoint), 1);
      case "alternative":
        return this.sequence(n.body);
      case "disjunction":
        return this.disjunction(n.body.map((b) => this.compile(b)));
      case "group":
        return this.group(n);
      case "quantifier":
        return this.quantifier(n.body[0], n.min, n.max ?? Infinity);
      case "anchor":
        if (n.kind === "start") return { ...EMPTY, gen: (st) => void (st.usedStart = true) };
        if (n.kind === "end") return { ...EMPTY, gen: (st) => void (st.usedEnd = true) };
        return EMPTY; // \b \B: left to verification
      case "dot":
        return charPiece(cachedPicker(".", () => rangePicker(DOT)));
      case "characterClassEscape":
        return charPiece(cachedPicker(n.raw, () => rangePicker(escapeRanges(n.value))));
      case "unicodePropertyEscape":
        return charPiece(cachedPicker(n.raw, () => regexPicker(n.raw, [])));
      case "characterClass":
        return charPiece(cachedPicker(n.raw, () => classPicker(n)));
      case "reference":
        return this.reference(n.matchIndex !== undefined ? [n.matchIndex] : (this.groupsByName.get(n.name.value) ?? []));
      default:
        throw new Error(`unknown regex node ${(n as { type: string }).type}`);
    }
  }

  private sequence(body: Ast[]): Piece {
    const parts: Piece[] = [];
    let lit = "";
    let litLen = 0;
    const flush = () => {
      if (litLen > 0) parts.push(literalPiece(lit, litLen));
      lit = "";
      litLen = 0;
    };
    for (const c of body) {
      if (c.type === "value") {
        lit += String.fromCodePoint(c.codePoint);
        litLen++;
        continue;
      }
      flush();
      const p = this.compile(c);
      if (p.never) return NEVER;
      if (p !== EMPTY) parts.push(p);
    }
    flush();
    if (parts.length === 0) return EMPTY;
    if (parts.length === 1) return parts[0];

    // A back-reference to a group that is a direct part of this sequence always repeats it, so
    // the group's extra length counts once per copy when a target is spread.
    const count = parts.length;
    const mult = parts.map(() => 1);
    const effLo = parts.map((p) => p.lo);
    const effSlack = parts.map((p) => p.hi - p.lo);
    for (let j = 0; j < count; j++) {
      const ref = parts[j].refTo;
      if (ref === undefined) continue;
      for (let i = 0; i < j; i++) {
        if (parts[i].capture === ref) {
          mult[i]++;
          effLo[j] = parts[i].lo;
          effSlack[j] = 0;
          break;
        }
      }
    }
    let lo = 0, hi = 0, soft = 0;
    for (let i = 0; i < count; i++) {
      lo += effLo[i];
      hi += parts[i].hi;
      soft += parts[i].soft;
    }
    const gens = parts.map((p) => p.gen);
    const los = parts.map((p) => p.lo);
    const slack = parts.map((p) => p.hi - p.lo);
    const restSlack = new Array<number>(count).fill(0);
    for (let i = 0; i < count; i++) if (mult[i] > 1) effSlack[i] = mult[i] * slack[i];
    for (let i = count - 2; i >= 0; i--) restSlack[i] = restSlack[i + 1] + effSlack[i + 1];
    const plains = parts.every((p) => p.plain) ? parts.map((p) => p.plain!) : undefined;
    return {
      lo, hi, soft, never: false,
      plain: plains && ((rng) => {
        let s = "";
        for (let i = 0; i < count; i++) s += plains[i](rng);
        return s;
      }),
      gen: (st, rng, t) => {
        if (t < 0) {
          for (let i = 0; i < count; i++) gens[i](st, rng, -1);
          return;
        }
        // Spread the extra length over the parts, each taking a uniform share of what the
        // parts after it could not absorb.
        let extra = t - lo;
        for (let i = 0; i < count; i++) {
          const m = mult[i];
          let x = 0;
          if (extra > 0 && effSlack[i] > 0) {
            x = m === 1
              ? draw(rng, Math.max(0, extra - restSlack[i]), Math.min(extra, slack[i]))
              : draw(rng, Math.ceil(Math.max(0, extra - restSlack[i]) / m), Math.min(Math.floor(extra / m), slack[i]));
            extra -= m * x;
          }
          gens[i](st, rng, los[i] + x);
        }
      },
    };
  }

  private disjunction(all: Piece[]): Piece {
    const alts = all.filter((p) => !p.never);
    if (alts.length === 0) return NEVER;
    if (alts.length === 1) return alts[0];
    let lo = Infinity, hi = 0, soft = 0;
    for (const p of alts) {
      lo = Math.min(lo, p.lo);
      hi = Math.max(hi, p.hi);
      soft = Math.max(soft, p.soft);
    }
    const n = alts.length;
    const plains = alts.every((p) => p.plain) ? alts.map((p) => p.plain!) : undefined;
    return {
      lo, hi, soft, never: false,
      plain: plains && ((rng) => plains[rng.int(0, n - 1)](rng)),
      gen: (st, rng, t) => {
        if (t < 0) {
          alts[rng.int(0, n - 1)].gen(st, rng, -1);
          return;
        }
        let fits = 0;
        for (let i = 0; i < n; i++) if (alts[i].lo <= t && t <= alts[i].hi) fits++;
        if (fits === 0) {
          alts[rng.int(0, n - 1)].gen(st, rng, t);
          return;
        }
        let k = rng.int(0, fits - 1);
        for (let i = 0; i < n; i++) {
          if (alts[i].lo <= t && t <= alts[i].hi && k-- === 0) {
            alts[i].gen(st, rng, t);
            return;
          }
        }
      },
    };
  }

  private group(n: Extract<Ast, { type: "group" }>): Piece {
    if (n.behavior === "normal") {
      const index = ++this.groupCount;
      const body = this.sequence(n.body);
      this.groupPieces[index] = body;
      if (body.never) return NEVER;
      return {
        lo: body.lo, hi: body.hi, soft: body.soft, never: false, capture: index,
        // Only exact patterns use plain(), and they have no back-references to read captures.
        plain: body.plain,
        gen: (st, rng, t) => {
          const start = st.out.length, len0 = st.len;
          body.gen(st, rng, t);
          st.caps[index] = st.out.slice(start);
          st.capLens[index] = st.len - len0;
        },
      };
    }
    const body = this.sequence(n.body);
    if (n.behavior === "ignore") return body;
    if (n.behavior === "negativeLookahead" || n.behavior === "negativeLookbehind") return EMPTY;
    // A positive lookaround is zero-width, so normally the surrounding text must satisfy it.
    // When it sits at an edge of an unanchored pattern (`(?<=\$)\d+`, `a(?=b)`) emitting its
    // body as real text is what makes a match; odd attempts try that instead.
    if (body.never) return NEVER;
    return { ...EMPTY, plain: undefined, gen: (st, rng) => { if (st.emitLook) body.gen(st, rng, -1); } };
  }

  private reference(indices: number[]): Piece {
    let hi = 0, soft = 0;
    for (const i of indices) {
      const g = this.groupPieces[i]; // undefined while the group is still open or not yet seen
      if (g) {
        hi = Math.max(hi, g.hi);
        soft = Math.max(soft, g.soft);
      }
    }
    if (hi === 0) return EMPTY;
    return {
      lo: 0, hi, soft, never: false, refTo: indices.length === 1 ? indices[0] : undefined,
      gen: (st) => {
        for (const i of indices) {
          const c = st.caps[i];
          if (c !== undefined) {
            st.out += c;
            st.len += st.capLens[i];
            return;
          }
        }
      },
    };
  }

  private quantifier(bodyAst: Ast, min: number, max: number): Piece {
    const firstGroup = this.groupCount + 1;
    const body = this.compile(bodyAst);
    const lastGroup = this.groupCount;
    if (max === 0) return EMPTY;
    if (body.never) return min === 0 ? EMPTY : NEVER;
    const softCount = max === Infinity ? min + UNBOUNDED_EXTRA : Math.min(max, min + BOUNDED_SPAN_CAP);
    const bl = body.lo, bh = body.hi;
    const lo = min * bl;
    const hi = bh === 0 ? 0 : max * bh;
    const soft = softCount * body.soft;
    const bodyGen = body.gen;

    if (body.literal !== undefined && min === max) return literalPiece(body.literal.repeat(min), lo);

    const pick = body.pick;
    if (pick) {
      const repeat = repeater(pick);
      return {
        lo, hi, soft, never: false,
        plain: (rng) => repeat(rng, draw(rng, min, softCount)),
        gen: (st, rng, t) => {
          const c = t < 0 ? draw(rng, min, softCount) : Math.min(Math.max(t, min), max);
          st.out += repeat(rng, c);
          st.len += c;
        },
      };
    }

    // JS resets the captures inside a quantified atom at every iteration.
    const resetCaps = lastGroup >= firstGroup
      ? (st: State) => {
          for (let g = firstGroup; g <= lastGroup; g++) {
            st.caps[g] = undefined;
            st.capLens[g] = 0;
          }
        }
      : undefined;
    const bodySlack = bh - bl;
    const bodyPlain = body.plain;

    return {
      lo, hi, soft, never: false,
      plain: bodyPlain && ((rng) => {
        const c = draw(rng, min, softCount);
        let s = "";
        for (let k = 0; k < c; k++) s += bodyPlain(rng);
        return s;
      }),
      gen: (st, rng, t) => {
        if (t < 0) {
          const c = draw(rng, min, softCount);
          for (let k = 0; k < c; k++) {
            if (resetCaps) resetCaps(st);
            bodyGen(st, rng, -1);
          }
          return;
        }
        let c: number;
        if (bh === 0) {
          c = draw(rng, min, softCount);
        } else {
          let cLow = Math.max(min, Math.ceil(t / bh));
          if (t > 0) cLow = Math.max(cLow, 1);
          const cHigh = bl > 0 ? Math.min(max, Math.floor(t / bl)) : Math.min(max, Math.max(cLow, softCount));
          c = cLow <= cHigh ? draw(rng, cLow, cHigh) : Math.min(cLow, max);
        }
        let extra = t - c * bl;
        for (let k = 0; k < c; k++) {
          const left = c - 1 - k;
          const rest = left === 0 ? 0 : left * bodySlack;
          const x = extra <= 0 ? 0 : draw(rng, Math.max(0, extra - rest), Math.min(extra, bodySlack));
          extra -= x;
          if (resetCaps) resetCaps(st);
          bodyGen(st, rng, bl + x);
        }
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Character sets: sorted, merged, inclusive code-point ranges as a flat [lo0, hi0, lo1, hi1, ...]

type Ranges = number[];

function normalize(r: Ranges): Ranges {
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

function complement(r: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (let i = 0; i < r.length; i += 2) {
    if (r[i] > next) out.push(next, r[i] - 1);
    next = r[i + 1] + 1;
  }
  if (next <= MAX_CP) out.push(next, MAX_CP);
  return out;
}

function intersect(a: Ranges, b: Ranges): Ranges {
  const out: Ranges = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i], b[j]), hi = Math.min(a[i + 1], b[j + 1]);
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1] < b[j + 1]) i += 2;
    else j += 2;
  }
  return out;
}

function size(r: Ranges): number {
  let n = 0;
  for (let i = 0; i < r.length; i += 2) n += r[i + 1] - r[i] + 1;
  return n;
}

const DIGIT: Ranges = [0x30, 0x39];
const WORD: Ranges = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE: Ranges = normalize([
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029,
  0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
]);
const DOT: Ranges = complement([0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029]);
const NON_SURROGATE: Ranges = [0, 0xd7ff, 0xe000, MAX_CP];
const PRINTABLE_ASCII: Ranges = [0x20, 0x7e];
const OTHER_BMP: Ranges = [0xa1, 0xd7ff, 0xf900, 0xfffd];
const LARGE_SET = 256;
const TABLE_LIMIT = 4096;

function escapeRanges(e: "d" | "D" | "w" | "W" | "s" | "S"): Ranges {
  switch (e) {
    case "d": return DIGIT;
    case "D": return complement(DIGIT);
    case "w": return WORD;
    case "W": return complement(WORD);
    case "s": return SPACE;
    case "S": return complement(SPACE);
  }
}

function cpString(cp: number): string {
  return cp < 0x10000 ? String.fromCharCode(cp) : String.fromCodePoint(cp);
}

const pickerCache = new Map<string, Pick | null>();

function cachedPicker(raw: string, build: () => Pick | undefined): Pick | undefined {
  let p = pickerCache.get(raw);
  if (p === undefined) {
    p = build() ?? null;
    pickerCache.set(raw, p);
  }
  return p ?? undefined;
}

function rangePicker(all: Ranges): Pick | undefined {
  let r = all;
  const ns = intersect(r, NON_SURROGATE);
  if (ns.length > 0) r = ns;
  if (size(r) > LARGE_SET) {
    // Fixtures read better from the printable ASCII part of a broad set.
    const ascii = intersect(r, PRINTABLE_ASCII);
    const bmp = intersect(r, OTHER_BMP);
    if (ascii.length > 0) r = ascii;
    else if (bmp.length > 0) r = bmp;
  }
  const n = size(r);
  if (n === 0) return undefined;
  if (n <= TABLE_LIMIT) {
    const table: string[] = [];
    for (let i = 0; i < r.length; i += 2) for (let cp = r[i]; cp <= r[i + 1]; cp++) table.push(cpString(cp));
    return tablePicker(table);
  }
  if (r.length === 2) {
    const base = r[0];
    return (rng) => cpString(base + rng.int(0, n - 1));
  }
  const starts: number[] = [];
  const offsets: number[] = [];
  let acc = 0;
  for (let i = 0; i < r.length; i += 2) {
    starts.push(r[i]);
    offsets.push(acc);
    acc += r[i + 1] - r[i] + 1;
  }
  return (rng) => {
    const k = rng.int(0, n - 1);
    let a = 0, b = offsets.length - 1;
    while (a < b) {
      const m = (a + b + 1) >> 1;
      if (offsets[m] <= k) a = m;
      else b = m - 1;
    }
    return cpString(starts[a] + k - offsets[a]);
  };
}

/**
 * c independent draws of a picker, concatenated. A picker over a table of up to 256 entries
 * (digits, letters, [A-Z0-9], hex…) takes its draws a byte at a time, four per random word,
 * rejecting the bytes at and above the largest multiple of the table size, so every entry stays
 * exactly equally likely; other pickers draw once per character.
 */
function repeater(pick: Pick): (rng: Rng, c: number) => string {
  const table = pickTables.get(pick);
  if (!table || table.length > 256) {
    return (rng, c) => {
      let s = "";
      for (let k = 0; k < c; k++) s += pick(rng);
      return s;
    };
  }
  const n = table.length;
  const limit = 256 - (256 % n);
  return (rng, c) => {
    let s = "";
    let word = 0, left = 0;
    for (let k = 0; k < c; k++) {
      let b: number;
      do {
        if (left === 0) (word = rng.next()), (left = 4);
        b = word & 255;
        word >>>= 8;
        left--;
      } while (b >= limit);
      s += table[b % n];
    }
    return s;
  };
}

/** The table behind each picker that draws one uniform entry of it (see repeater). */
const pickTables = new WeakMap<Pick, readonly string[]>();

function tablePicker(table: string[]): Pick | undefined {
  const n = table.length;
  if (n === 0) return undefined;
  if (n === 1) {
    const only = table[0];
    return () => only;
  }
  const pick: Pick = (rng) => table[rng.int(0, n - 1)];
  pickTables.set(pick, table);
  return pick;
}

function classPicker(n: CharacterClass<typeof FEATURES>): Pick | undefined {
  const body = n.body as CharacterClassBody[];
  if (body.some((b) => b.type === "unicodePropertyEscape")) {
    const extra: number[] = [];
    for (const b of body) {
      if (b.type === "value") extra.push(b.codePoint);
      else if (b.type === "characterClassRange") {
        const a = b.min.codePoint, z = b.max.codePoint;
        const step = Math.max(1, Math.floor((z - a) / 64));
        for (let cp = a; cp <= z; cp += step) extra.push(cp);
        extra.push(z);
      }
    }
    return regexPicker(n.raw, extra);
  }
  return rangePicker(classRanges(n));
}

/** The code points a class without Unicode properties matches. */
function classRanges(n: CharacterClass<typeof FEATURES>): Ranges {
  const r: Ranges = [];
  for (const b of n.body as CharacterClassBody[]) {
    if (b.type === "value") r.push(b.codePoint, b.codePoint);
    else if (b.type === "characterClassRange") r.push(b.min.codePoint, b.max.codePoint);
    else if (b.type === "characterClassEscape") r.push(...escapeRanges(b.value));
  }
  const set = normalize(r);
  return n.negative ? complement(set) : set;
}

function onlySurrogates(r: Ranges): boolean {
  return r.length > 0 && intersect(r, NON_SURROGATE).length === 0;
}

// Unicode properties: membership is decided by the engine itself, on a pool of representative
// code points (every script block the pool touches, sampled more sparsely where blocks are huge).
const POOL_SPEC: [number, number, number][] = [
  [0x00, 0x7e, 1], [0x7f, 0x24f, 1], [0x250, 0x36f, 1], [0x370, 0x74f, 1], [0x750, 0x8ff, 3],
  [0x900, 0xdff, 1], [0xe00, 0xfff, 1], [0x1000, 0x13ff, 1], [0x1400, 0x167f, 13], [0x1680, 0x18af, 1],
  [0x18b0, 0x1dff, 5], [0x1e00, 0x1fff, 1], [0x2000, 0x2bff, 2], [0x2c00, 0x2e7f, 1], [0x2e80, 0x2fff, 7],
  [0x3000, 0x31ff, 1], [0x3200, 0x4dff, 31], [0x4e00, 0x9fff, 37], [0xa000, 0xa4cf, 11], [0xa4d0, 0xabff, 3],
  [0xac00, 0xd7a3, 97], [0xd7b0, 0xd7ff, 5], [0xe000, 0xf8ff, 257], [0xf900, 0xfaff, 7], [0xfb00, 0xffff, 1],
  [0x10000, 0x1007f, 3], [0x10080, 0x10fff, 17], [0x11000, 0x1bfff, 127], [0x1d000, 0x1d7ff, 5],
  [0x1e800, 0x1efff, 31], [0x1f000, 0x1f2ff, 7], [0x1f300, 0x1faff, 2], [0x20000, 0x2ffff, 997],
  [0x30000, 0x3134f, 499], [0xe0000, 0xe01ef, 1], [0xf0000, 0x10ffff, 4099],
];

interface PoolEntry {
  s: string;
  tier: 0 | 1 | 2; // printable ASCII, other ordinary characters, control/format/unassigned/private
}
let pool: PoolEntry[] | undefined;
const UNUSUAL = /^[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}]$/u;

function getPool(): PoolEntry[] {
  if (!pool) {
    pool = [];
    for (const [a, z, step] of POOL_SPEC) {
      for (let cp = a; cp <= z; cp += step) pool.push(poolEntry(cp));
    }
  }
  return pool;
}

function poolEntry(cp: number): PoolEntry {
  const s = cpString(cp);
  return { s, tier: cp >= 0x20 && cp <= 0x7e ? 0 : UNUSUAL.test(s) ? 2 : 1 };
}

function regexPicker(raw: string, extra: number[]): Pick | undefined {
  const re = patternRegExp(`^(?:${raw})$`);
  if (!re) return undefined;
  const tiers: string[][] = [[], [], []];
  const seen = new Set<string>();
  const consider = (e: PoolEntry) => {
    if (!seen.has(e.s) && re.test(e.s)) {
      seen.add(e.s);
      tiers[e.tier].push(e.s);
    }
  };
  for (const e of getPool()) consider(e);
  for (const cp of extra) if (cp < 0xd800 || cp > 0xdfff) consider(poolEntry(cp));
  if (seen.size === 0) scanAll(re, (cp) => consider(poolEntry(cp)), () => seen.size >= 1024);
  const [ascii, other, rare] = tiers;
  if (ascii.length > 0 && other.length > 0) {
    // Half the draws stay readable, half show the set really is about more than ASCII.
    const pa = tablePicker(ascii)!, po = tablePicker(other)!;
    return (rng) => (rng.int(0, 1) === 0 ? pa(rng) : po(rng));
  }
  return tablePicker(ascii.length > 0 ? ascii : other.length > 0 ? other : rare);
}

/** The whole code space, for properties the pool misses; surrogates last and one at a time. */
function scanAll(re: RegExp, found: (cp: number) => void, enough: () => boolean): void {
  for (let cp = 0; cp <= MAX_CP && !enough(); cp++) {
    if (cp === 0xd800) cp = 0xe000;
    if (re.test(cpString(cp))) found(cp);
  }
  for (let cp = 0xd800; cp <= 0xdfff && !enough(); cp++) if (re.test(cpString(cp))) found(cp);
}

// ---------------------------------------------------------------------------------------------

const PAD_ALPHABETS = ["abcdefghijklmnopqrstuvwxyz0123456789", " "];

class Generator implements PatternGenerator {
  private readonly st: State;

  constructor(
    private readonly root: Piece,
    private readonly re: RegExp,
    groupCount: number,
    /** Unpadded output always matches (see producesOnlyMatches): no RegExp run needed. */
    private readonly exact: boolean,
  ) {
    this.st = {
      out: "",
      len: 0,
      caps: new Array<string | undefined>(groupCount + 1).fill(undefined),
      capLens: new Array<number>(groupCount + 1).fill(0),
      usedStart: false,
      usedEnd: false,
      emitLook: false,
    };
  }

  generate(rng: Rng, minLength?: number, maxLength?: number): string | undefined {
    const root = this.root, st = this.st;
    const minL = minLength === undefined ? 0 : Math.max(0, Math.ceil(minLength));
    const maxL = maxLength === undefined ? Infinity : Math.floor(maxLength);
    if (minL > maxL || root.lo > maxL) return undefined;
    const free = minL <= root.lo && root.soft <= maxL;
    const bodyLo = Math.max(root.lo, minL);
    const targetable = bodyLo <= root.hi;
    const upper = Math.min(root.hi, maxL, Math.max(root.soft, bodyLo + UNBOUNDED_EXTRA));
    const caps = st.caps;
    // The common case (a plain pattern, lengths that cannot bind): one pass, nothing to check.
    if (free && this.exact && root.plain) return root.plain(rng);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const r = attempt === 0 ? rng : rng.fork(attempt);
      st.out = "";
      st.len = 0;
      for (let g = 1; g < caps.length; g++) caps[g] = undefined;
      st.usedStart = st.usedEnd = false;
      st.emitLook = (attempt & 1) === 1;
      root.gen(st, r, free || !targetable ? -1 : draw(r, bodyLo, upper));
      let s = st.out;
      let len = st.len;
      // Every other pair of attempts puts a little context around the match, for \B and
      // lookarounds at the edges; any attempt pads a too-short match of an unanchored pattern.
      const anchoredBoth = st.usedStart && st.usedEnd;
      const wantContext = (attempt & 2) !== 0 && len + 1 <= maxL && !anchoredBoth;
      if (len < minL && anchoredBoth) continue;
      if (len < minL || wantContext) {
        const need = Math.max(minL - len, wantContext ? 1 : 0);
        const n = draw(r, need, Math.min(maxL - len, need + 2));
        const left = st.usedStart ? 0 : st.usedEnd ? n : draw(r, 0, n);
        const alphabet = PAD_ALPHABETS[(attempt >> 3) & 1];
        let pre = "", post = "";
        for (let k = 0; k < left; k++) pre += alphabet[r.int(0, alphabet.length - 1)];
        for (let k = left; k < n; k++) post += alphabet[r.int(0, alphabet.length - 1)];
        s = pre + s + post;
        len += n;
      }
      if (len < minL || len > maxL) continue;
      if (this.re.test(s)) return s;
    }
    return undefined;
  }
}
