// `--kind invalid` in the engine: every record breaks exactly the constraint its label names, as a
// stock ajv (all errors, formats on) sees it, by the smallest change, the same on every run.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { readdirSync } from "node:fs";
import { loadSchemaFile, loadSchemaText, type LoadedSchema } from "../../core/schema/load";
import { Generator } from "../../core/engine/generator";
import { InvalidRecords, type InvalidRecord, type Violation } from "../../core/invalid/invalidRecords";
import { VIOLABLE_KEYWORDS } from "../../core/invalid/constraints";
import { SpecMintError } from "../../core/base/errors";
import { stockValidator } from "../support/stockValidator";

const EXAMPLES = path.join(__dirname, "..", "..", "examples");

function load(schema: unknown, draft = "https://json-schema.org/draft/2020-12/schema"): LoadedSchema {
  return loadSchemaText(JSON.stringify({ $schema: draft, ...(schema as object) }, null, 2), undefined);
}

function invalid(loaded: LoadedSchema, keywords?: string[], seed = 1): InvalidRecords {
  return new InvalidRecords(new Generator(loaded, { seed }), keywords);
}

const APPLICATORS = new Set(["contains", "minContains", "maxContains", "propertyNames", "not", "anyOf", "oneOf", "if"]);

/** The value at a JSON pointer (no escapes needed in these tests' names). */
function at(record: unknown, pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .reduce<unknown>((v, name) => (v as Record<string, unknown> | undefined)?.[name], record);
}

/**
 * Asserts that a stock ajv rejects the record by the labelled keyword at the labelled places and by
 * nothing else: every error is the labelled one, or (for a keyword that applies a subschema) one of
 * the errors ajv gives inside it, under its schema path.
 */
function assertLabelTrue(
  loaded: LoadedSchema,
  made: InvalidRecord,
  validate: ReturnType<typeof compileStock>,
  generator?: Generator,
  dataset?: unknown[],
): void {
  const { record, violation } = made;
  if (violation.keyword === "x-unique") {
    // A duplicate is no schema error either: the record passes, and repeats record duplicate_of's value there.
    assert.equal(validate(record), true, `record ${violation.index} fails the schema: ${JSON.stringify(validate.errors)}`);
    assert.deepEqual(generator?.rules?.failing(record) ?? [], []);
    const j = violation.duplicate_of!;
    assert.ok(j >= 1 && j < violation.index, JSON.stringify(violation));
    if (dataset) assert.deepEqual(at(dataset[j - 1], violation.instance_path), at(record, violation.instance_path));
    return;
  }
  if (violation.keyword === "x-cross-field-rules") {
    // A broken rule is no schema error: the schema passes, and the rule is the one rule that fails.
    assert.equal(validate(record), true, `record ${violation.index} fails the schema: ${JSON.stringify(validate.errors)}`);
    assert.deepEqual(
      generator!.rules!.failing(record).map((f) => f.rule),
      [violation.rule],
    );
    return;
  }
  assert.equal(validate(record), false, `record ${violation.index} passes the schema: ${JSON.stringify(record)}`);
  const errors = validate.errors ?? [];
  // ajv reports minContains and maxContains as its contains keyword.
  const reported = /^m(in|ax)Contains$/.test(violation.keyword) ? "contains" : violation.keyword;
  const schemaAt = `#${violation.schema_path.replace(/(min|max)Contains$/, "contains")}`;
  // ajv percent-encodes property names and patterns in its schemaPath.
  const isLabel = (e: (typeof errors)[number]) =>
    e.keyword === reported && e.instancePath === violation.instance_path && decodeURIComponent(e.schemaPath) === schemaAt;
  // An if's failure is explained under its then or else.
  const under = violation.keyword === "if" ? [schemaAt.replace(/if$/, "then/"), schemaAt.replace(/if$/, "else/")] : [schemaAt + "/"];
  const inside = (e: (typeof errors)[number]) =>
    APPLICATORS.has(violation.keyword) &&
    under.some((p) => e.schemaPath.startsWith(p)) &&
    (e.instancePath + "/").startsWith(violation.instance_path + "/");
  assert.ok(errors.some(isLabel), `record ${violation.index}: no ${violation.keyword} error at ${violation.instance_path}`);
  // expected is the validator's own error for the constraint, as a stock ajv reports it.
  const { instancePath, schemaPath, keyword, params } = errors.find(isLabel)!;
  assert.deepEqual(
    { ...violation.expected, message: undefined },
    { instancePath, schemaPath, keyword, params, message: undefined },
    `record ${violation.index}`,
  );
  const unrelated = errors.filter((e) => !isLabel(e) && !inside(e));
  assert.deepEqual(
    unrelated,
    [],
    `record ${violation.index} (${JSON.stringify(violation)}) also fails otherwise: ${JSON.stringify(record)}`,
  );
  void loaded;
}

