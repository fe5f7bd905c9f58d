// Rule text → syntax tree. Precedence, loosest first (docs/rules.md):
//   ->  (right-associative)
//   or
//   and
//   not
//   == != < <= > >=  in  not in   (no chaining: `a < b < c` is an error)
//   + -
//   * /
//   unary -
//   literals, paths, function calls, ( … )
// Paths: `a.b.c`, `items[*].price`, `items[0]`, `a["odd-name"]`, and `$` for the object the rule
// is on (`$.in` reaches a property named like a keyword). Lists `[…]` only follow `in`.
// `ref(path)` (then `.field…`) reads a field of the record the reference at `path` points to.
import {
  FUNCTIONS,
  REF_FORM,
  type ArithOp,
  type CompareOp,
  type Expr,
  type FunctionName,
  type PathNode,
  type RefNode,
  type Segment,
} from "./ast";
import { KEYWORDS, RuleLimitError, RuleSyntaxError, looksLikeProse, tokenize, type Token } from "./lexer";
import { DEFAULT_LIMITS, groupDigits, raiseHint, type Limits } from "../base/limits";

export type ParseResult = { ok: true; ast: Expr } | { ok: false; error: RuleSyntaxError; prose: boolean };

/** The limits a rule is read within. */
export type RuleLimits = Pick<Limits, "rule-length" | "rule-depth">;

const parseCache = new Map<string, ParseResult>();

/** Parse a rule (cached by text and limits); never throws. `prose` says the text reads as a sentence. */
export function parseRule(text: string, limits: RuleLimits = DEFAULT_LIMITS): ParseResult {
  const cacheKey = `${limits["rule-length"]},${limits["rule-depth"]}:${text}`;
  let r = parseCache.get(cacheKey);
  if (r) return r;
  try {
    r = { ok: true, ast: parseExpression(text, limits) };
  } catch (e) {
    if (!(e instanceof RuleSyntaxError)) throw e;
    // Too long or too deep is not prose, and reading a megabyte as a sentence is work too.
    r = { ok: false, error: e, prose: !(e instanceof RuleLimitError) && looksLikeProse(text) };
  }
  if (parseCache.size > 2000) parseCache.clear();
  // A rule over a limit is cheap to refuse again: its (possibly huge) text is not kept.
  if (r.ok || !(r.error instanceof RuleLimitError)) parseCache.set(cacheKey, r);
  return r;
}

/**
 * Parse or throw RuleSyntaxError (RuleLimitError beyond rule-length or rule-depth). The length is
 * checked before any token is made; the depth while parsing (parentheses, `not`, unary minus and
 * function calls nest the parser) and then on the tree (`a + b + …` nests the tree, not the
 * parser), because every later stage walks the tree recursively.
 */
export function parseExpression(text: string, limits: RuleLimits = DEFAULT_LIMITS): Expr {
  const maxLength = limits["rule-length"];
  if (text.length > maxLength) {
    throw new RuleLimitError(
      `the rule is ${groupDigits(text.length)} characters long, more than the rule-length limit of ${groupDigits(maxLength)}; ${raiseHint("rule-length")}`,
      0,
      Math.min(text.length, 80),
      "rule-length",
      maxLength,
    );
  }
  const ast = new Parser(text, limits["rule-depth"]).parseAll();
  const deepest = deepestNode(ast, limits["rule-depth"]);
  if (deepest) throw depthError(deepest.start, deepest.end - deepest.start, limits["rule-depth"]);
  return ast;
}

function depthError(offset: number, length: number, maxDepth: number): RuleLimitError {
  return new RuleLimitError(
    `the rule nests more than ${groupDigits(maxDepth)} deep (parentheses, operators and calls inside each other), more than the rule-depth limit of ${groupDigits(maxDepth)}; ${raiseHint("rule-depth")}`,
    offset,
    length,
    "rule-depth",
    maxDepth,
  );
}

