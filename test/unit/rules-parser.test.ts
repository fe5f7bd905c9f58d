// The rule language's lexer and parser: precedence, positions of every node, errors that point at
// the offending token, and prose told apart from broken expressions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRule, parseExpression } from "../../core/rules/parser";
import { tokenize, looksLikeProse, RuleSyntaxError } from "../../core/rules/lexer";
import { refText, type Expr } from "../../core/rules/ast";

/** The tree as a compact S-expression, to check precedence. */
function sexp(e: Expr): string {
  switch (e.type) {
    case "literal":
      return e.kind === "string" ? JSON.stringify(e.value) : String(e.value);
    case "path":
      return e.text;
    case "list":
      return `[${e.items.map(sexp).join(" ")}]`;
    case "call":
      return `${e.name}(${e.args.map(sexp).join(" ")})`;
    case "unary":
      return `(${e.op} ${sexp(e.operand)})`;
    case "binary":
      return `(${e.op} ${sexp(e.left)} ${sexp(e.right)})`;
    case "ref":
      return refText(e);
  }
}

function ok(text: string): Expr {
  const r = parseRule(text);
  assert.ok(r.ok, `${text}: ${r.ok ? "" : r.error.message}`);
  return r.ast;
}

function err(text: string): { message: string; offset: number; length: number; prose: boolean } {
  const r = parseRule(text);
  assert.ok(!r.ok, `${text} should not parse`);
  return { message: r.error.message, offset: r.error.offset, length: r.error.length, prose: r.prose };
}

test("every example rule, one of each form, parses to its expression tree", () => {
  const cases: [string, string][] = [
    ["in_stock == false -> stock_count == 0", "(-> (== in_stock false) (== stock_count 0))"],
    ["claim_dates.service_date <= claim_dates.submitted_at", "(<= claim_dates.service_date claim_dates.submitted_at)"],
    ["amount > 10000 -> requires_approval == true", "(-> (> amount 10000) (== requires_approval true))"],
    ["total == sum(items[*].price)", "(== total sum(items[*].price))"],
    ["len(tags) >= 2 and len(tags) <= 4", "(and (>= len(tags) 2) (<= len(tags) 4))"],
    ["timestamp >= today() - days(30)", "(>= timestamp (- today() days(30)))"],
    ["patient.dob <= today() - days(3650)", "(<= patient.dob (- today() days(3650)))"],
  ];
  for (const [text, expected] of cases) assert.equal(sexp(ok(text)), expected, text);
});

test("precedence: -> loosest and right-associative, then or, and, not, comparisons, + -, * /, unary -", () => {
  assert.equal(sexp(ok("a -> b -> c")), "(-> a (-> b c))");
  assert.equal(sexp(ok("a or b -> c and d")), "(-> (or a b) (and c d))");
  assert.equal(sexp(ok("a or b and c")), "(or a (and b c))");
  assert.equal(sexp(ok("not a and b")), "(and (not a) b)");
  assert.equal(sexp(ok("not x == 1")), "(not (== x 1))");
  assert.equal(sexp(ok("a + b * c == d - e / f")), "(== (+ a (* b c)) (- d (/ e f)))");
  assert.equal(sexp(ok("a - b - c == 0")), "(== (- (- a b) c) 0)");
  assert.equal(sexp(ok("-a * 2 < -3")), "(< (* (- a) 2) -3)");
  assert.equal(sexp(ok("(a or b) and c")), "(and (or a b) c)");
  assert.equal(sexp(ok("x in [1, 2.5, 'a', \"b\"]")), '(in x [1 2.5 "a" "b"])');
  assert.equal(sexp(ok("x not in [null, true]")), "(not in x [null true])");
  assert.equal(sexp(ok("count(items[*].taxable == true) >= 1")), "(>= count((== items[*].taxable true)) 1)");
  assert.equal(sexp(ok("date(x) == date('2024-01-31')")), '(== date(x) date("2024-01-31"))');
});

