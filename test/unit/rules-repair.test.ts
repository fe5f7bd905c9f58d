// Repairs: the smallest deterministic change that makes a violated rule hold, keeping the record
// valid; then the engine: every example rule (one of each form) enforced on 1,000 records with zero rule
// and zero schema violations, deterministic output, counted repairs, and an unsatisfiable rule
// stopping with its location.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadSchemaText, type SchemaObject } from "../../core/schema/load";
import { Generator } from "../../core/engine/generator";
import { SpecMintError } from "../../core/base/errors";
import { createAjv, SchemaValidator } from "../../core/validate/ajv";
import { SchemaScope, type NodeInfo } from "../../core/rules/scope";
import { analyzeRule } from "../../core/rules/check";
import { CompiledExpr, Evaluator } from "../../core/rules/evaluate";
import { Repairer, type RepairHooks } from "../../core/rules/repair";
import { parseInstant } from "../../core/rules/values";
import { dateWindowBounds } from "../../core/generate/formats";
import { Rng } from "../../core/base/rng";
import { EXAMPLE_RULES } from "../support/exampleRules";

const REF = "2026-01-01T00:00:00Z";

/** Repair one object against one rule, with the schema's validators and no fresh values. */
const compiled = new Map<object, { loaded: ReturnType<typeof loadSchemaText>; validator: SchemaValidator; scope: SchemaScope }>();

function repaired(schema: object, text: string, obj: Record<string, unknown>, opts: { frozen?: string[]; seed?: number } = {}) {
  let c = compiled.get(schema);
  if (!c) {
    const loaded = loadSchemaText(JSON.stringify(schema), undefined);
    compiled.set(schema, (c = { loaded, validator: new SchemaValidator(loaded), scope: new SchemaScope(loaded) }));
  }
  const { loaded, validator, scope } = c;
  const a = analyzeRule(text, scope, [loaded.main.root], REF);
  assert.deepEqual(a.findings, [], text);
  const ev = new Evaluator(new CompiledExpr(text, a.ast!, a.nodes), parseInstant(REF)!);
  const hooks: RepairHooks = {
    rng: new Rng({ hi: 7, lo: opts.seed ?? 1 }),
    scope,
    valid: (node: NodeInfo, v: unknown) => node.schemas.every((s) => validator.forSchema(s as SchemaObject)(v)),
    fresh: () => undefined,
    window: dateWindowBounds(REF),
    frozen: (c, k) => c === obj && (opts.frozen ?? []).includes(String(k)),
  };
  const copy = structuredClone(obj);
  (hooks as { frozen: RepairHooks["frozen"] }).frozen = (c, k) => c === copy && (opts.frozen ?? []).includes(String(k));
  const ok = new Repairer(ev, hooks, copy).repair();
  return { ok, value: copy, holds: ev.holds(copy) };
}

const SHOP = {
  type: "object",
  properties: {
    in_stock: { type: "boolean" },
    stock_count: { type: "integer", minimum: 0, maximum: 5000 },
    amount: { type: "number", minimum: 1, maximum: 50000, multipleOf: 0.01 },
    requires_approval: { type: "boolean" },
    total: { type: "number", minimum: 0, maximum: 100, multipleOf: 0.01 },
    items: {
      type: "array",
      items: { type: "object", properties: { price: { type: "number", minimum: 0, maximum: 99.99, multipleOf: 0.01 } } },
    },
    tags: { type: "array", items: { type: "string" }, maxItems: 8 },
    n: { type: "integer", minimum: 0, maximum: 100 },
    status: { type: "string", enum: ["new", "paid", "shipped"] },
    flagged: { type: "boolean" },
    risk: { type: "integer", minimum: 0, maximum: 100 },
    service_date: { type: "string", format: "date" },
    submitted_at: { type: "string", format: "date-time" },
  },
};

