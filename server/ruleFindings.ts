// The seam for checks of x-cross-field-rules and x-unique, which live in the rules module: the
// server asks the hook about every schema object that carries one of those keywords and places
// what it says. A finding about a token inside a rule string uses a `string` target (offset and
// length in the decoded rule text, see core/analyze/finding.ts); rangeInStringValue turns it into
// the token's exact range, escapes included.
import type { LoadedSchema, SchemaObject } from "../core/schema";
import type { Finding } from "../core/analyze";

/** The document's settings that rule checks depend on. */
export interface RuleCheckContext {
  /** `specmint.count`: records a person generates (x-unique over too small a value space). */
  count: number;
  /** `specmint.referenceDate`: "today" in rules. */
  referenceDate: string;
}

export interface RuleFindingsHook {
  /**
   * Findings (rule-syntax, rule-unknown-path, rule-type, rule-unenforced, rule-contradiction,
   * unique-impossible) for `schemaObj`, a schema object of `loaded`'s main document that has
   * `x-cross-field-rules` or `x-unique`. Pointers are absolute in the main document
   * (loaded.origin(schemaObj).pointer is where schemaObj itself is).
   */
  ruleFindings(loaded: LoadedSchema, schemaObj: SchemaObject, context: RuleCheckContext): Finding[];
}

/** Until the rules module is wired in, rules are not checked in the editor. */
export const NO_RULE_FINDINGS: RuleFindingsHook = { ruleFindings: () => [] };

export const RULE_KEYWORDS = ["x-cross-field-rules", "x-unique"];