/** Which constraint a label names: its place (array indices as *), schema path, and the property of a required or a rule's text. */
function constraintKey(v: Violation): string {
  const p = v.expected.params;
  const part = v.keyword === "required" || v.keyword.startsWith("depend") ? String(p.missingProperty) : (v.rule ?? "");
  return `${v.instance_path.replace(/\/\d+(?=\/|$)/g, "/*")} ${v.schema_path} ${part}`;
}

function compileStock(loaded: LoadedSchema) {
  return stockValidator(loaded.draft, { allErrors: true }).ajv.compile(loaded.main.root as object);
}

/** One small schema per keyword; `at` is where its record must break it. */
const CASES: { keyword: string; schema: object; at: string; draft?: string }[] = [
  { keyword: "type", schema: { properties: { n: { type: "integer" } }, required: ["n"] }, at: "/n" },
  { keyword: "required", schema: { type: "object", properties: { a: { type: "string" } }, required: ["a"] }, at: "" },
  {
    keyword: "enum",
    schema: { type: "object", properties: { plan: { enum: ["free", "pro"] } }, required: ["plan"] },
    at: "/plan",
  },
  { keyword: "const", schema: { type: "object", properties: { v: { const: 2 } }, required: ["v"] }, at: "/v" },
  {
    keyword: "minimum",
    schema: { type: "object", properties: { age: { type: "integer", minimum: 18, maximum: 90 } }, required: ["age"] },
    at: "/age",
  },
  {
    keyword: "maximum",
    schema: { type: "object", properties: { age: { type: "integer", minimum: 18, maximum: 90 } }, required: ["age"] },
    at: "/age",
  },
  {
    keyword: "exclusiveMinimum",
    schema: { type: "object", properties: { p: { type: "number", exclusiveMinimum: 0, maximum: 10 } }, required: ["p"] },
    at: "/p",
  },
  {
    keyword: "exclusiveMaximum",
    schema: { type: "object", properties: { p: { type: "number", minimum: 0, exclusiveMaximum: 1 } }, required: ["p"] },
    at: "/p",
  },
  {
    keyword: "multipleOf",
    schema: { type: "object", properties: { cents: { type: "number", minimum: 0, maximum: 1000, multipleOf: 0.01 } }, required: ["cents"] },
    at: "/cents",
  },
  {
    keyword: "minLength",
    schema: { type: "object", properties: { s: { type: "string", minLength: 3, maxLength: 8 } }, required: ["s"] },
    at: "/s",
  },
  {
    keyword: "maxLength",
    schema: { type: "object", properties: { s: { type: "string", minLength: 3, maxLength: 8 } }, required: ["s"] },
    at: "/s",
  },
  {
    keyword: "pattern",
    schema: { type: "object", properties: { zip: { type: "string", pattern: "^[0-9]{5}$" } }, required: ["zip"] },
    at: "/zip",
  },
  {
    keyword: "format",
    schema: { type: "object", properties: { email: { type: "string", format: "email" } }, required: ["email"] },
    at: "/email",
  },
  {
    keyword: "minItems",
    schema: {
      type: "object",
      properties: { tags: { type: "array", items: { type: "string" }, minItems: 2, maxItems: 4 } },
      required: ["tags"],
    },
    at: "/tags",
  },
  {
    keyword: "maxItems",
    schema: {
      type: "object",
      properties: { tags: { type: "array", items: { type: "integer" }, minItems: 1, maxItems: 3 } },
      required: ["tags"],
    },
    at: "/tags",
  },
  {
    keyword: "uniqueItems",
    schema: {
      type: "object",
      properties: { tags: { type: "array", items: { type: "string" }, uniqueItems: true, minItems: 0, maxItems: 4 } },
      required: ["tags"],
    },
    at: "/tags",
  },
  {
    keyword: "minProperties",
    schema: { type: "object", properties: { a: { type: "string" }, b: { type: "string" } }, required: ["a"], minProperties: 2 },
    at: "",
  },
  {
    keyword: "maxProperties",
    schema: { type: "object", properties: { a: { type: "string" }, b: { type: "string" }, c: { type: "string" } }, maxProperties: 2 },
    at: "",
  },
  {
    keyword: "additionalProperties",
    schema: { type: "object", properties: { a: { type: "string" } }, required: ["a"], additionalProperties: false },
    at: "",
  },
  {
    keyword: "unevaluatedProperties",
    schema: {
      type: "object",
      allOf: [{ properties: { a: { type: "string" } }, required: ["a"] }],
      properties: { b: { type: "integer" } },
      unevaluatedProperties: false,
    },
    at: "",
  },
  {
    keyword: "unevaluatedItems",
    schema: {
      type: "object",
      properties: { pair: { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], minItems: 2, unevaluatedItems: false } },
      required: ["pair"],
    },
    at: "/pair",
  },
  {
    keyword: "dependentRequired",
    schema: {
      type: "object",
      properties: { card: { type: "string" }, billing: { type: "string" } },
      dependentRequired: { card: ["billing"] },
    },
    at: "",
  },
  {
    keyword: "dependencies",
    draft: "http://json-schema.org/draft-07/schema#",
    schema: { type: "object", properties: { card: { type: "string" }, billing: { type: "string" } }, dependencies: { card: ["billing"] } },
    at: "",
  },
  {
    keyword: "contains",
    schema: {
      type: "object",
      properties: { roles: { type: "array", items: { enum: ["admin", "user", "guest"] }, contains: { const: "user" }, maxItems: 3 } },
      required: ["roles"],
    },
    at: "/roles",
  },
  {
    keyword: "minContains",
    schema: {
      type: "object",
      properties: {
        scores: {
          type: "array",
          items: { type: "integer", minimum: 0, maximum: 10 },
          contains: { minimum: 8 },
          minContains: 2,
          maxItems: 6,
        },
      },
      required: ["scores"],
    },
    at: "/scores",
  },
  {
    keyword: "maxContains",
    schema: {
      type: "object",
      properties: {
        roles: { type: "array", items: { enum: ["admin", "user", "guest"] }, contains: { const: "admin" }, maxContains: 1, maxItems: 4 },
      },
      required: ["roles"],
    },
    at: "/roles",
  },
  {
    keyword: "propertyNames",
    schema: { type: "object", propertyNames: { pattern: "^[a-z_]+$" }, properties: { a_b: { type: "integer" } }, required: ["a_b"] },
    at: "",
  },
  {
    keyword: "not",
    schema: { type: "object", properties: { code: { type: "string", pattern: "^[A-Z]{3}$", not: { const: "XXX" } } }, required: ["code"] },
    at: "/code",
  },
  {
    keyword: "anyOf",
    schema: {
      type: "object",
      properties: {
        id: {
          anyOf: [
            { type: "string", format: "uuid" },
            { type: "integer", minimum: 1 },
          ],
        },
      },
      required: ["id"],
    },
    at: "/id",
  },
  {
    keyword: "oneOf",
    schema: {
      type: "object",
      properties: {
        v: {
          oneOf: [
            { type: "integer", maximum: 10 },
            { type: "integer", minimum: 5 },
          ],
        },
      },
      required: ["v"],
    },
    at: "/v",
  },
  {
    keyword: "if",
    schema: {
      type: "object",
      properties: {
        country: { enum: ["US", "CA"] },
        zip: { type: "string", pattern: "^[0-9]{5}$" },
        province: { type: "string", maxLength: 2 },
      },
      required: ["country"],
      if: { properties: { country: { const: "US" } }, required: ["country"] },
      then: { required: ["zip"] },
      else: { required: ["province"] },
    },
    at: "",
  },
];

