// format-unknown: a `format` SpecMint neither generates nor validates, so the value is generated
// as a plain string and checked by nobody. A near miss of a known name is offered as a fix.
import { formatGenerators } from "../generate/formats";
import { closestName } from "./suggest";
import { at, type Finding } from "./finding";
import type { SchemaNode } from "../schema/walk";

/** Numeric formats ajv-formats validates (OpenAPI's); SpecMint's numbers always fit them. */
export const NUMERIC_FORMATS = ["int32", "int64", "float", "double"];

export function knownFormatNames(): string[] {
  return [...Object.keys(formatGenerators), ...NUMERIC_FORMATS];
}

export function formatFindings(nodes: readonly SchemaNode[]): Finding[] {
  const findings: Finding[] = [];
  const known = knownFormatNames();
  for (const node of nodes) {
    const s = node.schema;
    if (typeof s !== "object" || typeof s.format !== "string" || known.includes(s.format)) continue;
    const pointer = `${node.pointer}/format`;
    const meant = closestName(s.format, known);
    findings.push({
      code: "format-unknown",
      severity: "warning",
      message: `unknown format "${s.format}"${meant ? ` (did you mean "${meant}"?)` : ""}: values are generated as plain strings and the format is not checked`,
      ...at.value(pointer),
      fixes: meant ? [{ title: `Change to "${meant}"`, edits: [{ op: "setValue", pointer, value: meant }], preferred: true }] : undefined,
    });
  }
  return findings;
}
