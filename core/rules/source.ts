// Where a rule is in the schema file: the JSON pointer of its string, its line:column, and the
// document offsets of a token inside it. Offsets in findings count characters of the decoded
// string; a JSON string literal may hold escapes (`\"`, `\u00e9`), so they are mapped back to the
// raw text here — the editor underlines exactly the token.
import * as jsonc from "jsonc-parser";
import type { SourceLocation } from "../base/errors";
import { pointerToPath, positionOf, type LoadedSchema, type SchemaDocument, type SchemaObject } from "../schema/load";

/** Offset in a raw JSON string literal (quotes included) of decoded character `k`. */
export function decodedToRaw(raw: string, k: number): number {
  let i = 1; // after the opening quote
  let d = 0;
  while (d < k && i < raw.length - 1) {
    if (raw[i] === "\\") i += raw[i + 1] === "u" ? 6 : 2;
    else i++;
    d++;
  }
  return i;
}

export interface RuleSource {
  doc: SchemaDocument;
  /** JSON pointer of the rule string (…/x-cross-field-rules/0, or …/x-cross-field-rules/0/rule). */
  pointer: string;
  /** Offset of the string literal (its opening quote) in the document, and its raw length. */
  offset?: number;
  length?: number;
}

/** The string node of rule `index` of `owner`. */
export function ruleSource(loaded: LoadedSchema, owner: SchemaObject, index: number): RuleSource | undefined {
  const origin = loaded.origin(owner);
  if (!origin) return undefined;
  const rules = owner["x-cross-field-rules"];
  if (!Array.isArray(rules)) return undefined;
  const item: unknown = rules[index];
  const pointer = `${origin.pointer}/x-cross-field-rules/${index}${typeof item === "object" && item !== null ? "/rule" : ""}`;
  const doc = origin.doc;
  const node = doc.tree ? nodeAt(doc.tree, pointerToPath(pointer)) : undefined;
  return { doc, pointer, offset: node?.offset, length: node?.length };
}

/** The parse-tree node at a path (array elements by index, object members by key). */
export function nodeAt(tree: jsonc.Node, path: (string | number)[]): jsonc.Node | undefined {
  let node: jsonc.Node | undefined = tree;
  for (const seg of path) {
    if (!node) return undefined;
    if (node.type === "array") {
      const k = Number(seg);
      node = Number.isInteger(k) ? node.children?.[k] : undefined;
    } else if (node.type === "object") {
      const prop: jsonc.Node | undefined = node.children?.find((c) => c.children?.[0]?.value === String(seg));
      node = prop?.children?.[1];
    } else return undefined;
  }
  return node;
}

/** Document offsets [start, end) of [offset, offset+length) of the rule text. */
export function rawRange(src: RuleSource, offset: number, length: number): { start: number; end: number } | undefined {
  if (src.offset === undefined || src.length === undefined) return undefined;
  const raw = src.doc.text.slice(src.offset, src.offset + src.length);
  return { start: src.offset + decodedToRaw(raw, offset), end: src.offset + decodedToRaw(raw, offset + length) };
}

/** file#pointer line:column of the rule string, or of a token inside it. */
export function ruleLocation(src: RuleSource, offset?: number): SourceLocation {
  const loc: SourceLocation = { file: src.doc.file, pointer: src.pointer };
  if (src.offset !== undefined) {
    const at = offset === undefined ? src.offset : rawRange(src, offset, 0)!.start;
    Object.assign(loc, positionOf(src.doc.lineStarts, at));
  }
  return loc;
}
