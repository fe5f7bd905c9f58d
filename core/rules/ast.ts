// The syntax tree of a rule. Every node and every path segment carries its offsets in the rule
// text ([start, end), UTF-16 code units of the decoded string) for diagnostics.

export type CompareOp = "==" | "!=" | "<" | "<=" | ">" | ">=";
export type ArithOp = "+" | "-" | "*" | "/";
export type FunctionName = "len" | "sum" | "count" | "date" | "today" | "days";

/** Functions and how many arguments each takes. */
export const FUNCTIONS: Record<FunctionName, number> = { len: 1, sum: 1, count: 1, date: 1, today: 0, days: 1 };

export interface Span {
  start: number;
  end: number;
}

export type Segment = (Span & { kind: "name"; name: string }) | (Span & { kind: "index"; index: number }) | (Span & { kind: "wildcard" });

export interface PathNode extends Span {
  type: "path";
  segments: Segment[];
  /** The path as written without spaces (`items[*].price`), for messages. */
  text: string;
}

export interface LiteralNode extends Span {
  type: "literal";
  kind: "number" | "string" | "boolean" | "null";
  /** number: its source text (exact decimal); string/boolean/null: the value. */
  value: string | boolean | null;
}

export interface ListNode extends Span {
  type: "list";
  items: Expr[];
}

export interface CallNode extends Span {
  type: "call";
  name: FunctionName;
  nameSpan: Span;
  args: Expr[];
}

export interface UnaryNode extends Span {
  type: "unary";
  op: "-" | "not";
  operand: Expr;
}

export interface BinaryNode extends Span {
  type: "binary";
  op: CompareOp | ArithOp | "and" | "or" | "->" | "in" | "not in";
  opSpan: Span;
  left: Expr;
  right: Expr;
}

/** The name of the special form `ref(path)`: not a function of values but a reference to follow. */
export const REF_FORM = "ref";

/**
 * `ref(customer_id).signed_up_at`: a field of the record that the reference at `target` (a path of
 * this record whose schema carries `x-ref`) points to. `field` is read in that record, not in this
 * one; an empty `field` is the referenced record itself.
 */
export interface RefNode extends Span {
  type: "ref";
  nameSpan: Span;
  target: PathNode;
  field: Segment[];
  /** The field part as written without spaces (`.signed_up_at`), "" for the record itself. */
  fieldText: string;
}

export type Expr = PathNode | LiteralNode | ListNode | CallNode | UnaryNode | BinaryNode | RefNode;

export const COMPARE_OPS: ReadonlySet<string> = new Set(["==", "!=", "<", "<=", ">", ">="]);

export type ComparisonNode = BinaryNode & { op: CompareOp | "in" | "not in" };

export function isComparison(e: Expr): e is ComparisonNode {
  return e.type === "binary" && (COMPARE_OPS.has(e.op) || e.op === "in" || e.op === "not in");
}

/** Every node of a tree, parents before children. */
export function walkExpr(e: Expr, visit: (e: Expr, parent: Expr | undefined) => void, parent?: Expr): void {
  visit(e, parent);
  switch (e.type) {
    case "list":
      for (const x of e.items) walkExpr(x, visit, e);
      break;
    case "call":
      for (const x of e.args) walkExpr(x, visit, e);
      break;
    case "unary":
      walkExpr(e.operand, visit, e);
      break;
    case "binary":
      walkExpr(e.left, visit, e);
      walkExpr(e.right, visit, e);
      break;
    case "ref":
      // The target is a path of this record; the field is not (it is read in the referenced one).
      walkExpr(e.target, visit, e);
      break;
  }
}

/** Paths that occur in a tree, in order of appearance. */
export function pathsOf(e: Expr): PathNode[] {
  const out: PathNode[] = [];
  walkExpr(e, (n) => {
    if (n.type === "path") out.push(n);
  });
  return out;
}

/** A name that can be written bare in a path. */
export const IDENT = /^[\p{L}_][\p{L}\p{N}_]*$/u;

const ROOT_RESERVED = new Set(["and", "or", "not", "in", "true", "false", "null"]);

/** `ref(customer_id).signed_up_at` as text (for messages and printing). */
export function refText(e: RefNode): string {
  return `${REF_FORM}(${e.target.text})${e.fieldText}`;
}

/** A path as text: `a.b[0].c`, `items[*].price`. */
export function pathText(segments: readonly Segment[]): string {
  let s = "";
  for (const seg of segments) {
    if (seg.kind === "name") {
      const plain = IDENT.test(seg.name);
      if (s === "") s = plain && !ROOT_RESERVED.has(seg.name) ? seg.name : plain ? `$.${seg.name}` : `$[${JSON.stringify(seg.name)}]`;
      else s += plain ? `.${seg.name}` : `[${JSON.stringify(seg.name)}]`;
    } else if (seg.kind === "index") s += `[${seg.index}]`;
    else s += "[*]";
  }
  return s;
}
