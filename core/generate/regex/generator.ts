// The PatternGenerator of a compiled pattern: runs the root piece and checks the result against
// the real RegExp unless the pattern is known to produce only matches. When minLength exceeds
// the longest match of a pattern that is not anchored at both ends, the match is padded with
// filler on its unanchored side(s). Every retry draws from its own forked stream and there are
// at most MAX_ATTEMPTS of them, so nothing loops unboundedly.
import type { Rng } from "../../base/rng";
import { UNBOUNDED_EXTRA, draw, type Piece, type State } from "./compile";

export interface PatternGenerator {
  /** A string matching the pattern (as `new RegExp(source, "u").test(s)`), optionally trying to keep
   *  its length (in code points) within [minLength, maxLength]; returns undefined when it could not
   *  produce a match within those bounds after a bounded number of attempts (derive retry streams with rng.fork(k)). */
  generate(rng: Rng, minLength?: number, maxLength?: number): string | undefined;
}

/** Attempts per generate() call; each retry uses rng.fork(attempt). */
const MAX_ATTEMPTS = 48;

const PAD_ALPHABETS = ["abcdefghijklmnopqrstuvwxyz0123456789", " "];

export class Generator implements PatternGenerator {
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
    const root = this.root,
      st = this.st;
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
        let pre = "",
          post = "";
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
