// One pass over a JSON text with jsonc-parser's scanner, which is iterative, before the text is
// parsed into a tree: jsonc-parser's parse recurses once per nesting level and overflows the stack
// on a document some thousands deep, and every later walk (values, $id registry, facts, ajv)
// recurses along the same nesting. So the nesting and the sizes that the later stages pay for are
// counted here, on tokens, and a document beyond a limit is refused before any tree exists.
import * as jsonc from "jsonc-parser";
import { LimitError, groupDigits, type LimitName, type Limits } from "../base/limits";
import { SCHEMA_ARRAY_KEYWORDS, SCHEMA_KEYWORDS, SCHEMA_MAP_KEYWORDS, escapePointerSegment } from "./keywords";

// jsonc-parser's SyntaxKind is a const enum: its values, spelled out (they are part of its API).
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const STRING = 10;
const EOF = 17;
const VALUE_TOKENS: ReadonlySet<number> = new Set([7, 8, 9, STRING, 11]);

/** What a JSON value is to a schema, judged from the keywords that lead to it (as schemaPathKind does). */
type Role = "schema" | "schemaMap" | "schemaArray" | "itemsLike" | "enum" | "other";

interface Frame {
  array: boolean;
  role: Role;
  /** Object: the key of the member being read; array: the index of the element being read. */
  key: string | number;
  /** Object: waiting for a key. */
  expectKey: boolean;
  /** Members or elements so far, and the limit they count against (if any). */
  count: number;
  counted?: LimitName;
  /** Offset of the key that introduced this container (or of the container itself). */
  at: number;
  /** The key that introduced it, when it is a member of an object. */
  keyword?: string;
}

/** Where the counts of several documents add up (schema-nodes counts a schema and its referenced files). */
export interface ScanTotals {
  schemaNodes: number;
}

export interface ScanOptions {
  limits: Limits;
  /** Whether the text is a schema (sizes of schema keywords are counted); else only the nesting. */
  schema: boolean;
  file?: string;
  /** Line starts of the text, for line:column (computed when not given). */
  lineStarts: number[];
  totals?: ScanTotals;
  /** Turns an offset into 1-based line and column. */
  position: (lineStarts: number[], offset: number) => { line: number; column: number };
  /** What the text is called in the depth message ("the schema", "record 3"). */
  what?: string;
}

function roleOf(container: Frame | undefined): Role {
  if (!container) return "schema";
  const k = container.key;
  switch (container.role) {
    case "schema":
      if (typeof k !== "string") return "other";
      if (k === "enum") return "enum";
      if (SCHEMA_MAP_KEYWORDS.includes(k)) return "schemaMap";
      if (k === "items") return "itemsLike";
      if (SCHEMA_ARRAY_KEYWORDS.includes(k)) return "schemaArray";
      if (SCHEMA_KEYWORDS.includes(k)) return "schema";
      return "other";
    case "schemaMap":
    case "schemaArray":
      return "schema";
    default:
      return "other";
  }
}

function pointerOf(stack: readonly Frame[]): string {
  let p = "";
  for (let k = 0; k < stack.length - 1; k++) p += "/" + escapePointerSegment(stack[k].key);
  return p;
}

/**
 * Throws LimitError when the text nests deeper than `depth`, or (a schema) when one `enum`, map of
 * schemas or array of schemas is longer than its limit or the schema objects are more than
 * `schema-nodes`. Malformed text is not judged here: the parser that follows reports it.
 */
export function scanJson(text: string, o: ScanOptions): void {
  const { limits } = o;
  const scanner = jsonc.createScanner(text, false);
  const stack: Frame[] = [];
  let deepest = 0;
  let tooDeep: { pointer: string; at: number } | undefined;
  let lastKeyAt = 0;
  // The first container longer than its limit: counted to its end, so that the message says its size.
  let over: Frame | undefined;
  let overPointer = "";
  const locate = (pointer: string, offset: number) => ({ file: o.file, pointer, ...o.position(o.lineStarts, offset) });
  const beginValue = (): Frame | undefined => {
    const top = stack[stack.length - 1];
    if (top?.array) {
      top.key = top.count++;
      if (top.counted && top.count > limits[top.counted]) over ??= top;
    }
    return top;
  };
  const sizeError = (f: Frame, pointer: string) => {
    const limit = f.counted!;
    const what = `\`${f.keyword ?? (f.array ? "items" : "properties")}\` has`;
    const unit = f.role === "enum" ? "values" : f.array ? "schemas" : "entries";
    return new LimitError(limit, limits[limit], `${what} ${groupDigits(f.count)} ${unit}`, locate(pointer, f.at));
  };
  for (let token: number = scanner.scan(); token !== EOF; token = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      const container = beginValue();
      let role = tooDeep ? "other" : roleOf(container);
      const array = token === OPEN_BRACKET;
      if (role === "itemsLike") role = array ? "schemaArray" : "schema";
      const frame: Frame = { array, role, key: 0, expectKey: !array, count: 0, at: offset };
      if (container && !container.array) {
        frame.at = lastKeyAt;
        frame.keyword = String(container.key);
      }
      if (!tooDeep && !over && o.schema) {
        if (array && role === "enum") frame.counted = "enum-size";
        else if (array && role === "schemaArray") frame.counted = "subschemas";
        else if (!array && role === "schemaMap") frame.counted = "properties";
        else if (!array && role === "schema" && o.totals && ++o.totals.schemaNodes > limits["schema-nodes"])
          throw new LimitError(
            "schema-nodes",
            limits["schema-nodes"],
            `the schema and the files it references hold more than ${groupDigits(limits["schema-nodes"])} schema objects`,
            locate(pointerOf([...stack, frame]), offset),
          );
      }
      stack.push(frame);
      if (stack.length > deepest) deepest = stack.length;
      if (stack.length > limits.depth && !tooDeep) tooDeep = { pointer: pointerOf(stack), at: offset };
    } else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) {
      if (over && stack[stack.length - 1] === over) overPointer = pointerOf(stack);
      if (stack.pop() === over && over && !tooDeep) throw sizeError(over, overPointer);
    } else if (token === COMMA) {
      const top = stack[stack.length - 1];
      if (top && !top.array) top.expectKey = true;
    } else if (VALUE_TOKENS.has(token)) {
      const top = stack[stack.length - 1];
      if (token === STRING && top && !top.array && top.expectKey) {
        top.expectKey = false;
        top.key = scanner.getTokenValue();
        lastKeyAt = offset;
        if (top.counted && ++top.count > limits[top.counted]) over ??= top;
      } else beginValue();
    }
  }
  if (over && !tooDeep) throw sizeError(over, pointerOf(stack.slice(0, stack.indexOf(over) + 1)));
  if (tooDeep) {
    throw new LimitError(
      "depth",
      limits.depth,
      `${o.what ?? "the document"} nests ${groupDigits(deepest)} deep (objects and arrays inside each other)`,
      locate(tooDeep.pointer, tooDeep.at),
    );
  }
}

/**
 * How deep a parsed JSON value nests (objects and arrays), counted without recursion and without
 * going further than `limit + 1` levels below any point: enough to say that it is too deep.
 */
export function valueDepthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (d > limit) return true;
    for (const c of Array.isArray(v) ? v : Object.values(v)) if (typeof c === "object" && c !== null) stack.push([c, d + 1]);
  }
  return false;
}
