// regex-invalid / regex-unsupported: `pattern` values and `patternProperties` names that are not
// ECMAScript regular expressions in unicode mode (what ajv compiles), or that SpecMint's generator
// cannot produce strings for. Placed on the offending character when the parser says where.
// Telling "unsupported" needs trial generation, which runs the pattern and can take very long on a
// pathological one, so the two are separate: syntax is checked as a person types, generation only
// where a stuck check can be stopped (the language server's generation worker).
import { escapePointerSegment } from "../schema/load";
import { compilePattern, patternRegExp } from "../generate/regex";
import { at, type Finding } from "./finding";
import { isSchemaObject, type SchemaNode } from "../schema/walk";

/** The JavaScript engine's own words for why a pattern is invalid (clearer than the parser's). */
function engineReason(source: string): string | undefined {
  try {
    new RegExp(source, "u");
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: \/.*\/u?: /s, "");
  }
}

function patternFinding(source: string, pointer: string, part: "key" | "value", generation: boolean): Finding | undefined {
  // An invalid pattern fails before any trial run; a valid one is only compiled when asked.
  if (!generation && patternRegExp(source) !== undefined) return undefined;
  const r = compilePattern(source);
  if (!generation && r.ok === false && r.reason !== "invalid") return undefined;
  if (generation && r.ok === false && r.reason === "invalid") return undefined;
  if (r.ok) return undefined;
  const invalid = r.reason === "invalid";
  const place =
    part === "value" && r.offset !== undefined
      ? at.inString(pointer, Math.min(r.offset, Math.max(0, source.length - 1)), source.length ? 1 : 0)
      : part === "key"
        ? at.key(pointer)
        : at.value(pointer);
  return {
    code: invalid ? "regex-invalid" : "regex-unsupported",
    severity: invalid ? "error" : "warning",
    message: invalid
      ? `invalid regular expression: ${engineReason(source) ?? r.message}${r.offset !== undefined ? ` (at character ${r.offset + 1})` : ""}`
      : `SpecMint cannot generate strings for this pattern: ${r.message}; generation of this value will fail or fall back`,
    ...place,
  };
}

/** regex-invalid findings: cheap, never runs a pattern. */
export function patternSyntaxFindings(nodes: readonly SchemaNode[]): Finding[] {
  return patternFindings(nodes, false);
}

/** regex-unsupported findings: compiles each valid pattern for generation (may run it at length). */
export function patternGenerationFindings(nodes: readonly SchemaNode[]): Finding[] {
  return patternFindings(nodes, true);
}

function patternFindings(nodes: readonly SchemaNode[], generation: boolean): Finding[] {
  const findings: Finding[] = [];
  for (const node of nodes) {
    const s = node.schema;
    if (typeof s !== "object") continue;
    if (typeof s.pattern === "string") {
      const f = patternFinding(s.pattern, `${node.pointer}/pattern`, "value", generation);
      if (f) findings.push(f);
    }
    if (isSchemaObject(s.patternProperties)) {
      for (const name of Object.keys(s.patternProperties)) {
        const f = patternFinding(name, `${node.pointer}/patternProperties/${escapePointerSegment(name)}`, "key", generation);
        if (f) findings.push(f);
      }
    }
  }
  return findings;
}
