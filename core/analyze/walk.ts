// Every schema node of one document (not following $ref), with its JSON pointer and how its parent
// reached it: the places keyword checks, outlines and hovers apply to.
import { escapePointerSegment, type Draft, type Schema, type SchemaObject } from "../schema";

export interface SchemaNode {
  pointer: string;
  schema: Schema;
  /** How the parent schema reached this one; undefined for the root. */
  via?: {
    parent: SchemaObject;
    parentPointer: string;
    keyword: string;
    /** The property name (properties, patternProperties, $defs, …). */
    name?: string;
    index?: number;
  };
}

const MAP_KEYWORDS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"];
const ARRAY_KEYWORDS = ["allOf", "anyOf", "oneOf", "prefixItems", "items"];
const SINGLE_KEYWORDS = [
  "additionalProperties", "additionalItems", "items", "contains", "not", "if", "then", "else",
  "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contentSchema",
];

export function isSchemaObject(x: unknown): x is SchemaObject {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function isSchema(x: unknown): x is Schema {
  return typeof x === "boolean" || isSchemaObject(x);
}

/** All schema nodes in document order, root first. `draft` is accepted for later drafts' keywords. */
export function schemaNodes(root: Schema, _draft?: Draft): SchemaNode[] {
  const out: SchemaNode[] = [];
  const visit = (schema: Schema, pointer: string, via: SchemaNode["via"]) => {
    out.push({ pointer, schema, via });
    if (typeof schema !== "object") return;
    for (const [keyword, value] of Object.entries(schema)) {
      const base = `${pointer}/${escapePointerSegment(keyword)}`;
      if (MAP_KEYWORDS.includes(keyword) && isSchemaObject(value)) {
        for (const [name, sub] of Object.entries(value)) {
          // dependencies mixes schemas and property lists; only the schemas are nodes.
          if (isSchema(sub)) visit(sub, `${base}/${escapePointerSegment(name)}`, { parent: schema, parentPointer: pointer, keyword, name });
        }
      } else if (ARRAY_KEYWORDS.includes(keyword) && Array.isArray(value)) {
        value.forEach((sub, index) => {
          if (isSchema(sub)) visit(sub, `${base}/${index}`, { parent: schema, parentPointer: pointer, keyword, index });
        });
      } else if (SINGLE_KEYWORDS.includes(keyword) && isSchema(value)) {
        visit(value, base, { parent: schema, parentPointer: pointer, keyword });
      }
    }
  };
  visit(root, "", undefined);
  return out;
}