/** The sentence of each keyword's label: the field by name, its value, the constraint. */
const MESSAGES: Record<string, RegExp> = {
  type: /^n \d+\.5 is a number, not integer$/,
  required: /^a is missing \(required\)$/,
  enum: /^plan "[^"]*" is not one of free, pro$/,
  const: /^v (1|3) is not 2 \(const\)$/,
  minimum: /^age 17 is below minimum 18$/,
  maximum: /^age 91 is above maximum 90$/,
  exclusiveMinimum: /^p 0 is not above exclusiveMinimum 0$/,
  exclusiveMaximum: /^p 1 is not below exclusiveMaximum 1$/,
  multipleOf: /^cents \d+\.\d{3,} is not a multiple of 0\.01$/,
  minLength: /^s "[^"]{2}" is shorter than minLength 3$/,
  maxLength: /^s "[^"]{9}" is longer than maxLength 8$/,
  pattern: /^zip "[^"]*" does not match pattern \^\[0-9\]\{5\}\$$/,
  format: /^email "[^"]*" is not a valid email \(format\)$/,
  minItems: /^tags has 1 item, fewer than minItems 2$/,
  maxItems: /^tags has 4 items, more than maxItems 3$/,
  uniqueItems: /^tags has duplicate items: items \d and \d are equal \(uniqueItems\)$/,
  minProperties: /^record has 1 property, fewer than minProperties 2$/,
  maxProperties: /^record has 3 properties, more than maxProperties 2$/,
  additionalProperties: /^record has property "[^"]+", which is not allowed \(additionalProperties: false\)$/,
  unevaluatedProperties: /^record has property "[^"]+", which no subschema evaluates \(unevaluatedProperties: false\)$/,
  unevaluatedItems: /^pair has 3 items, more than the 2 its schemas evaluate \(unevaluatedItems: false\)$/,
  minContains: /^scores has fewer than minContains 2 items that match contains$/,
  maxContains: /^roles has more than maxContains 1 items that match contains$/,
  dependentRequired: /^billing is missing, required when card is present \(dependentRequired\)$/,
  dependencies: /^billing is missing, required when card is present \(dependencies\)$/,
  contains: /^roles has no item that matches contains$/,
  propertyNames: /^record has property name "[^"]*", which breaks propertyNames$/,
  not: /^code "XXX" matches the schema under not$/,
  anyOf: /^id \S+ matches none of the anyOf branches$/,
  oneOf: /^v \S+ matches (none of the oneOf branches \(exactly one must match\)|2 oneOf branches \(0 and 1\), not exactly one)$/,
  if: /^record (matches the if but fails its then: zip|does not match the if and fails its else: province) is missing \(required\)$/,
};

