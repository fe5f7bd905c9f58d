// SpecMint's own keywords used where they cannot work: x-llm on values a model does not write
// (objects, booleans, enums, consts: llm-misplaced) or on values a model will often get wrong
// (patterns, formats, tight lengths: llm-constrained, values fall back), and x-faker names that
// no generator has (faker-unknown).
import { FAKER_LIKE_NAMES, namedGenerator } from "../generate/realism";
import type { SchemaObject } from "../schema/load";
import { closestName } from "./suggest";
import { at, type Finding, type FindingPlace } from "./finding";
import type { SchemaNode } from "../schema/walk";

/** A length range this narrow (or a maximum this short) is one a model misses often. */
export const TIGHT_LENGTH = { maxLength: 10, span: 5 };

/** Where a node is marked for LLM enrichment (x-llm: true, or a description starting "llm:"), if it is. */
export function llmMarker(s: SchemaObject, pointer: string): FindingPlace | undefined {
  if (s["x-llm"] === true) return at.key(`${pointer}/x-llm`);
  if (typeof s.description === "string" && /^\s*llm:/i.test(s.description)) return at.value(`${pointer}/description`);
  return undefined;
}

function declaredTypes(s: SchemaObject): string[] {
  if (typeof s.type === "string") return [s.type];
  if (Array.isArray(s.type)) return s.type.filter((t): t is string => typeof t === "string");
  return [];
}

export function extensionFindings(nodes: readonly SchemaNode[]): Finding[] {
  const findings: Finding[] = [];
  for (const node of nodes) {
    const s = node.schema;
    if (typeof s !== "object") continue;
    const marker = llmMarker(s, node.pointer);
    if (marker) {
      const types = declaredTypes(s);
      const useless = types.length > 0 && types.every((t) => t === "object" || t === "boolean" || t === "null");
      const fixed = "enum" in s ? "enum" : "const" in s ? "const" : undefined;
      if (useless || fixed) {
        findings.push({
          code: "llm-misplaced",
          severity: "warning",
          message: fixed
            ? `LLM enrichment has no effect here: the value is fixed by ${fixed}. Mark free-text string, number or array values instead.`
            : `LLM enrichment has no effect on ${types.join("/")} values: mark the string, number or array properties ${types.includes("object") ? "inside it " : ""}instead.`,
          ...marker,
        });
      } else {
        const reasons: { keyword: string; why: string }[] = [];
        if (typeof s.pattern === "string") reasons.push({ keyword: "pattern", why: `the pattern ${s.pattern}` });
        if (typeof s.format === "string") reasons.push({ keyword: "format", why: `the format ${s.format}` });
        const min = typeof s.minLength === "number" ? s.minLength : 0;
        if (typeof s.maxLength === "number" && (s.maxLength <= TIGHT_LENGTH.maxLength || s.maxLength - min <= TIGHT_LENGTH.span)) {
          reasons.push({
            keyword: "maxLength",
            why: `a length of ${min === s.maxLength ? s.maxLength : `${min}–${s.maxLength}`} characters`,
          });
        }
        if (reasons.length) {
          findings.push({
            code: "llm-constrained",
            severity: "warning",
            message: `a model will often miss ${reasons.map((r) => r.why).join(" and ")}; such values fall back to generated ones`,
            ...marker,
            related: reasons.map((r) => ({ ...at.key(`${node.pointer}/${r.keyword}`), message: `constraint: ${r.keyword}` })),
          });
        }
      }
    }
    if (typeof s["x-faker"] === "string" && namedGenerator(s["x-faker"]) === undefined) {
      const pointer = `${node.pointer}/x-faker`;
      const meant = closestName(s["x-faker"], FAKER_LIKE_NAMES);
      findings.push({
        code: "faker-unknown",
        severity: "warning",
        message: `unknown x-faker generator "${s["x-faker"]}"${meant ? ` (did you mean "${meant}"?)` : ""}; values come from the node's other constraints. Known names include ${FAKER_LIKE_NAMES.slice(0, 6).join(", ")}, …`,
        ...at.value(pointer),
        fixes: meant ? [{ title: `Change to "${meant}"`, edits: [{ op: "setValue", pointer, value: meant }], preferred: true }] : undefined,
      });
    }
  }
  return findings;
}
