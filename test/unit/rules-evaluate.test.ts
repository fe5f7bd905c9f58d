// Evaluating rules: exact decimals, dates as instants, absent paths, [*] as "for every element",
// the aggregate functions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadSchemaText } from "../../core/schema/load";
import { SchemaScope } from "../../core/rules/scope";
import { analyzeRule } from "../../core/rules/check";
import { CompiledExpr, Evaluator } from "../../core/rules/evaluate";
import {
  add,
  numFromNumber,
  numFromText,
  decimalText,
  parseInstant,
  formatInstant,
  parseInstantStyled,
  div,
  cmp,
} from "../../core/rules/values";

const REF = "2026-01-01T00:00:00Z";

const SCHEMA = {
  type: "object",
  properties: {
    total: { type: "number" },
    amount: { type: "number" },
    price: { type: "number" },
    qty: { type: "integer" },
    in_stock: { type: "boolean" },
    stock_count: { type: "integer" },
    requires_approval: { type: "boolean" },
    status: { type: "string" },
    name: { type: "string" },
    tags: { type: "array", items: { type: "string" } },
    d: { type: "string", format: "date" },
    dt: { type: "string", format: "date-time" },
    timestamp: { type: "string", format: "date-time" },
    claim_dates: {
      type: "object",
      properties: { service_date: { type: "string", format: "date" }, submitted_at: { type: "string", format: "date-time" } },
    },
    patient: { type: "object", properties: { dob: { type: "string", format: "date" } } },
    items: {
      type: "array",
      items: {
        type: "object",
        properties: {
          price: { type: "number" },
          qty: { type: "integer" },
          taxable: { type: "boolean" },
          parts: { type: "array", items: { type: "object", properties: { w: { type: "number" } } } },
        },
      },
    },
  },
};

function rule(text: string, schema: object = SCHEMA): Evaluator {
  const loaded = loadSchemaText(JSON.stringify(schema), undefined);
  const a = analyzeRule(text, new SchemaScope(loaded), [loaded.main.root], REF);
  assert.ok(a.ast, `${text} does not parse`);
  assert.deepEqual(
    a.findings.filter((f) => f.severity === "error"),
    [],
    text,
  );
  return new Evaluator(new CompiledExpr(text, a.ast, a.nodes), parseInstant(REF)!);
}

const holds = (text: string, obj: unknown) => rule(text).holds(obj);

test("decimals are exact: 0.1 + 0.2 == 0.3, two-decimal totals add up", () => {
  assert.equal(holds("price + amount == 0.3", { price: 0.1, amount: 0.2 }), true);
  assert.equal(0.1 + 0.2 === 0.3, false, "(binary floats would fail)");
  assert.equal(
    holds("total == sum(items[*].price)", { total: 30.03, items: [{ price: 10.01 }, { price: 10.01 }, { price: 10.01 }] }),
    true,
  );
  assert.equal(
    holds("total == sum(items[*].price)", { total: 30.02, items: [{ price: 10.01 }, { price: 10.01 }, { price: 10.01 }] }),
    false,
  );
  // Many two-decimal prices whose float sum drifts.
  const items = Array.from({ length: 100 }, (_, k) => ({ price: Number(`${k}.${String(k % 100).padStart(2, "0")}`) }));
  let exact = numFromNumber(0)!;
  for (const i of items) exact = add(exact, numFromNumber(i.price)!);
  const floatSum = items.reduce((a, i) => a + i.price, 0);
  const total = Number(decimalText(exact));
  assert.equal(holds("total == sum(items[*].price)", { total, items }), true);
  assert.notEqual(floatSum, total, "the float sum differs from the decimal one, the rule does not");
  assert.equal(holds("total == 1.50", { total: 1.5 }), true);
  assert.equal(holds("qty * price == total", { qty: 3, price: 0.1, total: 0.3 }), true);
  assert.equal(holds("total / 3 > 0.33", { total: 1 }), true);
  assert.equal(holds("total / 0 > 1", { total: 1 }), false);
  assert.equal(decimalText(div(numFromText("1")!, numFromText("8")!)!), "0.125");
  assert.equal(cmp(numFromText("1e3")!, numFromText("1000.000")!), 0);
});