test("an implication: the consequent is set; its premise and other fields stay", () => {
  const r = repaired(SHOP, "in_stock == false -> stock_count == 0", { in_stock: false, stock_count: 12, amount: 5 });
  assert.ok(r.ok && r.holds);
  assert.deepEqual(r.value, { in_stock: false, stock_count: 0, amount: 5 });
  const a = repaired(SHOP, "amount > 10000 -> requires_approval == true", { amount: 15000, requires_approval: false });
  assert.deepEqual(a.value, { amount: 15000, requires_approval: true });
  // An absent consequent field is created.
  assert.deepEqual(repaired(SHOP, "amount > 10000 -> requires_approval == true", { amount: 15000 }).value, {
    amount: 15000,
    requires_approval: true,
  });
  // When the consequent cannot change (an x-unique field), the premise is made false instead.
  const f = repaired(
    SHOP,
    "amount > 10000 -> requires_approval == true",
    { amount: 15000, requires_approval: false },
    { frozen: ["requires_approval"] },
  );
  assert.ok(f.ok && f.holds);
  assert.equal(f.value.requires_approval, false);
  assert.ok((f.value.amount as number) <= 10000);
});

test("a total is recomputed exactly; when the total cannot hold it, the last element is adjusted", () => {
  const r = repaired(SHOP, "total == sum(items[*].price)", { total: 1, items: [{ price: 10.01 }, { price: 20.02 }, { price: 0.07 }] });
  assert.ok(r.ok);
  assert.equal(r.value.total, 30.1);
  assert.deepEqual(r.value.items, [{ price: 10.01 }, { price: 20.02 }, { price: 0.07 }]);
  // 150.5 exceeds total's maximum 100: the last price absorbs the difference.
  const b = repaired(SHOP, "total == sum(items[*].price)", { total: 99.5, items: [{ price: 60 }, { price: 90.5 }] });
  assert.ok(b.ok && b.holds);
  assert.equal(b.value.total, 99.5);
  assert.deepEqual(b.value.items, [{ price: 60 }, { price: 39.5 }]);
});

test("lengths move to the nearest allowed length: trimmed from the end", () => {
  const r = repaired(SHOP, "len(tags) >= 2 and len(tags) <= 4", { tags: ["a", "b", "c", "d", "e", "f"] });
  assert.ok(r.ok);
  assert.deepEqual(r.value.tags, ["a", "b", "c", "d"]);
  const s = repaired(SHOP, "len(tags) <= 1", { tags: ["a", "b", "c"] });
  assert.deepEqual(s.value.tags, ["a"]);
});

test("orderings: a value drawn on the allowed side, on the schema's grid, within both bounds of an `and`", () => {
  for (let seed = 1; seed <= 50; seed++) {
    const r = repaired(SHOP, "n >= 40 and n <= 45", { n: 90 }, { seed });
    assert.ok(r.ok && r.holds);
    assert.ok((r.value.n as number) >= 40 && (r.value.n as number) <= 45, String(r.value.n));
    const a = repaired(SHOP, "amount < 2.5", { amount: 9000 }, { seed });
    assert.ok((a.value.amount as number) < 2.5 && (a.value.amount as number) >= 1);
    assert.equal(Math.round((a.value.amount as number) * 100) / 100, a.value.amount, "on the 0.01 grid");
  }
  const x = repaired(SHOP, "n + 10 <= amount", { n: 50, amount: 20 });
  assert.ok(x.ok && x.holds, "solved through arithmetic");
  assert.ok((x.value.n as number) <= 10);
  const y = repaired(SHOP, "-n > -5", { n: 50 });
  assert.ok(y.ok && (y.value.n as number) < 5, "negation flips the direction");
});

test("dates: the earlier date moves before the later one; the other stays; formats are kept", () => {
  const seen = new Set<string>();
  for (let seed = 1; seed <= 40; seed++) {
    const r = repaired(
      SHOP,
      "service_date <= submitted_at",
      { service_date: "2025-06-30", submitted_at: "2024-03-10T08:30:00+05:30" },
      { seed },
    );
    assert.ok(r.ok && r.holds);
    assert.equal(r.value.submitted_at, "2024-03-10T08:30:00+05:30");
    assert.match(r.value.service_date as string, /^\d{4}-\d{2}-\d{2}$/);
    // 08:30+05:30 is 03:00Z on the 10th: the 10th itself (midnight UTC) is allowed.
    assert.ok((r.value.service_date as string) <= "2024-03-10");
    seen.add(r.value.service_date as string);
  }
  assert.ok(seen.size > 20, "repaired dates are spread out, not all equal to the bound");
  const t = repaired(SHOP, "submitted_at >= today() - days(30)", { submitted_at: "2021-01-01T10:00:00.123-03:00" });
  assert.ok(t.ok && t.holds);
  assert.match(t.value.submitted_at as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-03:00$/, "same offset and precision");
});

