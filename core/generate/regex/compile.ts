// Compilation of a parsed pattern into pieces: each AST node becomes a Piece that knows the
// range of lengths it can produce and appends a matching string to the generation state, either
// freely or aiming at a length target that sequences and quantifiers spread over their parts.
// Repeat counts without a length target: {n,m} draws from [n, min(m, n + 64)], unbounded
// quantifiers ({n,}, *, +) from [n, n + 8]. A length target may push counts past these caps.
import type { Rng } from "../../base/rng";
import { walk, type Ast } from "./source";
import { DOT, escapeRanges } from "./charset";
import { cachedPicker, classPicker, rangePicker, regexPicker, repeater, type Pick } from "./pickers";

export const UNBOUNDED_EXTRA = 8;
const BOUNDED_SPAN_CAP = 64;

export interface State {
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

export interface Piece {
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
export function draw(rng: Rng, a: number, b: number): number {
  return b > a ? rng.int(a, b) : a;
}

export class Compiler {
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
    let lo = 0,
      hi = 0,
      soft = 0;
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
      lo,
      hi,
      soft,
      never: false,
      plain:
        plains &&
        ((rng) => {
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
            x =
              m === 1
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
    let lo = Infinity,
      hi = 0,
      soft = 0;
    for (const p of alts) {
      lo = Math.min(lo, p.lo);
      hi = Math.max(hi, p.hi);
      soft = Math.max(soft, p.soft);
    }
    const n = alts.length;
    const plains = alts.every((p) => p.plain) ? alts.map((p) => p.plain!) : undefined;
    return {
      lo,
      hi,
      soft,
      never: false,
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
        lo: body.lo,
        hi: body.hi,
        soft: body.soft,
        never: false,
        capture: index,
        // Only exact patterns use plain(), and they have no back-references to read captures.
        plain: body.plain,
        gen: (st, rng, t) => {
          const start = st.out.length,
            len0 = st.len;
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
    return {
      ...EMPTY,
      plain: undefined,
      gen: (st, rng) => {
        if (st.emitLook) body.gen(st, rng, -1);
      },
    };
  }

  private reference(indices: number[]): Piece {
    let hi = 0,
      soft = 0;
    for (const i of indices) {
      const g = this.groupPieces[i]; // undefined while the group is still open or not yet seen
      if (g) {
        hi = Math.max(hi, g.hi);
        soft = Math.max(soft, g.soft);
      }
    }
    if (hi === 0) return EMPTY;
    return {
      lo: 0,
      hi,
      soft,
      never: false,
      refTo: indices.length === 1 ? indices[0] : undefined,
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
    const bl = body.lo,
      bh = body.hi;
    const lo = min * bl;
    const hi = bh === 0 ? 0 : max * bh;
    const soft = softCount * body.soft;
    const bodyGen = body.gen;

    if (body.literal !== undefined && min === max) return literalPiece(body.literal.repeat(min), lo);

    const pick = body.pick;
    if (pick) {
      const repeat = repeater(pick);
      return {
        lo,
        hi,
        soft,
        never: false,
        plain: (rng) => repeat(rng, draw(rng, min, softCount)),
        gen: (st, rng, t) => {
          const c = t < 0 ? draw(rng, min, softCount) : Math.min(Math.max(t, min), max);
          st.out += repeat(rng, c);
          st.len += c;
        },
      };
    }

    // JS resets the captures inside a quantified atom at every iteration.
    const resetCaps =
      lastGroup >= firstGroup
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
      lo,
      hi,
      soft,
      never: false,
      plain:
        bodyPlain &&
        ((rng) => {
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
