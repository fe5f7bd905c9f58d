// Strings that match a JSON Schema `pattern` (ECMAScript regex with the "u" flag, as ajv
// compiles it), drawn deterministically from an Rng; and, for `x-unique`, the strings of a
// pattern with a finite set of them as a numbered space.
//   source.ts    the pattern as the engine's RegExp and as regjsparser's AST
//   support.ts   compilePattern: what is supported, why a pattern is not
//   compile.ts   AST → pieces that produce matching strings of chosen lengths
//   generator.ts the PatternGenerator that runs the pieces, pads and verifies
//   charset.ts   code-point range arithmetic and the sets escapes and classes stand for
//   pickers.ts   drawing one code point from a set
//   enumerate.ts the n-th string of a pattern
export { patternRegExp } from "./source";
export { compilePattern, type PatternCompileResult } from "./support";
export type { PatternGenerator } from "./generator";
export { patternSpace, type PatternSpace } from "./enumerate";