test("membership, booleans from conditions, for-every elements", () => {
  const m = repaired(SHOP, "status in ['paid', 'shipped']", { status: "new" });
  assert.ok(m.ok && ["paid", "shipped"].includes(m.value.status as string));
  const f = repaired(SHOP, "flagged == (risk >= 95)", { flagged: true, risk: 12 });
  assert.deepEqual(f.value, { flagged: false, risk: 12 });
  const g = repaired(SHOP, "flagged == (risk >= 95)", { flagged: false, risk: 97 });
  assert.deepEqual(g.value, { flagged: true, risk: 97 });
  const e = repaired(SHOP, "items[*].price >= 1", { items: [{ price: 5 }, { price: 0.5 }, { price: 0 }] });
  assert.ok(e.ok && e.holds);
  const prices = (e.value.items as { price: number }[]).map((x) => x.price);
  assert.equal(prices[0], 5, "elements that hold are left alone");
  assert.ok(prices[1] >= 1 && prices[2] >= 1);
  const n = repaired(SHOP, "not (status == 'new')", { status: "new" });
  assert.ok(n.ok && n.value.status !== "new");
});

test("a rule that no change can satisfy is reported, and the object is left as it was", () => {
  const r = repaired(SHOP, "stock_count == 0", { stock_count: 5 }, { frozen: ["stock_count"] });
  assert.equal(r.ok, false);
  assert.deepEqual(r.value, { stock_count: 5 });
});

// ---- the engine ----------------------------------------------------------------------------------

const EXAMPLE_RULES_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  additionalProperties: false,
  required: ["in_stock", "stock_count", "amount", "requires_approval", "items", "total", "tags", "timestamp", "claim_dates", "patient"],
  properties: {
    in_stock: { type: "boolean" },
    stock_count: { type: "integer", minimum: 0, maximum: 5000 },
    amount: { type: "number", minimum: 1, maximum: 50000, multipleOf: 0.01 },
    requires_approval: { type: "boolean" },
    items: {
      type: "array",
      minItems: 1,
      maxItems: 6,
      items: {
        type: "object",
        required: ["price"],
        additionalProperties: false,
        properties: { price: { type: "number", minimum: 0.01, maximum: 999.99, multipleOf: 0.01 } },
      },
    },
    total: { type: "number", minimum: 0, maximum: 10000, multipleOf: 0.01 },
    tags: { type: "array", items: { type: "string", pattern: "^[a-z]{3,8}$" }, maxItems: 8, uniqueItems: true },
    timestamp: { type: "string", format: "date-time" },
    claim_dates: {
      type: "object",
      required: ["service_date", "submitted_at"],
      additionalProperties: false,
      properties: { service_date: { type: "string", format: "date" }, submitted_at: { type: "string", format: "date-time" } },
    },
    patient: { type: "object", required: ["dob"], properties: { dob: { type: "string", format: "date" } } },
  },
  "x-cross-field-rules": EXAMPLE_RULES,
};

/** A record of EXAMPLE_RULES_SCHEMA, as far as the checks below read it. */
interface ExampleRecord {
  in_stock: boolean;
  stock_count: number;
  amount: number;
  requires_approval: boolean;
  tags: string[];
  timestamp: string;
  patient: { dob: string };
  claim_dates: { service_date: string; submitted_at: string };
}

