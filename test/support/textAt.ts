// Shared by the language-server tests and the in-process tests of its helpers.
type Position = { line: number; character: number };

/** The offset of each position in `text` (lines end with "\n"). */
function offsetsIn(text: string): (p: Position) => number {
  const lines = text.split("\n");
  return (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
}

/** The text a range covers. */
export function textAt(text: string, range: { start: Position; end: Position }): string {
  const offset = offsetsIn(text);
  return text.slice(offset(range.start), offset(range.end));
}

/** `text` with LSP text edits (all against the original text, none overlapping) applied, as an editor applies a quick fix. */
export function applyTextEdits(text: string, edits: readonly { range: { start: Position; end: Position }; newText: string }[]): string {
  const offset = offsetsIn(text);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