test("every violable keyword has a case here (x-unique and x-cross-field-rules have their own tests below)", () => {
  assert.deepEqual([...CASES.map((c) => c.keyword), "x-unique", "x-cross-field-rules"], [...VIOLABLE_KEYWORDS]);
});

test("x-cross-field-rules: each record passes a stock ajv and breaks exactly the labelled rule, and every rule is broken in turn", () => {
  const loaded = load({
    type: "object",
    properties: {
      start: { type: "string", format: "date" },
      end: { type: "string", format: "date" },
      amount: { type: "number", minimum: 0, maximum: 20000, multipleOf: 0.01 },
      approved: { type: "boolean" },
      from: { type: "string", pattern: "^ACC-[0-9]{3}$" },
      to: { type: "string", pattern: "^ACC-[0-9]{3}$" },
    },
    required: ["start", "end", "amount", "approved", "from", "to"],
    "x-cross-field-rules": ["start <= end", "amount > 10000 -> approved == true", "from != to"],
  });
  const g = new Generator(loaded, { seed: 3 });
  const records = new InvalidRecords(g, ["x-cross-field-rules"]);
  assert.equal(records.constraints.length, 3);
  const validate = compileStock(loaded);
  const broken: string[] = [];
  for (let i = 1; i <= 30; i++) {
    const { record, violation } = records.record(i);
    assert.equal(validate(record), true, `record ${i} fails the schema: ${JSON.stringify(validate.errors)}`);
    const failing = g.rules!.failing(record);
    assert.deepEqual(
      failing.map((f) => f.rule),
      [violation.rule],
      `record ${i}: ${JSON.stringify(record)}`,
    );
    assert.equal(violation.keyword, "x-cross-field-rules");
    assert.equal(violation.instance_path, "");
    assert.equal(violation.schema_path, `/x-cross-field-rules/${(i - 1) % 3}`);
    assert.match(violation.message, /^rule ".*" does not hold: /);
    assert.deepEqual(violation.expected, {
      instancePath: "",
      schemaPath: `#${violation.schema_path}`,
      keyword: "x-cross-field-rules",
      params: { rule: violation.rule },
      message: violation.message,
    });
    broken.push(violation.rule!);
  }
  assert.deepEqual(broken.slice(0, 3), ["start <= end", "amount > 10000 -> approved == true", "from != to"]);
});

for (const c of CASES) {
  test(`invalid records break ${c.keyword} at ${c.at || "/"} and nothing else (stock ajv, all errors)`, () => {
    const loaded = load(c.schema, c.draft);
    const records = invalid(loaded, [c.keyword]);
    const validate = compileStock(loaded);
    for (let i = 1; i <= 40; i++) {
      const made = records.record(i);
      assert.equal(made.violation.keyword, c.keyword);
      assert.equal(made.violation.instance_path, c.at);
      assert.equal(made.violation.index, i);
      assertLabelTrue(loaded, made, validate);
      assert.match(made.violation.message, MESSAGES[c.keyword], `record ${i}`);
    }
  });
}