test("every example rule holds on 1,000 generated records, all schema-valid, byte-identical across runs", () => {
  const text = JSON.stringify(EXAMPLE_RULES_SCHEMA, null, 2);
  const run = () => {
    const g = new Generator(loadSchemaText(text, "/tmp/rules.schema.json"), { seed: 3 });
    const lines: string[] = [];
    for (let i = 1; i <= 1000; i++) lines.push(JSON.stringify(g.record(i)));
    return { g, lines };
  };
  const a = run();
  const b = run();
  assert.equal(a.lines.join("\n"), b.lines.join("\n"), "deterministic");
  const validate = createAjv("2020-12").compile(EXAMPLE_RULES_SCHEMA);
  const records = a.lines.map((l) => JSON.parse(l) as ExampleRecord);
  let ruleViolations = 0;
  records.forEach((r, k) => {
    assert.ok(validate(r), `record ${k + 1}: ${JSON.stringify(validate.errors)}`);
    ruleViolations += a.g.rules!.failing(r).length;
  });
  assert.equal(ruleViolations, 0);
  // Each rule was violated before repair in some records (so the repairs were exercised), and counted.
  const stats = a.g.ruleStats();
  assert.equal(stats.length, 7);
  for (const s of stats) {
    assert.equal(s.checked, 1000, s.rule);
    // Birth dates are adults' (18–90 at the reference date), so the dob rule holds before any repair.
    if (s.rule.startsWith("patient.dob <=")) assert.equal(s.repaired, 0, s.rule);
    else assert.ok(s.repaired > 0, `${s.rule} was never repaired`);
    assert.equal(s.heldBefore + s.repaired, 1000, s.rule);
  }
  assert.equal(
    a.g.stats.repairs,
    stats.reduce((n, s) => n + s.repaired, 0),
  );
  // What the repairs did, field by field.
  const ref = Date.parse(REF);
  for (const r of records) {
    if (!r.in_stock) assert.equal(r.stock_count, 0);
    if (r.amount > 10000) assert.equal(r.requires_approval, true);
    assert.ok(r.tags.length >= 2 && r.tags.length <= 4);
    assert.ok(Date.parse(r.timestamp) >= ref - 30 * 86_400_000);
    assert.ok(Date.parse(r.patient.dob) <= ref - 3650 * 86_400_000);
    assert.ok(Date.parse(r.claim_dates.service_date) <= Date.parse(r.claim_dates.submitted_at));
  }
  // Unconstrained sides keep their spread.
  assert.ok(new Set(records.filter((r) => r.in_stock).map((r) => r.stock_count)).size > 300);
  assert.ok(records.some((r) => r.amount <= 10000 && r.requires_approval === false));
  assert.ok(new Set(records.map((r) => r.claim_dates.service_date)).size > 500);
});

test("record i does not depend on the records made before it, with rules and repairs", () => {
  const text = JSON.stringify(EXAMPLE_RULES_SCHEMA);
  const g1 = new Generator(loadSchemaText(text, undefined), { seed: 9 });
  const g2 = new Generator(loadSchemaText(text, undefined), { seed: 9 });
  for (let i = 1; i <= 40; i++) g1.record(i);
  assert.deepEqual(g1.record(41), g2.record(41));
});

test("rules on nested objects and array elements use paths relative to that object", () => {
  const schema = {
    type: "object",
    required: ["lines", "price"],
    properties: {
      price: {
        type: "object",
        required: ["amount", "sale"],
        properties: {
          amount: { type: "number", minimum: 1, maximum: 100, multipleOf: 0.01 },
          sale: { type: "number", minimum: 0.5, maximum: 100, multipleOf: 0.01 },
        },
        "x-cross-field-rules": ["sale < amount"],
      },
      lines: {
        type: "array",
        minItems: 1,
        maxItems: 5,
        items: { $ref: "#/$defs/line" },
      },
    },
    $defs: {
      line: {
        type: "object",
        required: ["qty", "unit", "total"],
        properties: {
          qty: { type: "integer", minimum: 1, maximum: 9 },
          unit: { type: "number", minimum: 0, maximum: 50, multipleOf: 0.01 },
          total: { type: "number", minimum: 0, maximum: 450, multipleOf: 0.01 },
        },
        "x-cross-field-rules": ["total == qty * unit"],
      },
    },
  };
  const g = new Generator(loadSchemaText(JSON.stringify(schema), undefined), { seed: 5 });
  const validate = createAjv("2020-12").compile(schema);
  for (let i = 1; i <= 300; i++) {
    const r = g.record(i) as { price: { amount: number; sale: number }; lines: { qty: number; unit: number; total: number }[] };
    assert.ok(validate(r));
    assert.ok(r.price.sale < r.price.amount);
    for (const l of r.lines) assert.equal(Math.round(l.qty * l.unit * 100), Math.round(l.total * 100));
  }
  assert.ok(g.stats.repairs > 300);
});