test("dates and date-times compare as instants; a date is midnight UTC", () => {
  assert.equal(holds("d <= dt", { d: "2024-03-10", dt: "2024-03-10T00:00:00Z" }), true);
  assert.equal(holds("d < dt", { d: "2024-03-10", dt: "2024-03-10T00:00:00Z" }), false);
  assert.equal(holds("d < dt", { d: "2024-03-10", dt: "2024-03-10T00:00:00.001Z" }), true);
  // An offset moves the instant: 01:00+02:00 is 23:00 UTC the day before.
  assert.equal(holds("d > dt", { d: "2024-03-10", dt: "2024-03-10T01:00:00+02:00" }), true);
  assert.equal(
    holds("claim_dates.service_date <= claim_dates.submitted_at", {
      claim_dates: { service_date: "2024-05-01", submitted_at: "2024-04-30T23:59:59Z" },
    }),
    false,
  );
  assert.equal(
    holds("claim_dates.service_date <= claim_dates.submitted_at", {
      claim_dates: { service_date: "2024-04-30", submitted_at: "2024-04-30T23:59:59Z" },
    }),
    true,
  );
  // A literal compared with a date is read as a date.
  assert.equal(holds("d >= '2024-01-01'", { d: "2024-03-10" }), true);
  assert.equal(holds("dt == '2024-03-10T02:00:00+02:00'", { dt: "2024-03-10T00:00:00Z" }), true);
  assert.equal(holds("date(name) < d", { name: "2020-01-01", d: "2021-01-01" }), true);
  // Calendar arithmetic agrees with Date.UTC over four centuries.
  for (let y = 1800; y <= 2400; y += 7) {
    for (const [mo, d] of [
      [1, 1],
      [2, 28],
      [2, 29],
      [3, 1],
      [12, 31],
    ]) {
      const text = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
      const i = parseInstant(text);
      if (mo === 2 && d === 29 && !leap) assert.equal(i, undefined, text);
      else assert.equal(Number(i!.ms.n), Date.UTC(y, mo - 1, d), text);
    }
  }
  assert.equal(Number(parseInstant("2024-03-10T23:59:60Z")!.ms.n), Date.UTC(2024, 2, 11), "a leap second");
  assert.equal(parseInstant("2024-02-30"), undefined);
  assert.equal(parseInstant("2024-13-01T00:00:00Z"), undefined);
});

test("today() is the reference date and days(n) a duration", () => {
  assert.equal(holds("timestamp >= today() - days(30)", { timestamp: "2025-12-02T00:00:00Z" }), true);
  assert.equal(holds("timestamp >= today() - days(30)", { timestamp: "2025-12-01T23:59:59Z" }), false);
  // 3,650 days before 2026-01-01 is 2016-01-04 (three leap days in between).
  assert.equal(holds("patient.dob <= today() - days(3650)", { patient: { dob: "2016-01-04" } }), true);
  assert.equal(holds("patient.dob <= today() - days(3650)", { patient: { dob: "2016-01-05" } }), false);
  assert.equal(holds("dt - d == days(1.5)", { d: "2024-01-01", dt: "2024-01-02T12:00:00Z" }), true);
  assert.equal(holds("dt - d > days(1)", { d: "2024-01-01", dt: "2024-01-02T12:00:00Z" }), true);
  assert.equal(holds("d + days(31) == '2024-02-01'", { d: "2024-01-01" }), true);
  // A different reference date changes today().
  const loaded = loadSchemaText(JSON.stringify(SCHEMA), undefined);
  const a = analyzeRule("d == today()", new SchemaScope(loaded), [loaded.main.root]);
  const ev = new Evaluator(new CompiledExpr("d == today()", a.ast!, a.nodes), parseInstant("2030-06-01")!);
  assert.equal(ev.holds({ d: "2030-06-01" }), true);
});

test("an absent path makes a comparison false and an implication that mentions it in its premise true", () => {
  assert.equal(holds("amount > 5", {}), false);
  assert.equal(holds("amount <= 5", {}), false);
  assert.equal(holds("amount != 5", {}), false);
  assert.equal(holds("not (amount > 5)", {}), true);
  assert.equal(holds("amount > 10000 -> requires_approval == true", {}), true);
  assert.equal(holds("amount > 10000 -> requires_approval == true", { amount: 20000 }), false, "absent consequent");
  assert.equal(holds("amount > 10000 -> requires_approval == true", { amount: 20000, requires_approval: true }), true);
  // Vacuous even when the premise would otherwise be true.
  assert.equal(holds("not (amount > 5) -> requires_approval == true", {}), true);
  assert.equal(holds("amount == null", { amount: null }), true);
  assert.equal(holds("status in ['a', 'b']", {}), false);
  assert.equal(holds("status not in ['a', 'b']", {}), false);
  assert.equal(holds("len(name) > 0", {}), false);
  assert.equal(holds("patient.dob <= today()", { patient: null }), false);
});

