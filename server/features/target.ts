// Which schema node a position is about: a property name means the property's schema; anything
// else (a keyword, a value, an enum member) means the innermost schema that contains it.
import * as jsonc from "jsonc-parser";
import type { Position, Range } from "vscode-languageserver";
import type { Schema } from "../../core/schema";
import type { DocumentModel } from "../analysis";

export interface NodeTarget {
  pointer: string;
  schema: Schema;
  /** Property name when the node is a property's schema. */
  name?: string;
  /** Whether the property is in its parent's `required` (undefined when not a property). */
  required?: boolean;
  /** The text the position is on (a key or a value). */
  range: Range;
}

export function nodeTargetAt(analysis: DocumentModel, position: Position): NodeTarget | undefined {
  const { doc, nodeByPointer } = analysis;
  // findNodeAtOffset and getNodePath recurse once per level.
  if (!doc.tree || doc.tooDeep()) return undefined;
  const offset = doc.offsetAt(position);
  const hit = jsonc.findNodeAtOffset(doc.tree, offset, true);
  if (!hit) return undefined;
  const onKey = hit.parent?.type === "property" && hit.parent.children?.[0] === hit;
  const valueNode = onKey ? hit.parent.children?.[1] : hit;
  let pointer = valueNode ? doc.pointerOf(valueNode) : doc.pointerOf(hit.parent!);
  while (!nodeByPointer.has(pointer)) {
    if (pointer === "") return undefined;
    pointer = pointer.slice(0, pointer.lastIndexOf("/"));
  }
  const node = nodeByPointer.get(pointer)!;
  const via = node.via;
  const name = via?.keyword === "properties" ? via.name : undefined;
  const required = name !== undefined && via ? Array.isArray(via.parent.required) && via.parent.required.includes(name) : undefined;
  return { pointer, schema: node.schema, name, required, range: doc.nodeRange(hit) };
}