test("a rule that cannot hold with the schema stops with exit-2 error at the rule's location", () => {
  const text = `{
  "type": "object",
  "required": ["code", "name"],
  "properties": {
    "code": { "type": "string", "pattern": "^[A-Z]{3}$" },
    "name": { "type": "string", "pattern": "^[a-z]{5}$" }
  },
  "x-cross-field-rules": [
    "code == name"
  ]
}`;
  const g = new Generator(loadSchemaText(text, "/tmp/impossible.schema.json"), { seed: 1 });
  assert.throws(
    () => g.record(1),
    (e: unknown) => {
      assert.ok(e instanceof SpecMintError);
      assert.equal(e.kind, "schema");
      assert.match(e.message, /rule "code == name" cannot be satisfied together with the schema/);
      assert.equal(e.location.pointer, "/x-cross-field-rules/0");
      assert.equal(e.location.file, "/tmp/impossible.schema.json");
      assert.deepEqual([e.location.line, e.location.column], [9, 6]);
      return true;
    },
  );
});

test("rules with errors stop the generator at construction (the CLI); strictRules: false keeps going (the editor)", () => {
  const schema = (rule: string) =>
    JSON.stringify(
      { type: "object", additionalProperties: false, properties: { a: { type: "integer", maximum: 5 } }, "x-cross-field-rules": [rule] },
      null,
      2,
    );
  for (const [rule, code] of [
    ["b > 1", "rule-unknown-path"],
    ["a == 'x'", "rule-type"],
    ["a > 10", "rule-contradiction"],
  ]) {
    assert.throws(
      () => new Generator(loadSchemaText(schema(rule), "/tmp/x.json"), { seed: 1 }),
      (e: unknown) =>
        e instanceof SpecMintError &&
        e.kind === "schema" &&
        e.message.includes(code) &&
        e.location.pointer === "/x-cross-field-rules/0" &&
        e.location.line === 11,
      rule,
    );
    const g = new Generator(loadSchemaText(schema(rule), "/tmp/x.json"), { seed: 1 }, { strictRules: false });
    assert.ok(g.ruleFindings().some((f) => f.code === code));
    g.record(1);
  }
  // Prose and syntax errors never stop generation: they are not enforced, and said so.
  const g = new Generator(loadSchemaText(schema("a should be small"), "/tmp/x.json"), { seed: 1 });
  assert.match(g.warnings().join("\n"), /^note: rule-unenforced/);
  const s = new Generator(loadSchemaText(schema("a = 1"), "/tmp/x.json"), { seed: 1 });
  assert.match(s.warnings().join("\n"), /^warning: rule-syntax: rule "a = 1": use "=="/);
});

test("a rule with severity warning is repaired when it can be and left when it cannot", () => {
  const schema = {
    type: "object",
    required: ["a", "b"],
    properties: { a: { type: "integer", minimum: 0, maximum: 9 }, b: { type: "string", pattern: "^x$" } },
    "x-cross-field-rules": [{ rule: "b == 'y' or a < 5", severity: "warning" }],
  };
  const g = new Generator(loadSchemaText(JSON.stringify(schema), undefined), { seed: 2 });
  for (let i = 1; i <= 100; i++) assert.ok((g.record(i) as { a: number }).a < 5);
  const stuck = new Generator(
    loadSchemaText(JSON.stringify({ ...schema, "x-cross-field-rules": [{ rule: "b == 'y'", severity: "warning" }] }), undefined),
    { seed: 2 },
  );
  for (let i = 1; i <= 20; i++) assert.equal((stuck.record(i) as { b: string }).b, "x");
  assert.deepEqual(
    stuck.ruleStats().map((s) => [s.checked, s.heldBefore, s.repaired, s.heldAfter]),
    [[20, 0, 0, 0]],
  );
  assert.deepEqual(
    g.ruleStats().map((s) => s.heldAfter),
    [100],
  );
});