test("oneOf of $ref'd branches: ajv's errors at the targets' own paths explain the oneOf, and a target used unconditionally elsewhere is still told apart", () => {
  const loaded = load({
    $defs: { word: { type: "string", pattern: "^[a-z]+$" }, count: { type: "integer", minimum: 0 } },
    type: "object",
    properties: { v: { oneOf: [{ $ref: "#/$defs/word" }, { $ref: "#/$defs/count" }] }, w: { $ref: "#/$defs/count" } },
    required: ["v", "w"],
  });
  const records = invalid(loaded, ["oneOf"]);
  const validate = compileStock(loaded);
  for (let i = 1; i <= 20; i++) {
    const { record, violation } = records.record(i);
    assert.deepEqual([violation.keyword, violation.instance_path, violation.schema_path], ["oneOf", "/v", "/properties/v/oneOf"]);
    assert.equal(validate(record), false);
    for (const e of validate.errors ?? []) {
      const isLabel = e.keyword === "oneOf" && e.schemaPath === "#/properties/v/oneOf";
      assert.ok(isLabel || (e.instancePath === "/v" && e.schemaPath.startsWith("#/$defs/")), `record ${i}: ${JSON.stringify(e)}`);
    }
    // /w, held to the same $defs/count unconditionally, is never broken along with it.
    assert.ok(Number.isInteger((record as { w: number }).w) && (record as { w: number }).w >= 0);
  }
});

test("the change is the smallest: a bound is missed by one step, one character or element too many or too few, one property left out", () => {
  const loaded = load({
    type: "object",
    properties: {
      age: { type: "integer", minimum: 18, maximum: 90 },
      price: { type: "number", minimum: 0.5, maximum: 100, multipleOf: 0.25 },
      name: { type: "string", minLength: 3, maxLength: 8 },
      tags: { type: "array", items: { type: "string" }, minItems: 2, maxItems: 4 },
    },
    required: ["age", "price", "name", "tags"],
  });
  const g = new Generator(loaded, { seed: 5 });
  const by = (k: string) => new InvalidRecords(g, [k]);
  const min = by("minimum");
  for (let i = 1; i <= 10; i++) {
    const r = min.record(i).record as { age: number; price: number };
    const v = g.record(i) as { age: number; price: number };
    assert.ok((r.age === 17 && r.price === v.price) || (r.price === 0.25 && r.age === v.age), JSON.stringify(r));
  }
  const max = by("maximum").record(1).record as { age: number; price: number };
  assert.ok(max.age === 91 || max.price === 100.25, JSON.stringify(max));
  const short = by("minLength").record(3);
  assert.equal([...(short.record as { name: string }).name].length, 2);
  const long = by("maxLength").record(4);
  assert.equal([...(long.record as { name: string }).name].length, 9);
  assert.equal((by("minItems").record(2).record as { tags: string[] }).tags.length, 1);
  assert.equal((by("maxItems").record(2).record as { tags: string[] }).tags.length, 5);
  const req = by("required").record(1);
  const valid = g.record(1) as Record<string, unknown>;
  const missing = req.violation.expected.params.missingProperty as string;
  assert.deepEqual(req.record, Object.fromEntries(Object.entries(valid).filter(([k]) => k !== missing)));
});

test("a constraint on an optional property that a record leaves out is reached by adding the property with a breaking value", () => {
  const loaded = load({
    type: "object",
    properties: { id: { type: "integer" }, nick: { type: "string", pattern: "^[a-z]+$", minLength: 2, maxLength: 6 } },
    required: ["id"],
  });
  const g = new Generator(loaded, { seed: 1, optionalProbability: 0.3 });
  const absent = Array.from({ length: 40 }, (_, k) => k + 1).filter((i) => !("nick" in (g.record(i) as object)));
  assert.ok(absent.length > 10, "the seed leaves nick out of enough records");
  const records = new InvalidRecords(g, ["pattern"]);
  const validate = compileStock(loaded);
  for (const i of absent) {
    const made = records.record(i);
    assert.equal(made.violation.instance_path, "/nick");
    assertLabelTrue(loaded, made, validate);
  }
});

test("a mutation that would also break another keyword is passed over: a type break of an enum property is never labelled type", () => {
  // Every non-string value of `plan` fails enum as well as type: type cannot be broken alone there.
  const loaded = load({ type: "object", properties: { plan: { type: "string", enum: ["a", "b"] } }, required: ["plan"] });
  const records = invalid(loaded);
  const validate = compileStock(loaded);
  const seen = new Set<string>();
  for (let i = 1; i <= 30; i++) {
    const made = records.record(i);
    assertLabelTrue(loaded, made, validate);
    seen.add(`${made.violation.keyword} ${made.violation.instance_path}`);
  }
  assert.ok(!seen.has("type /plan"), [...seen].join(", "));
  assert.ok(seen.has("enum /plan") && seen.has("required ") && seen.has("type "), [...seen].join(", "));
});

