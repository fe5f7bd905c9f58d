// A pattern source read two ways: the engine's RegExp, which is the authority on what matches
// (and on validity), and regjsparser's AST, which the generator is built from. Both parses use
// the "u" flag, as ajv compiles `pattern`.
import type { RootNode } from "regjsparser";

export const FEATURES = { unicodePropertyEscape: true, namedGroups: true, lookbehind: true } as const;
export type Features = typeof FEATURES;
export type Ast = RootNode<Features>;

const regExpCache = new Map<string, RegExp | null>();

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

/** Visits a node and every node below it, classes excepted (their members are not Ast nodes). */
export function walk(n: Ast, visit: (n: Ast) => void): void {
  visit(n);
  if (n.type === "alternative" || n.type === "disjunction" || n.type === "group" || n.type === "quantifier") {
    for (const c of n.body as Ast[]) walk(c, visit);
  }
}
