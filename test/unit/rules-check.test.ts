// Static checks of rules against the schema (what the editor shows): unknown paths with the
// nearest path, type errors, contradictions with the schema's bounds, prose kept as guidance,
// and offsets that land on the token in the schema text, escapes included.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadSchemaText } from "../../core/schema/load";
import { SchemaScope } from "../../core/rules/scope";
import { analyzeRule, type RuleFinding } from "../../core/rules/check";
import { ruleFindings, rulePaths } from "../../core/rules/findings";
import { RuleSet } from "../../core/rules/ruleset";
import { SchemaValidator } from "../../core/validate/ajv";
import { decodedToRaw } from "../../core/rules/source";
import { EXAMPLE_RULES } from "../support/exampleRules";

const SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    amount: { type: "number", minimum: 0, maximum: 1000000 },
    requires_approval: { type: "boolean" },
    status: { enum: ["pending", "settled"] },
    claim_id: { type: "string" },
    count: { type: "integer", minimum: 0, maximum: 10 },
    tags: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 3 },
    claim_dates: {
      type: "object",
      additionalProperties: false,
      properties: { service_date: { type: "string", format: "date" }, submitted_at: { type: "string", format: "date-time" } },
    },
    service_lines: {
      type: "array",
      maxItems: 6,
      items: { type: "object", properties: { charge: { type: "number", minimum: 0, maximum: 100 } } },
    },
    open: { type: "object", properties: { known: { type: "string" } } },
  },
};

function check(text: string, schema: object = SCHEMA): RuleFinding[] {
  const loaded = loadSchemaText(JSON.stringify(schema), undefined);
  return analyzeRule(text, new SchemaScope(loaded), [loaded.main.root], "2026-01-01T00:00:00Z").findings;
}

function only(text: string, code: string): RuleFinding {
  const fs = check(text);
  assert.equal(fs.length, 1, `${text}: ${JSON.stringify(fs)}`);
  assert.equal(fs[0].code, code, `${text}: ${fs[0].message}`);
  return fs[0];
}

test("the example rules, one of each form, check clean against a schema that has their fields", () => {
  const schema = {
    type: "object",
    properties: {
      in_stock: { type: "boolean" },
      stock_count: { type: "integer", minimum: 0 },
      amount: { type: "number" },
      requires_approval: { type: "boolean" },
      total: { type: "number" },
      items: { type: "array", items: { type: "object", properties: { price: { type: "number" } } } },
      tags: { type: "array", items: { type: "string" } },
      timestamp: { type: "string", format: "date-time" },
      claim_dates: {
        type: "object",
        properties: { service_date: { type: "string", format: "date" }, submitted_at: { type: "string", format: "date-time" } },
      },
      patient: { type: "object", properties: { dob: { type: "string", format: "date" } } },
    },
  };
  for (const r of EXAMPLE_RULES) {
    assert.deepEqual(check(r, schema), [], r);
  }
});

test("rule-unknown-path on the path, with the nearest declared path as a fix", () => {
  let f = only("amout > 10000 -> requires_approval == true", "rule-unknown-path");
  assert.deepEqual([f.offset, f.length, f.severity], [0, 5, "error"]);
  assert.match(f.message, /did you mean amount\?/);
  assert.deepEqual(f.fix, { offset: 0, length: 5, text: "amount", title: "Change to amount" });
  f = only("claim_dates.service_dat <= claim_dates.submitted_at", "rule-unknown-path");
  assert.deepEqual([f.offset, f.length], [0, 23]);
  assert.equal(f.fix?.text, "claim_dates.service_date");
  f = only("sum(service_lines[*].charg) <= 100", "rule-unknown-path");
  assert.deepEqual([f.offset, f.length], [4, 22]);
  assert.equal(f.fix?.text, "service_lines[*].charge");
  f = only("service_lines[0].chrge > 1", "rule-unknown-path");
  assert.equal(f.fix?.text, "service_lines[0].charge", "keeps the index the author wrote");
  f = only("zzzzzzzz == 1", "rule-unknown-path");
  assert.equal(f.fix, undefined, "nothing near enough to suggest");
  // An object that allows other properties: a warning, not an error.
  f = only("open.other == 'x'", "rule-unknown-path");
  assert.equal(f.severity, "warning");
});

