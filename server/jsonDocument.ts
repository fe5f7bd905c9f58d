// One version of an open JSON/JSONC document, parsed once with positions: the bridge between JSON
// pointers (what core speaks) and text ranges (what LSP speaks).
import * as jsonc from "jsonc-parser";
import type { Position, Range } from "vscode-languageserver";
import {
  escapePointerSegment,
  lineStartsOf,
  nodeAtPointer as nodeAtPath,
  nodeNestedDeeperThan,
  nodeValue,
  pointerToPath,
  stepInto,
} from "../core/schema";
import { WORK_LIMITS, limitMaximum } from "../common/settings";

/**
 * The most the depth limit can be raised to. A document nested deeper is refused under any
 * setting, and what would walk it (schema nodes, the reload of a recovered value's JSON, hovers,
 * jsonc-parser's getLocation) recurses once per level.
 */
export const DEPTH_CEILING = limitMaximum(WORK_LIMITS.find((l) => l.name === "depth")!);

export class JsonDocument {
  readonly tree: jsonc.Node | undefined;
  readonly syntaxErrors: jsonc.ParseError[] = [];
  /** Why the text could not be parsed at all (nesting deeper than the parser's stack), if so. */
  readonly unreadable?: string;
  private readonly lineStarts: number[];
  private recovered?: { value: unknown };
  private nestsTooDeep?: boolean;

  /**
   * `parsed`: the parse tree of `text` made elsewhere with the same options and no errors (the
   * engine's, when it loaded the text), so that a large document is not parsed twice.
   */
  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: string,
    parsed?: { tree: jsonc.Node | undefined; lineStarts: number[] },
  ) {
    if (parsed) {
      this.tree = parsed.tree;
      this.lineStarts = parsed.lineStarts;
      // The engine's scan let it through: it nests no deeper than the depth limit, at most the ceiling.
      this.nestsTooDeep = false;
      return;
    }
    try {
      this.tree = jsonc.parseTree(text, this.syntaxErrors, { allowTrailingComma: true, disallowComments: false });
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      this.tree = undefined;
      this.unreadable = "the document nests too deeply to be read";
    }
    this.lineStarts = lineStartsOf(text);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0,
      hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.lineStarts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, position.line)];
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  rangeOf(offset: number, length: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }

  nodeRange(node: jsonc.Node): Range {
    return this.rangeOf(node.offset, node.length);
  }

  /** The value node at a JSON pointer. */
  nodeAt(pointer: string): jsonc.Node | undefined {
    return nodeAtPointer(this.tree, pointer);
  }

  /** The pointer as a jsonc-parser path: array indices as numbers, as `modify` needs them. */
  pathOf(pointer: string): jsonc.JSONPath {
    const path: jsonc.JSONPath = [];
    let node = this.tree;
    for (const seg of pointerToPath(pointer)) {
      const index = node?.type === "array" && /^(0|[1-9][0-9]*)$/.test(String(seg)) ? Number(seg) : undefined;
      path.push(index ?? String(seg));
      node = node ? stepInto(node, String(seg)) : undefined;
    }
    return path;
  }

  /** The key node of the member whose value is at `pointer` (undefined for the root and array elements). */
  keyNodeAt(pointer: string): jsonc.Node | undefined {
    const node = this.nodeAt(pointer);
    const parent = node?.parent;
    return parent?.type === "property" ? parent.children?.[0] : undefined;
  }

  /** Range of the key (falling back to the value) or of the value at `pointer`. */
  memberRange(pointer: string, part: "key" | "value"): Range | undefined {
    const node = part === "key" ? (this.keyNodeAt(pointer) ?? this.nodeAt(pointer)) : this.nodeAt(pointer);
    return node ? this.nodeRange(node) : undefined;
  }

  /** Range from the start of a member's key to the end of its value (the whole member). */
  wholeMemberRange(pointer: string): Range | undefined {
    const node = this.nodeAt(pointer);
    if (!node) return undefined;
    const owner = node.parent?.type === "property" ? node.parent : node;
    return this.nodeRange(owner);
  }

  /** JSON pointer of a node (of a property node: its value's pointer). */
  pointerOf(node: jsonc.Node): string {
    return jsonc
      .getNodePath(node)
      .map((s) => `/${escapePointerSegment(s)}`)
      .join("");
  }

  /**
   * The document as JSON.parse would read it, after jsonc-parser's error recovery; undefined when
   * it nests too deep (see tooDeep).
   */
  value(): unknown {
    if (!this.recovered) this.recovered = { value: this.tree && !this.tooDeep() ? nodeValue(this.tree) : undefined };
    return this.recovered.value;
  }

  /**
   * Whether the text nests deeper than DEPTH_CEILING, or too deep to be parsed at all. Then value()
   * is undefined, and features that would walk the text or the tree once per level answer nothing
   * rather than overflow the stack. A text without syntax errors that deep has been refused by the
   * engine's depth limit already; after a syntax error, jsonc-parser recovers a tree from it that
   * no depth check has seen.
   */
  tooDeep(): boolean {
    this.nestsTooDeep ??=
      this.unreadable !== undefined || (this.tree !== undefined && nodeNestedDeeperThan(this.tree, DEPTH_CEILING) !== undefined);
    return this.nestsTooDeep;
  }
}

/** The value node at a JSON pointer in a parse tree (array segments are indices). */
export function nodeAtPointer(tree: jsonc.Node | undefined, pointer: string): jsonc.Node | undefined {
  return nodeAtPath(tree, pointerToPath(pointer));
}
