// The keywords whose values are schemas (or arrays or maps of schemas), in every draft: where a walk
// over a schema's nodes goes next, and how it names each step in a JSON Pointer.
export const SCHEMA_MAP_KEYWORDS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"];
export const SCHEMA_ARRAY_KEYWORDS = ["allOf", "anyOf", "oneOf", "prefixItems", "items"];
export const SCHEMA_KEYWORDS = [
  "additionalProperties",
  "additionalItems",
  "items",
  "contains",
  "not",
  "if",
  "then",
  "else",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contentSchema",
];

/** A JSON Pointer segment: "~" → "~0", "/" → "~1". */
export function escapePointerSegment(s: string | number): string {
  return String(s).replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Keywords that never reject a value: annotations, and definitions that only matter when referenced
 * (plus every `x-` keyword, see isAnnotation).
 */
export const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set([
  "title",
  "description",
  "markdownDescription",
  "default",
  "examples",
  "$comment",
  "deprecated",
  "deprecationMessage",
  "readOnly",
  "writeOnly",
  "enumDescriptions",
  "markdownEnumDescriptions",
  "definitions",
  "$defs",
]);

export function isAnnotation(keyword: string): boolean {
  return ANNOTATION_KEYWORDS.has(keyword) || keyword.startsWith("x-");
}