test("an enum with a value of another type: the type is broken by that value, the one change that breaks it alone", () => {
  // Values outside the enum are passed over before ajv runs (they fail the enum too); those in it are tried.
  const loaded = load({
    type: "object",
    properties: { code: { type: "string", enum: ["7", 7] }, note: { type: "string", enum: ["a", null] } },
    required: ["code", "note"],
  });
  const records = invalid(loaded, ["type"]);
  const validate = compileStock(loaded);
  const broken = new Map<string, unknown>();
  for (let i = 1; i <= 6; i++) {
    const made = records.record(i);
    assertLabelTrue(loaded, made, validate);
    broken.set(made.violation.instance_path, at(made.record, made.violation.instance_path));
  }
  assert.equal(broken.get("/code"), 7);
  assert.equal(broken.get("/note"), null);
});

test("a mutation that would break a cross-field rule is passed over", () => {
  const loaded = load({
    type: "object",
    properties: { low: { type: "integer", minimum: 0, maximum: 50 }, high: { type: "integer", minimum: 0, maximum: 100 } },
    required: ["low", "high"],
    "x-cross-field-rules": ["low <= high"],
  });
  const g = new Generator(loaded, { seed: 2 });
  const records = new InvalidRecords(g, ["maximum"]);
  for (let i = 1; i <= 30; i++) {
    const made = records.record(i);
    // low = 51 could exceed high; high = 101 never breaks low <= high.
    const r = made.record as { low: number; high: number };
    assert.ok(r.low <= r.high, `record ${i} breaks the rule: ${JSON.stringify(r)}`);
    assert.deepEqual(g.rules!.failing(made.record), []);
  }
});

test("records cycle through the constraints: over N records of N constraints breakable alone, each is broken once", () => {
  const loaded = load({
    type: "object",
    properties: { a: { type: "string", minLength: 1, maxLength: 5 }, b: { type: "integer", minimum: 0, maximum: 9 } },
    required: ["a", "b"],
    additionalProperties: false,
  });
  const records = invalid(loaded);
  const n = records.constraints.length;
  assert.equal(n, 10); // object type, 2 required, additionalProperties, a: type min max, b: type min max
  const labels = Array.from({ length: n }, (_, k) => records.record(k + 1).violation);
  const keys = labels.map(constraintKey);
  assert.equal(new Set(keys).size, n, keys.join("\n"));
  assert.deepEqual(
    labels.map((v) => v.schema_path),
    records.constraints.map((c) => c.schemaPath),
  );
});

test("same seed gives the same invalid records and labels; record i does not depend on the records made before it", () => {
  const file = path.join(EXAMPLES, "user-profile.schema.json");
  const a = invalid(loadSchemaFile(file), undefined, 42);
  const b = invalid(loadSchemaFile(file), undefined, 42);
  const first = Array.from({ length: 60 }, (_, k) => JSON.stringify(a.record(k + 1)));
  const again = Array.from({ length: 60 }, (_, k) => JSON.stringify(b.record(k + 1)));
  assert.deepEqual(first, again);
  const alone = invalid(loadSchemaFile(file), undefined, 42);
  assert.equal(JSON.stringify(alone.record(57)), first[56]);
  const other = invalid(loadSchemaFile(file), undefined, 43);
  assert.notEqual(JSON.stringify(other.record(20)), first[19]);
});

test("--violate asks for a keyword the schema does not have: a usage error naming the ones it has", () => {
  const loaded = load({ type: "object", properties: { a: { type: "string", maxLength: 3 } }, required: ["a"] });
  assert.throws(
    () => invalid(loaded, ["pattern"]),
    (e: unknown) => e instanceof SpecMintError && e.kind === "usage" && /type, required, maxLength/.test(e.message),
  );
});

test("a schema whose only constraint cannot be broken alone is a schema error that names it", () => {
  // Any value that is not a string fails the enum too.
  const loaded = load({ type: "string", enum: ["a", "b"] });
  assert.throws(
    () => invalid(loaded, ["type"]).record(1),
    (e: unknown) =>
      e instanceof SpecMintError &&
      e.kind === "schema" &&
      /cannot make invalid record 1: none of the 1 constraint can be broken/.test(e.message) &&
      e.details[0] === "type at / (schema /type)",
  );
});

