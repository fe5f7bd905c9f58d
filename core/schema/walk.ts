// Every schema node of one document (not following $ref), with its JSON pointer and how its parent
// reached it: the places keyword checks, outlines and hovers apply to.
import {
  escapePointerSegment,
  SCHEMA_ARRAY_KEYWORDS,
  SCHEMA_KEYWORDS,
  SCHEMA_MAP_KEYWORDS,
  type Draft,
  type Schema,
  type SchemaObject,
} from "./load";

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
    if (!isSchemaObject(schema)) return;
    for (const [keyword, value] of Object.entries(schema)) {
      const base = `${pointer}/${escapePointerSegment(keyword)}`;
      if (SCHEMA_MAP_KEYWORDS.includes(keyword) && isSchemaObject(value)) {
        for (const [name, sub] of Object.entries(value)) {
          // dependencies mixes schemas and property lists; only the schemas are nodes.
          if (isSchema(sub)) visit(sub, `${base}/${escapePointerSegment(name)}`, { parent: schema, parentPointer: pointer, keyword, name });
        }
      } else if (SCHEMA_ARRAY_KEYWORDS.includes(keyword) && Array.isArray(value)) {
        value.forEach((sub, index) => {
          if (isSchema(sub)) visit(sub, `${base}/${index}`, { parent: schema, parentPointer: pointer, keyword, index });
        });
      } else if (SCHEMA_KEYWORDS.includes(keyword) && isSchema(value)) {
        visit(value, base, { parent: schema, parentPointer: pointer, keyword });
      }
    }
  };
  visit(root, "", undefined);
  return out;
}

export type PathKind = "schema" | "schemaMap" | "schemaArray" | "other";
/** A PathKind, or the value of `items`: one schema, or (before 2020-12) an array of them. */
export type PathStepKind = PathKind | "itemsLike";

function keywordStep(seg: string | number): PathStepKind {
  if (typeof seg !== "string") return "other";
  if (SCHEMA_MAP_KEYWORDS.includes(seg)) return "schemaMap";
  if (seg === "items") return "itemsLike";
  if (SCHEMA_ARRAY_KEYWORDS.includes(seg)) return "schemaArray";
  if (SCHEMA_KEYWORDS.includes(seg)) return "schema";
  return "other";
}

/**
 * What the value at `seg` inside a value of kind `kind` is: one step of schemaPathKind, for walks
 * that go down a document themselves (an "itemsLike" object is a schema, its elements too).
 */
export function schemaPathStep(kind: PathStepKind, seg: string | number): PathStepKind {
  if (kind === "schema") return keywordStep(seg);
  if (kind === "schemaMap") return "schema";
  if (kind === "schemaArray") return typeof seg === "number" ? "schema" : "other";
  if (kind === "itemsLike") return typeof seg === "number" ? "schema" : keywordStep(seg);
  return "other";
}

/**
 * What the location at `path` (from the document root) is, judged from the keywords along it alone
 * (so it works on half-typed text): a schema, a map of named schemas (properties, $defs, …), an
 * array of schemas (allOf, …), or something else (a keyword's value, data inside enum, …).
 */
export function schemaPathKind(path: readonly (string | number)[]): PathKind {
  let kind: PathStepKind = "schema";
  for (const seg of path) {
    kind = schemaPathStep(kind, seg);
    if (kind === "other") return kind;
  }
  return kind === "itemsLike" ? "schema" : kind;
}
