// The rule language as a library: parse, check, evaluate and repair `x-cross-field-rules`, plus
// the editor-facing checks (findings, completion paths, offsets inside rule strings).
export { tokenize, looksLikeProse, RuleSyntaxError, KEYWORDS, type Token } from "./lexer";
export { parseRule, parseExpression, type ParseResult } from "./parser";
export { FUNCTIONS, REF_FORM, pathText, refText, walkExpr, pathsOf, type Expr, type PathNode, type RefNode, type Segment } from "./ast";
export { analyzeRule, type RuleAnalysis, type RuleFinding, type RuleCode, type Severity } from "./check";
export { CompiledExpr, Evaluator, compareValues } from "./evaluate";
export { Repairer } from "./repair";
export { SchemaScope, T, typeNames, type FieldPath, type NodeInfo } from "./scope";
export {
  RuleSet,
  rulesOf,
  mentionsRules,
  locateFinding,
  type RuleEntry,
  type RuleStats,
  type LocatedFinding,
  type RuleSetOptions,
} from "./ruleset";
export { refContext, type RuleReferences, type RefContext, type RefInfo } from "./references";
export { ruleSource, rawRange, ruleLocation, decodedToRaw, type RuleSource } from "./source";
export { ruleFindings, rulePaths, type RuleCheckOptions } from "./findings";
export * as values from "./values";