test("paths: dots, [*], [0], quoted names and $ for the object itself", () => {
  const e = ok("order.items[0].lines[*].price > 0") as Extract<Expr, { type: "binary" }>;
  assert.equal(e.left.type, "path");
  if (e.left.type !== "path") return;
  assert.deepEqual(
    e.left.segments.map((s) => (s.kind === "name" ? s.name : s.kind === "index" ? s.index : "*")),
    ["order", "items", 0, "lines", "*", "price"],
  );
  const q = ok('a["odd-name"].b == 1') as Extract<Expr, { type: "binary" }>;
  assert.equal(q.left.type === "path" && q.left.segments[1].kind === "name" && q.left.segments[1].name, "odd-name");
  // Keywords are property names after a dot, or after $.
  const k = ok("$.in == 3 and $.count == 0 and a.not == 1") as Extract<Expr, { type: "binary" }>;
  assert.equal(sexp(k), "(and (and (== $.in 3) (== $.count 0)) (== a.not 1))");
  // Letters beyond ASCII are letters.
  assert.equal(sexp(ok("größe >= 1 and maße.höhe < 2")), "(and (>= größe 1) (< maße.höhe 2))");
  // A function name without ( is a property.
  assert.equal(sexp(ok("count == 0 and date > '2020-01-01'")), '(and (== count 0) (> date "2020-01-01"))');
});

test("every node and token carries its offsets in the rule text", () => {
  const text = "amount > 10000 -> requires_approval == true";
  const e = parseExpression(text) as Extract<Expr, { type: "binary" }>;
  assert.deepEqual([e.start, e.end], [0, text.length]);
  assert.deepEqual([e.opSpan.start, e.opSpan.end], [15, 17]);
  const left = e.left as Extract<Expr, { type: "binary" }>;
  assert.deepEqual([left.start, left.end], [0, 14]);
  assert.equal(text.slice(left.left.start, left.left.end), "amount");
  assert.equal(text.slice(left.right.start, left.right.end), "10000");
  const right = e.right as Extract<Expr, { type: "binary" }>;
  assert.equal(text.slice(right.left.start, right.left.end), "requires_approval");
  assert.equal(text.slice(right.opSpan.start, right.opSpan.end), "==");

  const t2 = "total == sum( items[*].price )";
  const e2 = parseExpression(t2) as Extract<Expr, { type: "binary" }>;
  const call = e2.right as Extract<Expr, { type: "call" }>;
  assert.equal(t2.slice(call.start, call.end), "sum( items[*].price )");
  assert.equal(t2.slice(call.nameSpan.start, call.nameSpan.end), "sum");
  const path = call.args[0] as Extract<Expr, { type: "path" }>;
  assert.equal(t2.slice(path.start, path.end), "items[*].price");
  assert.deepEqual(
    path.segments.map((s) => t2.slice(s.start, s.end)),
    ["items", "[*]", ".price"],
  );

  const tokens = tokenize("a.b <= 'x y'");
  assert.deepEqual(
    tokens.map((t) => [t.kind, t.start, t.end]),
    [
      ["ident", 0, 1],
      [".", 1, 2],
      ["ident", 2, 3],
      ["op", 4, 6],
      ["string", 7, 12],
      ["eof", 12, 12],
    ],
  );
  assert.equal(tokens[4].value, "x y");
});

test("syntax errors give a message, an offset and a length at the offending token", () => {
  let e = err("in_stock == false -> stock_count = 0");
  assert.deepEqual([e.offset, e.length], [33, 1]);
  assert.match(e.message, /use "=="/);
  e = err("a && b");
  assert.deepEqual([e.offset, e.length], [2, 2]);
  assert.match(e.message, /"and"/);
  e = err("a < b < c");
  assert.deepEqual([e.offset, e.length], [6, 1]);
  assert.match(e.message, /do not chain/);
  e = err("totl == summ(items[*].price)");
  assert.deepEqual([e.offset, e.length], [8, 4]);
  assert.match(e.message, /unknown function "summ".*len\(\), sum\(\)/);
  e = err("len(a, b) > 1");
  assert.deepEqual([e.offset, e.length], [0, 9]);
  assert.match(e.message, /one argument, got 2/);
  e = err("name == 'abc");
  assert.deepEqual([e.offset, e.length], [8, 4]);
  assert.match(e.message, /unterminated string/);
  e = err("items[x] > 0");
  assert.deepEqual([e.offset, e.length], [6, 1]);
  e = err("(a == 1");
  assert.deepEqual([e.offset, e.length], [7, 0]);
  assert.match(e.message, /end of rule/);
  e = err("a == ");
  assert.match(e.message, /end of rule/);
  e = err("a == [1, 2]");
  assert.match(e.message, /only allowed after "in"/);
  e = err("");
  assert.match(e.message, /empty/);
  e = err("a == 1 b");
  assert.deepEqual([e.offset, e.length], [7, 1]);
  e = err("3abc > 1");
  assert.deepEqual([e.offset, e.length], [0, 4]);
  assert.throws(() => parseExpression("a ="), RuleSyntaxError);
});