test("a schema with nothing to break is a schema error", () => {
  assert.throws(
    () => invalid(load({ description: "anything" })),
    (e: unknown) => e instanceof SpecMintError && e.kind === "schema" && /no constraint a record can break/.test(e.message),
  );
});

for (const name of readdirSync(EXAMPLES).filter((f) => f.endsWith(".schema.json"))) {
  test(`${name}: invalid records each fail a stock ajv by exactly their label, and N records break most of the N constraints`, () => {
    const loaded = loadSchemaFile(path.join(EXAMPLES, name));
    const generator = new Generator(loaded, { seed: 42 });
    const records = new InvalidRecords(generator);
    const validate = compileStock(loaded);
    const n = records.constraints.length;
    const broken = new Set<string>();
    const dataset: unknown[] = [];
    for (let i = 1; i <= n; i++) {
      const made = records.record(i);
      dataset.push(made.record);
      assertLabelTrue(loaded, made, validate, generator, dataset);
      broken.add(constraintKey(made.violation));
    }
    // The rest cannot be broken alone: a type change of an enum value breaks enum too, a required
    // field that a cross-field rule reads breaks the rule when it goes.
    assert.ok(broken.size >= (2 * n) / 3, `${broken.size} of ${n} constraints broken in ${n} records`);
  });
}

test("x-unique: a record repeats the value an earlier record of the dataset has there, and is labelled as the later of the two", () => {
  const loaded = load({
    type: "object",
    properties: {
      id: { type: "integer", minimum: 1, maximum: 1_000_000, "x-unique": true },
      email: { type: "string", format: "email", "x-unique": true },
      name: { type: "string", minLength: 1, maxLength: 20 },
    },
    required: ["id", "email", "name"],
  });
  const g = new Generator(loaded, { seed: 4 });
  const records = new InvalidRecords(g);
  const validate = compileStock(loaded);
  const dataset: unknown[] = [];
  const seen = new Set<string>();
  for (let i = 1; i <= 3 * records.constraints.length; i++) {
    const made = records.record(i);
    dataset.push(made.record);
    assertLabelTrue(loaded, made, validate, g, dataset);
    if (made.violation.keyword !== "x-unique") continue;
    seen.add(made.violation.instance_path);
    assert.equal(made.violation.schema_path, `/properties${made.violation.instance_path}/x-unique`);
    const field = made.violation.instance_path.slice(1);
    assert.match(
      made.violation.message,
      new RegExp(`^${field} \\S+ repeats the value of record ${made.violation.duplicate_of} \\(x-unique\\)$`),
    );
    assert.deepEqual(made.violation.expected, {
      instancePath: made.violation.instance_path,
      schemaPath: `#${made.violation.schema_path}`,
      keyword: "x-unique",
      params: { duplicateOf: made.violation.duplicate_of },
      message: `must be unique across the dataset (record ${made.violation.duplicate_of} has the same value)`,
    });
    // The rest of the record is valid record i's.
    const valid = g.record(i) as Record<string, unknown>;
    for (const k of Object.keys(valid)) if (k !== field) assert.deepEqual((made.record as Record<string, unknown>)[k], valid[k]);
  }
  assert.deepEqual([...seen].sort(), ["/email", "/id"]);
});

test("if: constraints of the then/else branch's properties are broken while the value keeps taking that branch", () => {
  const loaded = load({
    type: "object",
    properties: { country: { enum: ["US", "CA"] }, postal: { type: "string" } },
    required: ["country", "postal"],
    if: { properties: { country: { const: "US" } } },
    then: { properties: { postal: { pattern: "^[0-9]{5}$" } } },
    else: { properties: { postal: { pattern: "^[A-Z][0-9][A-Z] [0-9][A-Z][0-9]$" } } },
  });
  const records = invalid(loaded, ["if"]);
  const validate = compileStock(loaded);
  const branches = new Set<string>();
  for (let i = 1; i <= 30; i++) {
    const made = records.record(i);
    assertLabelTrue(loaded, made, validate);
    validate(made.record);
    assert.ok(
      validate.errors!.some((e) => e.keyword === "pattern" && e.instancePath === "/postal"),
      JSON.stringify(validate.errors),
    );
    const branch = made.violation.expected.params.failingKeyword as string;
    branches.add(branch);
    assert.match(
      made.violation.message,
      branch === "then"
        ? /^record matches the if but fails its then: postal "[^"]*" does not match pattern \^\[0-9\]\{5\}\$$/
        : /^record does not match the if and fails its else: postal "[^"]*" does not match pattern/,
    );
  }
  assert.deepEqual([...branches].sort(), ["else", "then"]);
});