test("rule-type for comparisons and operations across types", () => {
  let f = only("claim_id > 5", "rule-type");
  assert.deepEqual([f.offset, f.length], [0, 12]);
  assert.match(f.message, /cannot order a string \(claim_id\) with a number \(5\)/);
  f = only("status == 3", "rule-type");
  assert.match(f.message, /cannot compare a string/);
  only("claim_dates.service_date > 5", "rule-type");
  only("amount + claim_id > 1", "rule-type");
  only("len(amount) > 1", "rule-type");
  only("sum(amount) > 1", "rule-type");
  only("requires_approval < true", "rule-type");
  f = only("amount -> requires_approval", "rule-type");
  assert.deepEqual([f.offset, f.length], [0, 6]);
  only("amount + 1", "rule-type");
  only("claim_dates.service_date < date('2024-02-30')", "rule-type");
  only("claim_id.x == 1", "rule-type");
  only("amount[*] > 1", "rule-type");
  // Dates compare with dates, date literals and date arithmetic.
  assert.deepEqual(check("claim_dates.service_date <= claim_dates.submitted_at - days(1)"), []);
  assert.deepEqual(check("claim_dates.service_date >= '2020-01-01'"), []);
  assert.deepEqual(check("claim_dates.submitted_at - claim_dates.service_date < days(30)"), []);
  assert.deepEqual(check("status in ['pending', 'settled'] and amount == null -> count == 0"), []);
});

test("rule-contradiction when a rule cannot hold under the schema's bounds", () => {
  let f = only("amount > 2000000", "rule-contradiction");
  assert.equal(f.severity, "error");
  assert.deepEqual([f.offset, f.length], [0, 16]);
  assert.match(f.message, /amount is between 0 and 1000000/);
  f = only("requires_approval == true and amount >= 1000001", "rule-contradiction");
  assert.deepEqual([f.offset, f.length], [30, 17]);
  only("status == 'cancelled'", "rule-contradiction");
  only("status in ['a', 'b']", "rule-contradiction");
  only("count == 2.5", "rule-contradiction");
  only("len(tags) > 3", "rule-contradiction");
  only("count + 5 < 5", "rule-contradiction");
  only("sum(service_lines[*].charge) > 600", "rule-contradiction");
  assert.deepEqual(check("sum(service_lines[*].charge) > 599"), []);
  // A consequent that can never hold only forces the premise false: a warning.
  f = only("requires_approval == true -> amount > 2000000", "rule-contradiction");
  assert.equal(f.severity, "warning");
  assert.match(f.message, /only holds when requires_approval == true is false/);
  f = only("amount > 2000000 -> requires_approval == true", "rule-contradiction");
  assert.equal(f.severity, "warning");
  assert.match(f.message, /never constrains anything/);
  // Either side may hold.
  assert.deepEqual(check("amount > 2000000 or count == 1"), []);
});

test("prose is kept as guidance (rule-unenforced); broken expressions are rule-syntax", () => {
  let f = only("High-value items should have lower inventory", "rule-unenforced");
  assert.equal(f.severity, "information");
  assert.deepEqual([f.offset, f.length], [0, 44]);
  f = only("amount > 10000 -> requires_approval = true", "rule-syntax");
  assert.equal(f.severity, "error");
  assert.deepEqual([f.offset, f.length], [36, 1]);
});

