// Which patterns can be generated, and why not. compilePattern parses a pattern, diagnoses an
// invalid one (message and offset), refuses ones that cannot be matched in reasonable time or at
// all, and otherwise returns a generator that a few trial calls have shown to work.
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
import { parse } from "regjsparser";
import { Rng } from "../../base/rng";
import { FEATURES, patternRegExp, walk, type Ast } from "./source";
import { classRanges, onlySurrogates } from "./charset";
import { Compiler } from "./compile";
import { Generator, type PatternGenerator } from "./generator";

export type PatternCompileResult =
  { ok: true; generator: PatternGenerator } | { ok: false; reason: "invalid" | "unsupported"; message: string; offset?: number }; // offset into the pattern source

/** generate() calls made at compile time before declaring a pattern unsupported. */
const TRIAL_CALLS = 3;

const compileCache = new Map<string, PatternCompileResult>();

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
    return {
      ok: false,
      reason: "unsupported",
      message: `unbounded repetition nested ${height} deep (more than ${MAX_STAR_HEIGHT}): matching it can take exponential time`,
    };
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
      ok = !n.body.some((b) => b.type === "unicodePropertyEscape") && !onlySurrogates(classRanges(n));
    }
  });
  return ok;
}
