// What the invalid kind asks of the rules before it checks them (core/rules/ruleset.ts): whether a
// change at one place of a record can change whether a rule holds (reads), and whether all of them
// hold without making their messages (allHold).
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadSchemaText } from "../../core/schema/load";
import { RuleSet } from "../../core/rules/ruleset";
import { SchemaValidator } from "../../core/validate/ajv";

const REFERENCE_DATE = "2026-01-01T00:00:00Z";

function ruleSet(schema: object): RuleSet {
  const loaded = loadSchemaText(JSON.stringify(schema), undefined);
  return new RuleSet(loaded, new SchemaValidator(loaded), REFERENCE_DATE);
}

const CLAIM = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    start: { type: "string", format: "date" },
    end: { type: "string", format: "date" },
    note: { type: "string" },
    total: { type: "number" },
    lines: {
      type: "array",
      items: {
        type: "object",
        properties: { charge: { type: "number" }, memo: { type: "string" }, qty: { type: "integer" } },
        "x-cross-field-rules": ["qty >= 1"],
      },
    },
    pet: {
      oneOf: [
        { type: "object", properties: { kind: { const: "cat" }, lives: { type: "integer" } }, "x-cross-field-rules": ["lives <= 9"] },
        { type: "object", properties: { kind: { const: "dog" } } },
      ],
    },
  },
  "x-cross-field-rules": ["total == sum(lines[*].charge)", "start <= end"],
};

test("reads: a change on, under or above a path a rule reads may matter; elsewhere it cannot", () => {
  const rules = ruleSet(CLAIM);
  // The record itself, and the fields the root's rules read.
  for (const p of ["", "/start", "/end", "/total", "/lines", "/lines/3", "/lines/3/charge", "/lines/0/charge/x"])
    assert.equal(rules.reads(p), true, p);
  // The rule of each line reads its qty, at any index.
  assert.equal(rules.reads("/lines/0/qty"), true);
  assert.equal(rules.reads("/lines/12/qty"), true);
  // Fields no rule reads.
  for (const p of ["/note", "/lines/3/memo", "/unexpected", "/start2"]) assert.equal(rules.reads(p), false, p);
});

test("reads: a site behind a branch is read as a whole, since a change inside it may decide whether it applies", () => {
  const rules = ruleSet(CLAIM);
  for (const p of ["/pet", "/pet/kind", "/pet/name"]) assert.equal(rules.reads(p), true, p);
});

test("reads: a pointer is split into names before its escapes are undone (a property named a/b is not a.b)", () => {
  const rules = ruleSet({
    type: "object",
    properties: { "a/b": { type: "integer" }, a: { type: "object", properties: { b: { type: "integer" } } } },
    "x-cross-field-rules": ["a.b >= 0"],
  });
  // Property "a/b" is not a.b.
  assert.equal(rules.reads("/a/b"), true);
  assert.equal(rules.reads("/a~1b"), false);
});

test("reads: with a rule of severity warning (which a record may break as made) every change may matter", () => {
  const rules = ruleSet({
    type: "object",
    properties: { a: { type: "integer" }, b: { type: "integer" }, c: { type: "string" } },
    "x-cross-field-rules": [{ rule: "a <= b", severity: "warning" }],
  });
  assert.equal(rules.reads("/c"), true);
  assert.equal(rules.reads("/unexpected"), true);
});

test("allHold is true exactly when failing lists no rule", () => {
  const rules = ruleSet(CLAIM);
  const holding = {
    start: "2026-01-01",
    end: "2026-02-01",
    total: 3.5,
    lines: [
      { charge: 1.25, qty: 1 },
      { charge: 2.25, qty: 2 },
    ],
    pet: { kind: "cat", lives: 9 },
  };
  const broken = [
    { ...holding, end: "2025-12-01" },
    { ...holding, total: 3 },
    { ...holding, lines: [{ charge: 3.5, qty: 0 }] },
    { ...holding, pet: { kind: "cat", lives: 10 } },
  ];
  assert.equal(rules.allHold(holding), true);
  assert.deepEqual(rules.failing(holding), []);
  for (const record of broken) {
    assert.equal(rules.allHold(record), false, JSON.stringify(record));
    assert.equal(rules.failing(record).length > 0, true);
  }
  // A dog takes the other branch: the cat's rule does not apply to it.
  assert.equal(rules.allHold({ ...holding, pet: { kind: "dog", lives: 10 } }), true);
});
