// Values written inside a schema that the schema itself rejects: enum members and const values of
// the wrong type or outside the sibling constraints (enum-type-mismatch, const-type-mismatch), and
// default / examples values that do not validate (default-invalid, example-invalid).
import { escapePointerSegment } from "../schema/load";
import { at, type Finding } from "./finding";
import { SIBLING_ASSERTIONS, type ValueChecker, type ValueIssue } from "./valueChecker";
import type { SchemaNode } from "../schema/walk";

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function shown(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? s.slice(0, 37) + "…" : s;
}

function reason(issues: ValueIssue[]): string {
  const first = issues[0];
  return first ? `${first.pointer ? `at ${first.pointer}: ` : ""}${first.message}` : "it is not valid here";
}

/** "is a string, but type is integer" when the type is what fails, else the validator's words. */
function mismatch(value: unknown, issues: ValueIssue[], declared: unknown): string {
  if (issues.some((i) => i.pointer === "" && i.message.startsWith("type:"))) {
    return `is ${jsonType(value) === "integer" || jsonType(value) === "array" || jsonType(value) === "object" ? "an" : "a"} ${jsonType(value)}, but type is ${Array.isArray(declared) ? declared.join(" or ") : String(declared)}`;
  }
  return `breaks a sibling constraint (${reason(issues)})`;
}

export function valueFindings(nodes: readonly SchemaNode[], checker: ValueChecker): Finding[] {
  const findings: Finding[] = [];
  for (const node of nodes) {
    const s = node.schema;
    if (typeof s !== "object") continue;
    const base = node.pointer;
    if (Array.isArray(s.enum)) {
      const bad: { index: number; issues: ValueIssue[] }[] = [];
      s.enum.forEach((v, index) => {
        const issues = checker.againstKeywords(s, SIBLING_ASSERTIONS, v);
        if (issues?.length) bad.push({ index, issues });
      });
      const none = bad.length === s.enum.length;
      for (const { index, issues } of bad) {
        const v: unknown = s.enum[index];
        findings.push({
          code: "enum-type-mismatch",
          severity: none ? "error" : "warning",
          message: `enum value ${shown(v)} ${mismatch(v, issues, s.type)}: it can never be valid${none ? "; no enum value is, so nothing can be generated here" : ""}`,
          ...at.value(`${base}/enum/${index}`),
        });
      }
    }
    if ("const" in s) {
      const issues = checker.againstKeywords(s, SIBLING_ASSERTIONS, s.const);
      if (issues?.length) {
        findings.push({
          code: "const-type-mismatch",
          severity: "error",
          message: `const ${shown(s.const)} ${mismatch(s.const, issues, s.type)}: nothing can be valid here`,
          ...at.value(`${base}/const`),
        });
      }
    }
    if ("default" in s) {
      const issues = checker.againstNode(s, s.default);
      if (issues?.length) {
        findings.push({
          code: "default-invalid",
          severity: "warning",
          message: `default ${shown(s.default)} is not valid against this schema (${reason(issues)}); SpecMint never uses it`,
          ...at.value(`${base}/default`),
        });
      }
    }
    if (Array.isArray(s.examples)) {
      s.examples.forEach((v, index) => {
        const issues = checker.againstNode(s, v);
        if (!issues?.length) return;
        findings.push({
          code: "example-invalid",
          severity: "warning",
          message: `example ${shown(v)} is not valid against this schema (${reason(issues)}); SpecMint never uses it`,
          ...at.value(`${base}/${escapePointerSegment("examples")}/${index}`),
        });
      });
    }
  }
  return findings;
}
