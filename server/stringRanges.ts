// Ranges inside JSON string literals: a checker that finds a problem at character k of a decoded
// string (a regex, a cross-field rule) needs the text position of that character, which escapes
// (\n, \", \u00e9, surrogate pairs written as two \u escapes) move away from k.
import type { Range } from "vscode-languageserver";
import type { JsonDocument } from "./jsonDocument";

/**
 * Offsets into the literal's raw text (between the quotes) of each decoded UTF-16 unit boundary:
 * result[k] is where decoded unit k starts; result[decodedLength] is the end.
 */
export function decodedToRawOffsets(raw: string): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < raw.length) {
    if (raw[i] !== "\\") {
      out.push(i);
      i++;
      continue;
    }
    const next = raw[i + 1];
    if (next === "u" && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
      // One \uXXXX escape is one UTF-16 unit; a surrogate pair is two escapes, two units.
      out.push(i);
      i += 6;
    } else {
      out.push(i);
      i += next === undefined ? 1 : 2;
    }
  }
  out.push(raw.length);
  return out;
}

/**
 * The document range of `length` UTF-16 units starting at `startOffsetInValue` of the decoded string
 * value at `pointer`; undefined when there is no string there. Offsets past the end are clamped.
 */
export function rangeInStringValue(document: JsonDocument, pointer: string, startOffsetInValue: number, length: number): Range | undefined {
  const node = document.nodeAt(pointer);
  if (!node || node.type !== "string") return undefined;
  const raw = document.text.slice(node.offset + 1, node.offset + node.length - 1);
  const map = decodedToRawOffsets(raw);
  const last = map.length - 1;
  const start = Math.max(0, Math.min(startOffsetInValue, last));
  const end = Math.max(start, Math.min(startOffsetInValue + Math.max(0, length), last));
  const base = node.offset + 1;
  return { start: document.positionAt(base + map[start]), end: document.positionAt(base + map[end]) };
}
