// required-undefined: a `required` entry naming a property the schema never describes. With
// additionalProperties (or unevaluatedProperties) false no object can have it, so the schema is
// unsatisfiable; otherwise it is allowed with any value, which is rarely what the author meant.
import { escapePointerSegment, type LoadedSchema, type SchemaObject } from "../schema/load";
import { patternRegExp } from "../generate/regex";
import { closestName } from "./suggest";
import { at, type Finding, type Fix } from "./finding";
import { isSchemaObject, type SchemaNode } from "../schema/walk";

/** Property names and patterns a schema describes in place (its own, allOf members', $ref targets'). */
function describedNames(
  s: SchemaObject,
  loaded: LoadedSchema | undefined,
  seen = new Set<SchemaObject>(),
): { names: Set<string>; patterns: string[] } {
  const out = { names: new Set<string>(), patterns: [] as string[] };
  if (seen.has(s)) return out;
  seen.add(s);
  if (isSchemaObject(s.properties)) for (const k of Object.keys(s.properties)) out.names.add(k);
  if (isSchemaObject(s.patternProperties)) out.patterns.push(...Object.keys(s.patternProperties));
  const subs: unknown[] = [];
  if (Array.isArray(s.allOf)) subs.push(...(s.allOf as unknown[]));
  if (loaded && typeof s.$ref === "string") subs.push(loaded.resolveRef(s, s.$ref));
  for (const sub of subs) {
    if (!isSchemaObject(sub)) continue;
    const d = describedNames(sub, loaded, seen);
    d.names.forEach((n) => out.names.add(n));
    out.patterns.push(...d.patterns);
  }
  return out;
}

export function requiredFindings(nodes: readonly SchemaNode[], loaded: LoadedSchema | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const node of nodes) {
    const s = node.schema;
    if (typeof s !== "object" || !Array.isArray(s.required)) continue;
    const { names, patterns } = describedNames(s, loaded);
    const closedBy =
      s.additionalProperties === false ? "additionalProperties" : s.unevaluatedProperties === false ? "unevaluatedProperties" : undefined;
    s.required.forEach((name, index) => {
      if (typeof name !== "string" || names.has(name)) return;
      if (patterns.some((p) => patternRegExp(p)?.test(name))) return;
      const pointer = `${node.pointer}/required/${index}`;
      const fixes: Fix[] = [];
      const meant = closestName(name, names);
      if (meant !== undefined)
        fixes.push({ title: `Change to "${meant}"`, edits: [{ op: "setValue", pointer, value: meant }], preferred: true });
      fixes.push({
        title: `Add "${name}" to properties`,
        edits: [{ op: "insert", pointer: `${node.pointer}/properties/${escapePointerSegment(name)}`, value: {} }],
      });
      fixes.push({ title: `Remove "${name}" from required`, edits: [{ op: "remove", pointer }] });
      findings.push({
        code: "required-undefined",
        severity: closedBy ? "error" : "warning",
        message: closedBy
          ? `"${name}" is required but not defined in properties, and ${closedBy} is false: no object can satisfy this schema${meant ? ` (did you mean "${meant}"?)` : ""}`
          : `"${name}" is required but not defined in properties: any value is allowed for it${meant ? ` (did you mean "${meant}"?)` : ""}`,
        ...at.value(pointer),
        fixes,
      });
    });
  }
  return findings;
}
