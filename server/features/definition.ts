// Go to definition on a $ref: the schema it resolves to, in this document or in a file next to it.
import * as jsonc from "jsonc-parser";
import type { Location, Position } from "vscode-languageserver";
import { positionOf } from "../../core/schema";
import { nodeAtPointer } from "../jsonDocument";
import type { DocumentModel } from "../analysis";
import { pathToUri } from "../../common/paths";

export function definitionAt(analysis: DocumentModel, position: Position): Location | undefined {
  const { doc, loaded } = analysis;
  if (!doc.tree || !loaded) return undefined;
  const hit = jsonc.findNodeAtOffset(doc.tree, doc.offsetAt(position), true);
  if (!hit || hit.type !== "string" || hit.parent?.type !== "property" || hit.parent.children?.[1] !== hit) return undefined;
  const key: unknown = hit.parent.children?.[0]?.value;
  if (key !== "$ref" && key !== "$dynamicRef") return undefined;
  const ownerPointer = doc.pointerOf(hit.parent.parent!);
  const owner = analysis.nodeByPointer.get(ownerPointer)?.schema;
  if (typeof owner !== "object") return undefined;
  const target = loaded.resolveRef(owner, hit.value as string);
  if (typeof target !== "object") return undefined;
  const origin = loaded.origin(target);
  if (!origin) return undefined;
  if (origin.doc === loaded.main) {
    const range = doc.memberRange(origin.pointer, "key");
    return range ? { uri: doc.uri, range } : undefined;
  }
  if (!origin.doc.file || !origin.doc.tree) return undefined;
  const node = nodeAtPointer(origin.doc.tree, origin.pointer);
  if (!node) return undefined;
  const at = node.parent?.type === "property" ? node.parent.children![0] : node;
  const start = positionOf(origin.doc.lineStarts, at.offset),
    end = positionOf(origin.doc.lineStarts, at.offset + at.length);
  return {
    uri: pathToUri(origin.doc.file),
    range: { start: { line: start.line - 1, character: start.column - 1 }, end: { line: end.line - 1, character: end.column - 1 } },
  };
}
