// Large real-world schemas (renovate, eslint plugin sets, putout): hundreds of optional properties at
// every level, `$ref`s with siblings, thousands of enum and oneOf leaves. Each test is a small schema
// of one such shape.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadSchemaText, type SchemaObject } from "../../core/schema";
import { Generator } from "../../core/engine";
import { LIMITS } from "../../core/plan/options";
import { SchemaValidator, createAjv } from "../../core/validate/ajv";
import { stockValidator } from "../support/stockValidator";

function recordsOf(schema: object, count: number): unknown[] {
  const generator = new Generator(loadSchemaText(JSON.stringify(schema, null, 2), undefined), { seed: 1 });
  const validate = stockValidator(generator.loaded.draft).ajv.compile(schema);
  return Array.from({ length: count }, (_, k) => {
    const r = generator.record(k + 1);
    assert.ok(validate(r), `record ${k + 1}: ${JSON.stringify(validate.errors)}`);
    return r;
  });
}

function valuesIn(v: unknown): number {
  if (Array.isArray(v)) return 1 + v.reduce((n: number, e) => n + valuesIn(e), 0);
  if (typeof v === "object" && v !== null) return 1 + Object.values(v).reduce((n: number, e) => n + valuesIn(e), 0);
  return 1;
}

function depthOf(v: unknown): number {
  if (typeof v !== "object" || v === null) return 0;
  return 1 + Math.max(0, ...Object.values(v).map(depthOf));
}

test("every level optional and recursive (renovate's shape): records are made, and their size is bounded", () => {
  // 30 optional properties that are the whole schema again, 10 optional strings: at full presence
  // a record would hold 30^depth objects and exhaust the generation budget at every attempt.
  const properties: Record<string, object> = {};
  for (let k = 0; k < 30; k++) properties[`nested${k}`] = { $ref: "#" };
  for (let k = 0; k < 10; k++) properties[`name${k}`] = { type: "string", maxLength: 12 };
  const records = recordsOf({ $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties }, 5);
  for (const r of records) {
    // Objects begun before the record turned lean still get their properties (40 at most each).
    assert.ok(valuesIn(r) <= LIMITS.recordSize + 40 * LIMITS.minimalDepth, `record of ${valuesIn(r)} values`);
    assert.ok(depthOf(r) >= 2, "records still nest");
  }
});

test("a $ref with sibling keywords in draft-07: values satisfy the target and the siblings (as ajv checks them)", () => {
  const records = recordsOf(
    {
      $schema: "http://json-schema.org/draft-07/schema#",
      definitions: { list: { type: "array", items: { type: "integer" }, minItems: 1 } },
      type: "object",
      properties: {
        flag: { type: "boolean" },
        label: { type: "string" },
        // The root again, where every property must also be a string: only `label` fits.
        links: { $ref: "#", type: "object", additionalProperties: { type: "string" } },
        short: { $ref: "#/definitions/list", maxItems: 2 },
      },
    },
    40,
  ) as { links?: object; short?: unknown[] }[];
  for (const r of records) {
    if (r.short) assert.ok(r.short.length >= 1 && r.short.length <= 2);
    if (r.links)
      assert.deepEqual(
        Object.keys(r.links).filter((k) => k !== "label"),
        [],
      );
  }
  assert.ok(records.filter((r) => r.links).length >= 10 && records.filter((r) => r.short).length >= 10);
});

test("type/enum/const/required leaves and their anyOf/allOf/oneOf/not are checked without ajv, with ajv's answers", () => {
  const schemas: object[] = [
    { type: "integer" },
    { type: "number", description: "any" },
    { type: ["string", "null"], enum: ["a", null, 1] },
    { const: { a: [1, 2], b: null } },
    { enum: [{ b: 1, a: 2 }, [1, "x"], 0] },
    { type: "object", title: "t", "x-llm": true },
    { type: "array", enum: [[], [1]] },
    { required: ["a", "constructor"] },
    { not: { anyOf: [{ required: ["a"] }, { required: ["b"] }] } },
    { oneOf: [{ type: "integer" }, { type: "number", enum: [1.5, 1] }] },
    { allOf: [{ type: ["object", "array"] }, { not: { const: [] } }], anyOf: [true, false] },
  ];
  const values: unknown[] = [0, -0, 1, 1.5, "a", "b", null, true, [], [1], [1, "x"], { a: 2, b: 1 }, { b: null, a: [1, 2] }, {}];
  const loaded = loadSchemaText(JSON.stringify({ $defs: Object.fromEntries(schemas.map((s, k) => [`s${k}`, s])) }), undefined);
  const validator = new SchemaValidator(loaded);
  const ajv = createAjv("2020-12");
  const defs = (loaded.main.root as { $defs: Record<string, SchemaObject> }).$defs;
  for (const [k, s] of schemas.entries()) {
    const reference = ajv.compile(s);
    const plain = validator.forSchema(defs[`s${k}`]);
    for (const v of values) {
      assert.equal(plain(v), reference(v), `${JSON.stringify(s)} on ${JSON.stringify(v)}`);
      if (!reference(v)) assert.ok(plain.errors?.length, "a rejection says why");
    }
  }
});

test("a sure rejection by type, enum, const, allOf or $ref target is only said where ajv rejects", () => {
  const root = {
    $defs: {
      str: { type: "string", minLength: 2 },
      color: { enum: ["red", "green"] },
      both: { allOf: [{ $ref: "#/$defs/str" }, { $ref: "#/$defs/color" }] },
      anyNumber: { type: "number" },
      obj: { type: "object", required: ["a"] },
    },
  };
  const loaded = loadSchemaText(JSON.stringify(root), undefined);
  const validator = new SchemaValidator(loaded);
  const defs = (loaded.main.root as { $defs: Record<string, SchemaObject> }).$defs;
  const values: unknown[] = ["red", "r", "blue", 3, 3.5, null, {}, { a: 1 }, ["red"]];
  let sure = 0;
  for (const s of Object.values(defs)) {
    const check = validator.forSchema(s);
    for (const v of values) {
      const rejected = validator.rejectsAtOnce(s, v);
      if (rejected) sure++;
      if (check(v)) assert.equal(rejected, false, `${JSON.stringify(s)} accepts ${JSON.stringify(v)}`);
    }
  }
  assert.ok(sure >= 15, `sure rejections found: ${sure}`);
});

test("an object with hundreds of optional properties gets about as many as one with 64; smaller ones keep 90%", () => {
  const objectOf = (n: number) => ({
    type: "object",
    properties: Object.fromEntries(Array.from({ length: n }, (_, k) => [`option${k}`, { type: "boolean" }])),
  });
  const mean = (n: number) => {
    const records = recordsOf({ $schema: "https://json-schema.org/draft/2020-12/schema", ...objectOf(n) }, 40);
    return records.reduce((sum: number, r) => sum + Object.keys(r as object).length, 0) / records.length;
  };
  const big = mean(300);
  const small = mean(50);
  assert.ok(big > 64 * 0.9 * 0.8 && big < 64 * 0.9 * 1.2, `300 optional properties: ${big} present on average`);
  assert.ok(small > 50 * 0.9 * 0.9 && small <= 50, `50 optional properties: ${small} present on average`);
});
