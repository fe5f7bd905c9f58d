// The outline: properties (nested through objects and array items) and reusable definitions, each
// with its type as the detail.
import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import { escapePointerSegment, type Schema } from "../../core/schema";
import { isSchemaObject } from "../../core/schema";
import type { JsonDocument } from "../jsonDocument";

const KIND: Record<string, SymbolKind> = {
  object: SymbolKind.Object,
  array: SymbolKind.Array,
  string: SymbolKind.String,
  number: SymbolKind.Number,
  integer: SymbolKind.Number,
  boolean: SymbolKind.Boolean,
  null: SymbolKind.Null,
};

/** Nesting deeper than this is left out of the outline (recursive-looking schemas stay readable). */
const MAX_DEPTH = 32;

function typeOf(s: Schema): string | undefined {
  if (typeof s !== "object") return undefined;
  if (typeof s.type === "string") return s.type;
  if (Array.isArray(s.type)) return s.type.join(" | ");
  if (typeof s.$ref === "string") return s.$ref;
  if (Array.isArray(s.enum)) return "enum";
  if ("const" in s) return "const";
  if (isSchemaObject(s.properties)) return "object";
  return undefined;
}

function symbol(
  doc: JsonDocument,
  pointer: string,
  name: string,
  schema: Schema,
  kind: SymbolKind | undefined,
  depth: number,
): DocumentSymbol | undefined {
  const range = doc.wholeMemberRange(pointer);
  const selection = doc.memberRange(pointer, "key");
  if (!range || !selection) return undefined;
  const type = typeOf(schema);
  return {
    name,
    detail: type,
    kind: kind ?? (type !== undefined ? (KIND[type.split(" | ")[0]] ?? SymbolKind.Field) : SymbolKind.Field),
    range,
    selectionRange: selection,
    children: childrenOf(doc, pointer, schema, depth + 1),
  };
}

function childrenOf(doc: JsonDocument, pointer: string, schema: Schema, depth: number): DocumentSymbol[] {
  if (!isSchemaObject(schema) || depth > MAX_DEPTH) return [];
  const out: DocumentSymbol[] = [];
  const push = (s: DocumentSymbol | undefined) => s && out.push(s);
  if (isSchemaObject(schema.properties)) {
    for (const [name, sub] of Object.entries(schema.properties)) {
      push(symbol(doc, `${pointer}/properties/${escapePointerSegment(name)}`, name, sub as Schema, undefined, depth));
    }
  }
  if (isSchemaObject(schema.items)) {
    const items = symbol(doc, `${pointer}/items`, "items", schema.items, undefined, depth);
    if (items && (items.children?.length ?? 0) > 0) push(items);
  }
  for (const keyword of ["$defs", "definitions"]) {
    const defs = schema[keyword];
    if (!isSchemaObject(defs)) continue;
    for (const [name, sub] of Object.entries(defs)) {
      push(symbol(doc, `${pointer}/${keyword}/${escapePointerSegment(name)}`, name, sub as Schema, SymbolKind.Class, depth));
    }
  }
  return out;
}

export function documentSymbolsFor(doc: JsonDocument): DocumentSymbol[] {
  const root = doc.value();
  if (!isSchemaObject(root)) return [];
  return childrenOf(doc, "", root, 0);
}
