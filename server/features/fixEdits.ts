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

/** Remove the member or element whose value is at `pointer`, with the comma that separates it. */
function removeAt(doc: JsonDocument, pointer: string): TextEdit | undefined {
  const node = doc.nodeAt(pointer);
  if (!node) return undefined;
  const item = node.parent?.type === "property" ? node.parent : node;
  const container = item.parent;
  const siblings = container?.children ?? [];
  const k = siblings.indexOf(item);
  if (k < 0) return undefined;
  let start = item.offset,
    end = item.offset + item.length;
  if (k > 0) start = siblings[k - 1].offset + siblings[k - 1].length;
  else if (siblings.length > 1) end = siblings[1].offset;
  return { range: doc.rangeOf(start, end - start), newText: "" };
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
        const edit = removeAt(doc, e.pointer);
        if (!edit) return undefined;
        out.push(edit);
        break;
      }
    }
  }
  return out;
}