test("[*] in a comparison means every element; sum and count range over elements", () => {
  const items = [
    { price: 5, qty: 2, taxable: true },
    { price: 0.5, qty: 1, taxable: false },
  ];
  assert.equal(holds("items[*].price > 0", { items }), true);
  assert.equal(holds("items[*].price > 1", { items }), false);
  assert.equal(holds("items[*].price > 1", { items: [] }), true, "vacuous for an empty array");
  assert.equal(holds("items[*].price > 1", {}), false, "an absent array");
  assert.equal(holds("items[*].price * items[*].qty >= 0.5", { items }), true, "one element at a time, not every pair");
  assert.equal(holds("items[*].price * items[*].qty >= 1", { items }), false);
  assert.equal(holds("sum(items[*].price * items[*].qty) == 10.5", { items }), true);
  assert.equal(holds("count(items[*].taxable == true) == 1", { items }), true);
  assert.equal(holds("count(items) == 2", { items }), true);
  assert.equal(holds("sum(items[*].price) == 0", { items: [] }), true);
  assert.equal(holds("sum(items[*].price) == 5", { items: [{ price: 5 }, {}] }), true, "absent prices are skipped");
  assert.equal(holds("items[*].price < total", { items, total: 6 }), true);
  assert.equal(holds("items[0].price == 5 and items[1].price == 0.5", { items }), true);
  assert.equal(holds("items[2].price == 5", { items }), false);
  assert.equal(holds("items[*].taxable", { items: [{ taxable: true }, { taxable: true }] }), true);
  assert.equal(holds("items[*].taxable", { items }), false);
  // Nested arrays.
  const nested = { items: [{ parts: [{ w: 1 }, { w: 2 }] }, { parts: [{ w: 3 }] }] };
  assert.equal(holds("items[*].parts[*].w > 0", nested), true);
  assert.equal(holds("sum(items[*].parts[*].w) == 6", nested), true);
  assert.equal(holds("items[*].parts[*].w < 3", nested), false);
});

test("len counts code points and elements; in / not in; booleans and strings", () => {
  assert.equal(holds("len(tags) >= 2 and len(tags) <= 4", { tags: ["a", "b", "c"] }), true);
  assert.equal(holds("len(tags) >= 2 and len(tags) <= 4", { tags: ["a"] }), false);
  assert.equal(holds("len(name) == 3", { name: "a😀b" }), true);
  assert.equal(holds("status in ['open', 'closed']", { status: "open" }), true);
  assert.equal(holds("status not in ['open', 'closed']", { status: "draft" }), true);
  assert.equal(holds("in_stock == false -> stock_count == 0", { in_stock: false, stock_count: 0 }), true);
  assert.equal(holds("in_stock == false -> stock_count == 0", { in_stock: false, stock_count: 12 }), false);
  assert.equal(holds("in_stock == false -> stock_count == 0", { in_stock: true, stock_count: 12 }), true);
  assert.equal(holds("requires_approval == (amount > 10000)", { amount: 10000.01, requires_approval: true }), true);
  assert.equal(holds("name < 'b'", { name: "abc" }), true);
  assert.equal(holds("in_stock -> requires_approval", {}), true, "absent premise: vacuous");
  assert.equal(holds("in_stock -> requires_approval", { in_stock: true, requires_approval: false }), false);
});

test("instants keep the style they were written in", () => {
  const p = parseInstantStyled("2024-03-10T10:20:30.5+05:45")!;
  assert.equal(formatInstant(p.instant, p.style), "2024-03-10T10:20:30.5+05:45");
  const d = parseInstantStyled("2024-03-10")!;
  assert.equal(formatInstant(d.instant, d.style), "2024-03-10");
  assert.equal(formatInstant(p.instant, d.style), undefined, "not midnight UTC: not a date");
});
