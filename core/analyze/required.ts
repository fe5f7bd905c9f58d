// required-undefined: a `required` entry naming a property the schema never describes. With
// additionalProperties (or unevaluatedProperties) false no object can have it, so the schema is
// unsatisfiable; otherwise it is allowed with any value, which is rarely what the author meant.
import { escapePointerSegment, type LoadedSchema, type SchemaObject } from "../schema/load";
import { patternRegExp } from "../generate/regex";
import { closestName } from "./suggest";
import { groupDigits } from "../base/limits";
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

/**
 * Undefined names of one `required` array reported one by one, each with its fixes; past these the
 * rest are counted in one finding on the keyword, so that a list of 100,000 names gives 21
 * diagnostics and not 100,000 (each costs the editor a range, and every code action request looks
 * through them all).
 */
export const REQUIRED_UNDEFINED_SHOWN = 20;

/** Backreferences and named groups: a pattern with them would change meaning inside an alternation. */
const GROUP_REFERENCES = /\\[1-9]|\\k<|\(\?<(?![=!])/;

/**
 * Whether a name matches one of the patterns (an invalid pattern matches nothing). The patterns
 * are tried as one alternation, which matches exactly when one of them would: one test per name
 * instead of one per pattern, which for 1,000 patternProperties and 100,000 required names took 8 s.
 */
function patternMatcher(patterns: readonly string[]): (name: string) => boolean {
  const valid = patterns.filter((p) => patternRegExp(p) !== undefined);
  const joinable = valid.filter((p) => !GROUP_REFERENCES.test(p));
  let joined: RegExp | undefined;
  if (joinable.length > 1) {
    try {
      // Not through patternRegExp: its cache would keep every edit's alternation.
      joined = new RegExp(joinable.map((p) => `(?:${p})`).join("|"), "u");
    } catch {
      joined = undefined;
    }
  }
  const alone = (joined ? valid.filter((p) => GROUP_REFERENCES.test(p)) : valid).map((p) => patternRegExp(p)!);
  return (name) => joined?.test(name) === true || alone.some((re) => re.test(name));
}

export function requiredFindings(nodes: readonly SchemaNode[], loaded: LoadedSchema | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const node of nodes) {
    const s = node.schema;
    if (typeof s !== "object" || !Array.isArray(s.required)) continue;
    const { names, patterns } = describedNames(s, loaded);
    const closedBy =
      s.additionalProperties === false ? "additionalProperties" : s.unevaluatedProperties === false ? "unevaluatedProperties" : undefined;
    const severity = closedBy ? "error" : "warning";
    const matchesPattern = patternMatcher(patterns);
    let undefinedNames = 0;
    s.required.forEach((name, index) => {
      if (typeof name !== "string" || names.has(name)) return;
      if (matchesPattern(name)) return;
      if (++undefinedNames > REQUIRED_UNDEFINED_SHOWN) return;
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
        severity,
        message: closedBy
          ? `"${name}" is required but not defined in properties, and ${closedBy} is false: no object can satisfy this schema${meant ? ` (did you mean "${meant}"?)` : ""}`
          : `"${name}" is required but not defined in properties: any value is allowed for it${meant ? ` (did you mean "${meant}"?)` : ""}`,
        ...at.value(pointer),
        fixes,
      });
    });
    const more = undefinedNames - REQUIRED_UNDEFINED_SHOWN;
    if (more > 0) {
      findings.push({
        code: "required-undefined",
        severity,
        message:
          `… and ${groupDigits(more)} more name${more === 1 ? "" : "s"} in required ${more === 1 ? "is" : "are"} not defined in properties` +
          (closedBy ? `, and ${closedBy} is false: no object can satisfy this schema` : ": any value is allowed for them"),
        ...at.key(`${node.pointer}/required`),
      });
    }
  }
  return findings;
}
