// What the invalid kind asks of the rules for each value it tries (core/rules/ruleset.ts allHold):
// whether all of them hold, without making their messages; and, for a record made by the engine
// with one value changed, only the rules that read the changed place are checked (the others held
// before and read nothing that changed).
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

const HOLDING = {
  start: "2026-01-01",
  end: "2026-02-01",
  note: "n",
  total: 3.5,
  lines: [
    { charge: 1.25, qty: 1, memo: "m" },
    { charge: 2.25, qty: 2 },
  ],
  pet: { kind: "cat", lives: 9 },
};

/** Every rule of CLAIM broken, each in its own place. */
const ALL_BROKEN = {
  ...HOLDING,
  end: "2025-12-01",
  total: 3,
  lines: [
    { charge: 1.25, qty: 0, memo: "m" },
    { charge: 2.25, qty: 2 },
  ],
  pet: { kind: "cat", lives: 10 },
};

test("allHold is true exactly when failing lists no rule", () => {
  const rules = ruleSet(CLAIM);
  assert.equal(rules.allHold(HOLDING), true);
  assert.deepEqual(rules.failing(HOLDING), []);
  const broken = [
    { ...HOLDING, end: "2025-12-01" },
    { ...HOLDING, total: 3 },
    { ...HOLDING, lines: [{ charge: 3.5, qty: 0 }] },
    { ...HOLDING, pet: { kind: "cat", lives: 10 } },
  ];
  for (const record of broken) {
    assert.equal(rules.allHold(record), false, JSON.stringify(record));
    assert.equal(rules.failing(record).length > 0, true);
  }
  // A dog takes the other branch: the cat's rule does not apply to it.
  assert.equal(rules.allHold({ ...HOLDING, pet: { kind: "dog", lives: 10 } }), true);
});

test("allHold with a changed place checks the rules that read on, under or above it, and no other", () => {
  const rules = ruleSet(CLAIM);
  // The record itself, the fields the root's rules read, and the lines' qty (at any index).
  for (const p of ["", "/start", "/end", "/total", "/lines", "/lines/1", "/lines/1/charge", "/lines/0/qty", "/lines/0/qty/x"])
    assert.equal(rules.allHold(ALL_BROKEN, p), false, p);
  // Places no rule reads: every rule that fails here is taken as holding, as in the record it was made from.
  for (const p of ["/note", "/lines/0/memo", "/unexpected", "/start2"]) assert.equal(rules.allHold(ALL_BROKEN, p), true, p);
  // Only the rule that reads the place: the lines' rule for a line's qty, not the root's.
  const onlyQty = { ...HOLDING, lines: [{ charge: 1.25, qty: 0 }, HOLDING.lines[1]] };
  assert.equal(rules.allHold(onlyQty, "/lines/0/qty"), false);
  assert.equal(rules.allHold({ ...ALL_BROKEN, lines: HOLDING.lines }, "/lines/0/qty"), true);
});

test("allHold with a changed place: a site behind a branch is read as a whole, since a change inside it may decide whether it applies", () => {
  const rules = ruleSet(CLAIM);
  for (const p of ["/pet", "/pet/kind", "/pet/name"]) assert.equal(rules.allHold(ALL_BROKEN, p), false, p);
});

test("allHold with a changed place: a pointer is split into names before its escapes are undone (a property named a/b is not a.b)", () => {
  const rules = ruleSet({
    type: "object",
    properties: { "a/b": { type: "integer" }, a: { type: "object", properties: { b: { type: "integer" } } } },
    "x-cross-field-rules": ["a.b >= 0"],
  });
  const record = { "a/b": 1, a: { b: -1 } };
  assert.equal(rules.allHold(record, "/a/b"), false);
  assert.equal(rules.allHold(record, "/a~1b"), true);
});

test("allHold with a changed place: with a rule of severity warning (which a record may break as made) every rule is checked", () => {
  const rules = ruleSet({
    type: "object",
    properties: { a: { type: "integer" }, b: { type: "integer" }, c: { type: "string" } },
    "x-cross-field-rules": [{ rule: "a <= b", severity: "warning" }],
  });
  assert.equal(rules.allHold({ a: 2, b: 1, c: "x" }, "/c"), false);
  assert.equal(rules.allHold({ a: 1, b: 2, c: "x" }, "/c"), true);
});
