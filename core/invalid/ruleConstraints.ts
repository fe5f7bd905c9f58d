// Cross-field rules as constraints an invalid record can break: each enforced rule on each place
// that every record has (not inside an anyOf/oneOf branch), with the fields it reads that a
// mutation may change (paths without `[*]`, and not the references inside ref(…)).
import { escapePointerSegment } from "../schema/load";
import { stepsText } from "../schema/sites";
import type { RuleSet } from "../rules/ruleset";
import type { ViolableConstraint } from "./constraints";

export const RULE_KEYWORD = "x-cross-field-rules";

export function ruleConstraints(rules: RuleSet): ViolableConstraint[] {
  const out: ViolableConstraint[] = [];
  for (const s of rules.sites) {
    if (s.site.guards.length > 0) continue;
    for (const { entry } of s.rules) {
      const fields: string[] = [];
      for (const p of entry.compiled?.paths ?? []) {
        // A reference (the path inside ref(…)) changed would dangle: broken references are not a rule's violation.
        if (p.segments.some((x) => x.kind === "wildcard") || entry.compiled!.refTargets.has(p)) continue;
        const pointer = p.segments
          .map((x) => `/${x.kind === "name" ? escapePointerSegment(x.name) : x.kind === "index" ? x.index : "*"}`)
          .join("");
        if (!fields.includes(pointer)) fields.push(pointer);
      }
      if (fields.length === 0) continue;
      out.push({
        keyword: RULE_KEYWORD,
        schema: entry.owner,
        steps: s.site.steps,
        instanceTemplate: stepsText(s.site.steps),
        schemaPath: entry.location.pointer ?? "",
        expected: entry.text,
        fields,
      });
    }
  }
  return out;
}
