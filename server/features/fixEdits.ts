// Fixes (structural edits from core findings) as text edits on the current document text, each
// touching only the text it changes: a renamed key, a replaced value, an inserted member after the
// last one (in its indentation), a removed member or element with its comma.
import type * as jsonc from "jsonc-parser";
import type { TextEdit } from "vscode-languageserver";
import { pointerToPath } from "../../core/schema";
import type { FixEdit } from "../../core/analyze";
import type { JsonDocument } from "../jsonDocument";

function replaceNode(doc: JsonDocument, node: jsonc.Node, newText: string): TextEdit {
  return { range: doc.nodeRange(node), newText };
}

function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

/** Insert member `key: value` at the end of object node `obj`. */
function insertMember(doc: JsonDocument, obj: jsonc.Node, key: string, value: unknown): TextEdit {
  const member = `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  const members = obj.children ?? [];
  const last = members.at(-1);
  if (!last) {
    const at = obj.offset + 1;
    return { range: doc.rangeOf(at, 0), newText: member };
  }
  const end = last.offset + last.length;
  const multiline = doc.text.slice(obj.offset, last.offset).includes("\n");
  const newText = multiline ? `,\n${lineIndent(doc.text, last.offset)}${member}` : `, ${member}`;
  return { range: doc.rangeOf(end, 0), newText };
}

/** The member (property node) or element whose value is at `pointer`. */
function itemAt(doc: JsonDocument, pointer: string): jsonc.Node | undefined {
  const node = doc.nodeAt(pointer);
  return node?.parent?.type === "property" ? node.parent : node;
}

/**
 * Remove members or elements, each with the comma that separates it. Neighbours of one container
 * are removed as one run, so that the edits never overlap: removing the first item takes the text up
 * to the second, removing the second the text from the end of the first.
 */
function removeItems(doc: JsonDocument, items: readonly jsonc.Node[]): TextEdit[] {
  const byContainer = new Map<jsonc.Node, Set<jsonc.Node>>();
  for (const item of items) {
    if (!item.parent) continue;
    let set = byContainer.get(item.parent);
    if (!set) byContainer.set(item.parent, (set = new Set()));
    set.add(item);
  }
  const edits: TextEdit[] = [];
  for (const [container, removed] of byContainer) {
    const siblings = container.children ?? [];
    for (let i = 0; i < siblings.length; i++) {
      if (!removed.has(siblings[i])) continue;
      let j = i;
      while (j + 1 < siblings.length && removed.has(siblings[j + 1])) j++;
      const end = (n: jsonc.Node) => n.offset + n.length;
      let start = siblings[i].offset;
      let stop = end(siblings[j]);
      if (i > 0) start = end(siblings[i - 1]);
      else if (j + 1 < siblings.length) stop = siblings[j + 1].offset;
      edits.push({ range: doc.rangeOf(start, stop - start), newText: "" });
      i = j;
    }
  }
  return edits;
}

/** Insert `value` at `pointer`, creating the missing objects on the way (as one nested value). */
function insertAt(doc: JsonDocument, pointer: string, value: unknown): TextEdit | undefined {
  const path = pointerToPath(pointer).map(String);
  let depth = path.length - 1;
  let parent = doc.nodeAt(
    pointer
      .split("/")
      .slice(0, depth + 1)
      .join("/"),
  );
  while (depth > 0 && !parent) {
    depth--;
    parent = doc.nodeAt(
      pointer
        .split("/")
        .slice(0, depth + 1)
        .join("/"),
    );
  }
  if (!parent || parent.type !== "object") return undefined;
  let nested: unknown = value;
  for (let k = path.length - 1; k > depth; k--) nested = { [path[k]]: nested };
  return insertMember(doc, parent, path[depth], nested);
}

/** Text edits for one fix; undefined when the document no longer has what the fix is about. */
export function fixToTextEdits(doc: JsonDocument, edits: readonly FixEdit[]): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  // Made together at the end: neighbours removed by one fix are one edit.
  const removed: jsonc.Node[] = [];
  for (const e of edits) {
    switch (e.op) {
      case "renameKey": {
        const key = doc.keyNodeAt(e.pointer);
        if (!key) return undefined;
        out.push(replaceNode(doc, key, JSON.stringify(e.newKey)));
        break;
      }
      case "setValue": {
        const node = doc.nodeAt(e.pointer);
        if (!node) return undefined;
        out.push(replaceNode(doc, node, JSON.stringify(e.value)));
        break;
      }
      case "swapValues": {
        const a = doc.nodeAt(e.a),
          b = doc.nodeAt(e.b);
        if (!a || !b) return undefined;
        const textOf = (n: jsonc.Node) => doc.text.slice(n.offset, n.offset + n.length);
        out.push(replaceNode(doc, a, textOf(b)), replaceNode(doc, b, textOf(a)));
        break;
      }
      case "insert": {
        const edit = insertAt(doc, e.pointer, e.value);
        if (!edit) return undefined;
        out.push(edit);
        break;
      }
      case "remove": {
        const item = itemAt(doc, e.pointer);
        if (!item?.parent) return undefined;
        removed.push(item);
        break;
      }
    }
  }
  return [...out, ...removeItems(doc, removed)];
}
