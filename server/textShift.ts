// Where two versions of a document differ, as one region found by their common prefix and suffix:
// enough to carry a position outside the edit from the current text into an older model (a hover
// after typing elsewhere) without parsing the current text. Linear in the text, no allocation.
import type { Position, Range } from "vscode-languageserver";

export interface TextShift {
  /** First offset where the texts differ. */
  start: number;
  /** End of the differing region in the old text and in the new one. */
  oldEnd: number;
  newEnd: number;
}

export function textShift(oldText: string, newText: string): TextShift {
  const max = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)) tail++;
  return { start, oldEnd: oldText.length - tail, newEnd: newText.length - tail };
}

/** The old text's offset of a new text's offset; undefined inside the edited region. */
export function toOldOffset(shift: TextShift, offset: number): number | undefined {
  if (offset <= shift.start) return offset;
  if (offset >= shift.newEnd) return offset - shift.newEnd + shift.oldEnd;
  return undefined;
}

/** The new text's offset of an old text's offset; undefined inside the edited region. */
export function toNewOffset(shift: TextShift, offset: number): number | undefined {
  if (offset <= shift.start) return offset;
  if (offset >= shift.oldEnd) return offset - shift.oldEnd + shift.newEnd;
  return undefined;
}

interface Offsets {
  offsetAt(position: Position): number;
  positionAt(offset: number): Position;
}

/** Positions of the new text carried into the old one and ranges of the old one back. */
export class ShiftedView {
  private constructor(
    private readonly shift: TextShift,
    private readonly oldText: Offsets,
    private readonly newText: Offsets,
  ) {}

  static between(oldText: string, oldOffsets: Offsets, newText: string, newOffsets: Offsets): ShiftedView {
    return new ShiftedView(textShift(oldText, newText), oldOffsets, newOffsets);
  }

  toOld(position: Position): Position | undefined {
    const o = toOldOffset(this.shift, this.newText.offsetAt(position));
    return o === undefined ? undefined : this.oldText.positionAt(o);
  }

  toNew(range: Range): Range | undefined {
    const s = toNewOffset(this.shift, this.oldText.offsetAt(range.start));
    const e = toNewOffset(this.shift, this.oldText.offsetAt(range.end));
    return s === undefined || e === undefined ? undefined : { start: this.newText.positionAt(s), end: this.newText.positionAt(e) };
  }
}