test("sentences are prose (kept as guidance), broken expressions are not", () => {
  assert.equal(err("High-value items should have lower inventory").prose, true);
  assert.equal(err("The total must equal the sum of the line charges").prose, true);
  assert.equal(err("amount > 10000 -> requires_approval = true").prose, false);
  assert.equal(err("a < b < c").prose, false);
  assert.equal(looksLikeProse("x in [a, b]"), false);
  assert.equal(looksLikeProse("not a and b"), false);
  assert.equal(looksLikeProse("Items shouldn't ship before payment"), true);
});

test("numbers keep their exact text; negative literals stay literals", () => {
  const e = ok("price == 0.10 and x > -2.50") as Extract<Expr, { type: "binary" }>;
  const a = e.left as Extract<Expr, { type: "binary" }>;
  const b = e.right as Extract<Expr, { type: "binary" }>;
  assert.equal(a.right.type === "literal" && a.right.value, "0.10");
  assert.equal(b.right.type === "literal" && b.right.value, "-2.50");
  assert.equal(sexp(ok("x == 1e3")), "(== x 1e3)");
});

test("ref(path) reads a field of the referenced record: its target is a path of this record, its field is not", () => {
  assert.equal(sexp(ok("created_at >= ref(customer_id).signed_up_at")), "(>= created_at ref(customer_id).signed_up_at)");
  assert.equal(sexp(ok("lines[*].price >= ref( lines[*].product_id ).cost")), "(>= lines[*].price ref(lines[*].product_id).cost)");
  assert.equal(sexp(ok("ref(a.b)['odd-name'][0].c == 1 and ref(x) != null")), "(and (== ref(a.b)['odd-name'][0].c 1) (!= ref(x) null))");
  assert.equal(sexp(ok("ref(c).tier in ['gold'] -> discount > 0")), '(-> (in ref(c).tier ["gold"]) (> discount 0))');
  // A property named ref is still a property; only ref( starts the form.
  assert.equal(sexp(ok("ref.x == 1")), "(== ref.x 1)");

  const text = "created_at >= ref( customer_id ).signed_up_at";
  const e = parseExpression(text) as Extract<Expr, { type: "binary" }>;
  const r = e.right as Extract<Expr, { type: "ref" }>;
  assert.equal(r.type, "ref");
  assert.equal(text.slice(r.start, r.end), "ref( customer_id ).signed_up_at");
  assert.equal(text.slice(r.nameSpan.start, r.nameSpan.end), "ref");
  assert.equal(text.slice(r.target.start, r.target.end), "customer_id");
  assert.deepEqual(
    r.field.map((s) => text.slice(s.start, s.end)),
    [".signed_up_at"],
  );
  assert.equal(r.fieldText, ".signed_up_at");
});

test("ref() takes one path, and its field cannot range with [*]", () => {
  let e = err("ref(1).x == 2");
  assert.deepEqual([e.offset, e.length], [4, 1]);
  assert.match(e.message, /path of a field that carries x-ref/);
  e = err("ref(ref(a).b).c == 2");
  assert.deepEqual([e.offset, e.length], [4, 3]);
  e = err("ref(a, b).c == 2");
  assert.deepEqual([e.offset, e.length], [5, 1]);
  assert.match(e.message, /one path/);
  e = err("ref(a).tags[*] == 'x'");
  assert.deepEqual([e.offset, e.length], [11, 3]);
  assert.match(e.message, /\[\*\] cannot range over the referenced record/);
  e = err("totl == reff(a).b");
  assert.match(e.message, /unknown function "reff".*ref\(path\)/);
});