test("ruleFindings: pointers of rule strings, string targets, fixes as new rule text; escapes mapped", () => {
  const text = `{
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "status": { "enum": ["archived", "active"] },
    "count": { "type": "integer", "minimum": 0 },
    "sub": {
      "type": "object",
      "properties": { "a": { "type": "integer" } },
      "x-cross-field-rules": ["b == 1"]
    }
  },
  "x-cross-field-rules": [
    "status == \\"archived\\" -> cuont == 0",
    { "rule": "High-value items should have lower inventory" }
  ]
}`;
  const loaded = loadSchemaText(text, "/tmp/rules.schema.json");
  const root = loaded.main.root as Record<string, unknown>;
  const fs = ruleFindings(loaded, root);
  assert.deepEqual(
    fs.map((f) => [f.code, f.pointer]),
    [
      ["rule-unknown-path", "/x-cross-field-rules/0"],
      ["rule-unenforced", "/x-cross-field-rules/1/rule"],
    ],
  );
  const f = fs[0];
  assert.deepEqual(f.target, { part: "string", offset: 24, length: 5 });
  assert.deepEqual(f.fixes?.[0].edits, [
    { op: "setValue", pointer: "/x-cross-field-rules/0", value: 'status == "archived" -> count == 0' },
  ]);
  // The decoded offset 24 lands on "cuont" in the raw text despite the two escaped quotes.
  const rawStart = text.indexOf('"status == \\"archived');
  const raw = text.slice(rawStart, text.indexOf("\n", rawStart) - 1);
  assert.equal(raw.slice(decodedToRaw(raw, 24), decodedToRaw(raw, 29)), "cuont");
  // Rules of a nested object use paths relative to it.
  const sub = (root.properties as Record<string, Record<string, unknown>>).sub;
  const subFs = ruleFindings(loaded, sub);
  assert.equal(subFs[0].pointer, "/properties/sub/x-cross-field-rules/0");
  assert.equal(subFs[0].code, "rule-unknown-path");
  assert.match(subFs[0].message, /did you mean a\?/);

  // The engine's view locates the token with line:column and document offsets.
  const set = new RuleSet(loaded, new SchemaValidator(loaded), "2026-01-01T00:00:00Z");
  const located = set.findings().find((x) => x.code === "rule-unknown-path" && x.pointer === "/x-cross-field-rules/0")!;
  assert.equal(text.slice(located.range!.start, located.range!.end), "cuont");
  assert.equal(located.line, 14);
  assert.equal(located.column, 1 + text.split("\n")[13].indexOf("cuont"));
});

test("rulePaths lists what a rule can refer to, for completion", () => {
  const loaded = loadSchemaText(JSON.stringify(SCHEMA), undefined);
  const paths = rulePaths(loaded, loaded.main.root as never);
  const byPath = new Map(paths.map((p) => [p.path, p.description]));
  assert.equal(byPath.get("claim_dates.service_date"), "date");
  assert.equal(byPath.get("service_lines[*].charge"), "number 0…100");
  assert.equal(byPath.get("status"), 'one of "pending", "settled"');
  assert.ok(byPath.has("tags"));
});

test("unique-impossible: an x-unique node with fewer values than the records asked for", () => {
  const text = JSON.stringify(
    {
      type: "object",
      properties: {
        plan: { enum: ["free", "pro"], "x-unique": true },
        code: { type: "string", pattern: "^[A-C][0-9]$", "x-unique": true },
        id: { type: "string", format: "uuid", "x-unique": true },
      },
    },
    null,
    2,
  );
  const loaded = loadSchemaText(text, undefined);
  const props = (loaded.main.root as { properties: Record<string, object> }).properties;
  const plan = ruleFindings(loaded, props.plan as never, { count: 3 });
  assert.equal(plan.length, 1);
  assert.equal(plan[0].code, "unique-impossible");
  assert.equal(plan[0].pointer, "/properties/plan/x-unique");
  assert.match(plan[0].message, /cannot hold for 3 records: this node has only 2 allowed values/);
  assert.deepEqual(ruleFindings(loaded, props.plan as never, { count: 2 }), []);
  assert.equal(ruleFindings(loaded, props.code as never, { count: 31 })[0]?.code, "unique-impossible");
  assert.deepEqual(ruleFindings(loaded, props.code as never, { count: 30 }), []);
  assert.deepEqual(ruleFindings(loaded, props.id as never, { count: 1_000_000 }), []);
});