test("oneOf: a label says how many branches match, none or two", () => {
  const loaded = load({
    type: "object",
    properties: {
      v: {
        oneOf: [
          { type: "string", maxLength: 6 },
          { type: "string", pattern: "^[a-z]+$" },
        ],
      },
    },
    required: ["v"],
  });
  const records = invalid(loaded, ["oneOf"]);
  const validate = compileStock(loaded);
  const counts = new Set<number>();
  for (let i = 1; i <= 40; i++) {
    const made = records.record(i);
    assertLabelTrue(loaded, made, validate);
    const passing = (made.violation.expected.params.passingSchemas as number[] | null) ?? [];
    assert.equal(made.violation.matches, passing.length);
    counts.add(made.violation.matches);
  }
  assert.ok(counts.has(0), [...counts].join(","));
  // Strings only, and every string matches a branch: a broken oneOf matches two.
  const both = load({
    type: "object",
    properties: { v: { type: "string", oneOf: [{ maxLength: 8 }, { minLength: 4 }] } },
    required: ["v"],
  });
  const two = invalid(both, ["oneOf"]);
  const validateBoth = compileStock(both);
  for (let i = 1; i <= 20; i++) {
    const made = two.record(i);
    assertLabelTrue(both, made, validateBoth);
    assert.equal(made.violation.matches, 2);
    assert.match(made.violation.message, /^v "[^"]{4,8}" matches 2 oneOf branches \(0 and 1\), not exactly one$/);
  }
});

test("additionalProperties and patternProperties schemas: a property only that schema covers is added with a value that breaks it", () => {
  const loaded = load({
    type: "object",
    properties: { id: { type: "integer" } },
    required: ["id"],
    patternProperties: { "^x-[a-z]{2,6}$": { type: "string", maxLength: 8 } },
    additionalProperties: { type: "integer", minimum: 0 },
  });
  const records = invalid(loaded);
  const validate = compileStock(loaded);
  const seen = new Map<string, Violation>();
  for (let i = 1; i <= 3 * records.constraints.length; i++) {
    const made = records.record(i);
    assertLabelTrue(loaded, made, validate);
    seen.set(made.violation.schema_path, made.violation);
  }
  const pattern = seen.get("/patternProperties/^x-[a-z]{2,6}$/maxLength");
  assert.ok(pattern, [...seen.keys()].join(", "));
  assert.match(pattern.instance_path, /^\/x-[a-z]{2,6}$/);
  assert.match(pattern.message, /^x-[a-z]{2,6} "[^"]{9}" is longer than maxLength 8$/);
  for (const k of ["type", "minimum"]) {
    const extra = seen.get(`/additionalProperties/${k}`);
    assert.ok(extra, `${k}: ${[...seen.keys()].join(", ")}`);
    assert.equal(extra.instance_path, "/extra");
  }
  assert.ok(seen.has("/patternProperties/^x-[a-z]{2,6}$/type"));
});

test("oneOf/anyOf: a value that matches a branch misses it by one broken constraint of that branch, not by a value of another shape", () => {
  const loaded = load({
    type: "object",
    properties: {
      item: {
        oneOf: [
          {
            type: "object",
            properties: { kind: { const: "box" }, size: { type: "integer", minimum: 1, maximum: 5 } },
            required: ["kind", "size"],
          },
          { type: "object", properties: { kind: { const: "bag" }, weight: { type: "integer", minimum: 1 } }, required: ["kind", "weight"] },
        ],
      },
    },
    required: ["item"],
  });
  const g = new Generator(loaded, { seed: 2 });
  const records = new InvalidRecords(g, ["oneOf"]);
  const validate = compileStock(loaded);
  for (let i = 1; i <= 20; i++) {
    const made = records.record(i);
    assertLabelTrue(loaded, made, validate);
    const valid = (g.record(i) as { item: Record<string, unknown> }).item;
    const broken = (made.record as { item: Record<string, unknown> }).item;
    // An object still, with the branch's other properties as they were: one of them changed or left out.
    assert.ok(typeof broken === "object" && broken !== null && !Array.isArray(broken), JSON.stringify(broken));
    const changed = Object.keys(valid).filter((k) => JSON.stringify(valid[k]) !== JSON.stringify(broken[k]));
    assert.equal(changed.length, 1, `${JSON.stringify(valid)} → ${JSON.stringify(broken)}`);
    assert.equal(made.violation.matches, 0);
  }
});