/** The first node found deeper than `maxDepth` in the tree, or undefined; without recursion. */
function deepestNode(ast: Expr, maxDepth: number): Expr | undefined {
  const pending: [Expr, number][] = [[ast, 1]];
  while (pending.length) {
    const [e, d] = pending.pop()!;
    if (d > maxDepth) return e;
    switch (e.type) {
      case "list":
        for (const x of e.items) pending.push([x, d + 1]);
        break;
      case "call":
        for (const x of e.args) pending.push([x, d + 1]);
        break;
      case "unary":
        pending.push([e.operand, d + 1]);
        break;
      case "binary":
        pending.push([e.left, d + 1], [e.right, d + 1]);
        break;
      case "ref":
        pending.push([e.target, d + 1]);
        break;
    }
  }
  return undefined;
}

const COMPARE: ReadonlySet<string> = new Set(["==", "!=", "<", "<=", ">", ">="]);

/** A `+ - * /` node over its two operands, spanning both. */
function arithmetic(op: Token, left: Expr, right: Expr): Expr {
  return {
    type: "binary",
    op: op.text as ArithOp,
    opSpan: { start: op.start, end: op.end },
    left,
    right,
    start: left.start,
    end: right.end,
  };
}

class Parser {
  private readonly tokens: Token[];
  private k = 0;
  /** Nested calls of implication/not/unary in progress: how deep the parser itself has gone. */
  private nesting = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    this.tokens = tokenize(text);
  }

  /** Runs one nested step of the parser, refusing the rule once it nests beyond the limit. */
  private nested<T>(step: () => T): T {
    if (++this.nesting > this.maxDepth) {
      const t = this.peek();
      throw depthError(t.start, Math.max(1, t.end - t.start), this.maxDepth);
    }
    try {
      return step();
    } finally {
      this.nesting--;
    }
  }

  parseAll(): Expr {
    if (this.peek().kind === "eof") throw new RuleSyntaxError("the rule is empty", 0, this.text.length);
    const e = this.implication();
    const t = this.peek();
    if (t.kind !== "eof") throw this.unexpected(t, "expected an operator or the end of the rule");
    return e;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.k + ahead, this.tokens.length - 1)];
  }
  private next(): Token {
    return this.tokens[Math.min(this.k++, this.tokens.length - 1)];
  }
  private isWord(t: Token, w: string): boolean {
    return t.kind === "ident" && t.text === w;
  }
  private isOp(t: Token, op: string): boolean {
    return t.kind === "op" && t.text === op;
  }

  private unexpected(t: Token, hint: string): RuleSyntaxError {
    if (t.kind === "eof") return new RuleSyntaxError(`unexpected end of rule: ${hint}`, t.start, 0);
    return new RuleSyntaxError(`unexpected "${t.text}": ${hint}`, t.start, t.end - t.start);
  }

  private expect(kind: Token["kind"], hint: string): Token {
    const t = this.peek();
    if (t.kind !== kind) throw this.unexpected(t, hint);
    return this.next();
  }

  private implication(): Expr {
    return this.nested(() => this.implicationHere());
  }

  private implicationHere(): Expr {
    const left = this.or();
    const t = this.peek();
    if (this.isOp(t, "->")) {
      this.next();
      const right = this.implication();
      return { type: "binary", op: "->", opSpan: { start: t.start, end: t.end }, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private or(): Expr {
    let left = this.and();
    for (let t = this.peek(); this.isWord(t, "or"); t = this.peek()) {
      this.next();
      const right = this.and();
      left = { type: "binary", op: "or", opSpan: { start: t.start, end: t.end }, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    for (let t = this.peek(); this.isWord(t, "and"); t = this.peek()) {
      this.next();
      const right = this.not();
      left = { type: "binary", op: "and", opSpan: { start: t.start, end: t.end }, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private not(): Expr {
    const t = this.peek();
    if (this.isWord(t, "not")) {
      this.next();
      const operand = this.nested(() => this.not());
      return { type: "unary", op: "not", operand, start: t.start, end: operand.end };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const t = this.peek();
    let op: CompareOp | "in" | "not in" | undefined;
    let opEnd = t.end;
    if (t.kind === "op" && COMPARE.has(t.text)) op = t.text as CompareOp;
    else if (this.isWord(t, "in")) op = "in";
    else if (this.isWord(t, "not") && this.isWord(this.peek(1), "in")) {
      op = "not in";
      opEnd = this.peek(1).end;
      this.next();
    }
    if (!op) return left;
    this.next();
    const right = op === "in" || op === "not in" ? this.list() : this.additive();
    const after = this.peek();
    if ((after.kind === "op" && COMPARE.has(after.text)) || this.isWord(after, "in")) {
      throw new RuleSyntaxError(`comparisons do not chain: write "a ${op} b and b ${after.text} c"`, after.start, after.end - after.start);
    }
    return { type: "binary", op, opSpan: { start: t.start, end: opEnd }, left, right, start: left.start, end: right.end };
  }

  private list(): Expr {
    const open = this.peek();
    if (open.kind !== "[") throw this.unexpected(open, 'expected a list such as ["a", "b"] after "in"');
    this.next();
    const items: Expr[] = [];
    if (this.peek().kind !== "]") {
      for (;;) {
        items.push(this.additive());
        const t = this.peek();
        if (t.kind === ",") {
          this.next();
          continue;
        }
        if (t.kind === "]") break;
        throw this.unexpected(t, 'expected "," or "]" in the list');
      }
    }
    const close = this.next();
    return { type: "list", items, start: open.start, end: close.end };
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (let t = this.peek(); this.isOp(t, "+") || this.isOp(t, "-"); t = this.peek()) {
      this.next();
      const right = this.multiplicative();
      left = arithmetic(t, left, right);
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    for (let t = this.peek(); this.isOp(t, "*") || this.isOp(t, "/"); t = this.peek()) {
      this.next();
      const right = this.unary();
      left = arithmetic(t, left, right);
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (this.isOp(t, "-")) {
      this.next();
      const operand = this.nested(() => this.unary());
      // A negative number literal stays a literal (exact text).
      if (operand.type === "literal" && operand.kind === "number" && !String(operand.value).startsWith("-")) {
        return { ...operand, value: `-${operand.value}`, start: t.start };
      }
      return { type: "unary", op: "-", operand, start: t.start, end: operand.end };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case "number":
        this.next();
        return { type: "literal", kind: "number", value: t.text, start: t.start, end: t.end };
      case "string":
        this.next();
        return { type: "literal", kind: "string", value: t.value!, start: t.start, end: t.end };
      case "(": {
        this.next();
        if (this.peek().kind === ")") throw this.unexpected(this.peek(), "expected an expression inside ( )");
        const inner = this.implication();
        const close = this.peek();
        if (close.kind !== ")") throw this.unexpected(close, 'expected ")"');
        this.next();
        return { ...inner, start: t.start, end: close.end };
      }
      case "[":
        throw new RuleSyntaxError('a list [...] is only allowed after "in"', t.start, 1);
      case "$":
        return this.path();
      case "ident": {
        if (t.text === "true" || t.text === "false") {
          this.next();
          return { type: "literal", kind: "boolean", value: t.text === "true", start: t.start, end: t.end };
        }
        if (t.text === "null") {
          this.next();
          return { type: "literal", kind: "null", value: null, start: t.start, end: t.end };
        }
        if (KEYWORDS.has(t.text)) throw this.unexpected(t, `"${t.text}" needs an expression before it`);
        if (this.peek(1).kind === "(") return t.text === REF_FORM ? this.ref() : this.call();
        return this.path();
      }
      default:
        throw this.unexpected(t, "expected a value, a field path or a function");
    }
  }

  private call(): Expr {
    const nameTok = this.next();
    const name = nameTok.text;
    if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) {
      throw new RuleSyntaxError(
        `unknown function "${name}": functions are ${Object.keys(FUNCTIONS)
          .map((f) => `${f}()`)
          .join(", ")}, and ${REF_FORM}(path) follows a reference`,
        nameTok.start,
        nameTok.end - nameTok.start,
      );
    }
    this.next(); // (
    const args: Expr[] = [];
    if (this.peek().kind !== ")") {
      for (;;) {
        args.push(this.implication());
        const t = this.peek();
        if (t.kind === ",") {
          this.next();
          continue;
        }
        if (t.kind === ")") break;
        throw this.unexpected(t, 'expected "," or ")"');
      }
    }
    const close = this.next();
    const arity = FUNCTIONS[name as FunctionName];
    if (args.length !== arity) {
      throw new RuleSyntaxError(
        `${name}() takes ${arity === 0 ? "no arguments" : arity === 1 ? "one argument" : `${arity} arguments`}, got ${args.length}`,
        nameTok.start,
        close.end - nameTok.start,
      );
    }
    return {
      type: "call",
      name: name as FunctionName,
      nameSpan: { start: nameTok.start, end: nameTok.end },
      args,
      start: nameTok.start,
      end: close.end,
    };
  }

  /** `ref(path)` and the field after it: `ref(customer_id).signed_up_at`. */
  private ref(): RefNode {
    const nameTok = this.next();
    this.next(); // (
    const arg = this.peek();
    const hint = `${REF_FORM}() takes the path of a field that carries x-ref, such as ${REF_FORM}(customer_id)`;
    if (arg.kind !== "$" && (arg.kind !== "ident" || KEYWORDS.has(arg.text) || this.peek(1).kind === "(")) throw this.unexpected(arg, hint);
    const target = this.path();
    const close = this.peek();
    if (close.kind !== ")") throw this.unexpected(close, close.kind === "," ? `${REF_FORM}() takes one path` : 'expected ")"');
    this.next();
    const field = this.segments([]);
    const wild = field.find((s) => s.kind === "wildcard");
    if (wild)
      throw new RuleSyntaxError(
        `[*] cannot range over the referenced record's arrays: use an index such as [0], or put [*] inside ${REF_FORM}(…)`,
        wild.start,
        wild.end - wild.start,
      );
    const end = field.length ? field[field.length - 1].end : close.end;
    return {
      type: "ref",
      nameSpan: { start: nameTok.start, end: nameTok.end },
      target,
      field,
      fieldText: this.text.slice(close.end, end).replace(/\s+/g, ""),
      start: nameTok.start,
      end,
    };
  }

  private path(): PathNode {
    const first = this.next();
    const segments: Segment[] = [];
    if (first.kind === "ident") segments.push({ kind: "name", name: first.text, start: first.start, end: first.end });
    this.segments(segments);
    if (first.kind === "$" && segments.length === 0)
      throw new RuleSyntaxError('"$" must be followed by a property: $.name or $["name"]', first.start, 1);
    const start = first.start;
    const end = segments[segments.length - 1].end;
    return { type: "path", segments, text: this.text.slice(start, end).replace(/\s+/g, ""), start, end };
  }

  /** The `.name`, `[*]`, `[0]` and `["name"]` steps that follow, appended to `segments`. */
  private segments(segments: Segment[]): Segment[] {
    for (;;) {
      const t = this.peek();
      if (t.kind === ".") {
        this.next();
        const name = this.peek();
        if (name.kind !== "ident") throw this.unexpected(name, 'expected a property name after "."');
        this.next();
        segments.push({ kind: "name", name: name.text, start: t.start, end: name.end });
        continue;
      }
      if (t.kind === "[") {
        this.next();
        const inner = this.next();
        let seg: Segment;
        if (inner.kind === "op" && inner.text === "*") seg = { kind: "wildcard", start: t.start, end: 0 };
        else if (inner.kind === "number" && /^\d+$/.test(inner.text))
          seg = { kind: "index", index: Number(inner.text), start: t.start, end: 0 };
        else if (inner.kind === "string") seg = { kind: "name", name: inner.value!, start: t.start, end: 0 };
        else throw this.unexpected(inner, "expected [*], an index such as [0], or a quoted property name inside [ ]");
        const close = this.peek();
        if (close.kind !== "]") throw this.unexpected(close, 'expected "]"');
        this.next();
        seg.end = close.end;
        segments.push(seg);
        continue;
      }
      return segments;
    }
  }
}
