// Shapes that real schemas have and keyword-by-keyword suites do not: each test is a small schema of
// one class seen in public configuration-file schemas, generated and checked by a stock validator.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chooseDraft, loadSchemaText } from "../../core/schema";
import { Generator } from "../../core/engine";
import { stockValidator } from "../support/stockValidator";
import { SpecMintError } from "../../core/base/errors";

function generatorFor(schema: object): Generator {
  return new Generator(loadSchemaText(JSON.stringify(schema, null, 2), undefined), { seed: 1 });
}

function assertAllValid(schema: object, count = 40): unknown[] {
  const generator = generatorFor(schema);
  const validate = stockValidator(generator.loaded.draft).ajv.compile(schema);
  const records = Array.from({ length: count }, (_, k) => generator.record(k + 1));
  for (const [k, r] of records.entries())
    assert.ok(validate(r), `record ${k + 1} ${JSON.stringify(r)}: ${JSON.stringify(validate.errors)}`);
  return records;
}

test("a $ref into a plain object of schemas (not under a schema keyword) resolves that schema's own $refs", () => {
  // As in travis.json: definitions/notifications is a plain object whose members are schemas, reached
  // by "#/definitions/notifications/webhooks"; inside, a oneOf branch refers back to the root.
  const records = assertAllValid({
    $schema: "http://json-schema.org/draft-07/schema#",
    definitions: {
      secret: {
        type: "object",
        properties: { secure: { type: "string", minLength: 1 } },
        required: ["secure"],
        additionalProperties: false,
      },
      notifications: {
        webhooks: {
          type: "object",
          properties: {
            urls: {
              oneOf: [
                { type: "string", format: "uri" },
                { $ref: "#/definitions/secret" },
                { type: "array", minItems: 1, items: { oneOf: [{ type: "string", format: "uri" }, { $ref: "#/definitions/secret" }] } },
              ],
            },
          },
          required: ["urls"],
        },
      },
    },
    type: "object",
    properties: { webhooks: { $ref: "#/definitions/notifications/webhooks" } },
    required: ["webhooks"],
  });
  const kinds = new Set(
    records.map((r) =>
      Array.isArray((r as { webhooks: { urls: unknown } }).webhooks.urls)
        ? "array"
        : typeof (r as { webhooks: { urls: unknown } }).webhooks.urls,
    ),
  );
  assert.ok(kinds.size >= 2, `the oneOf branches are all used, not only one: ${[...kinds].join(", ")}`);
});

test("without $schema the draft is inferred from keywords only one side of 2019 has", () => {
  const tuple = { type: "array", items: [{ type: "integer" }, { type: "string" }], additionalItems: false };
  const c07 = chooseDraft(tuple);
  assert.equal(c07.draft, "07");
  assert.equal(c07.source, "inferred");
  assert.match(c07.why ?? "", /items \(an array\) at \/items/);
  assert.equal(chooseDraft({ id: "http://example.com/s", type: "object" }).draft, "04");
  assert.equal(chooseDraft({ type: "number", minimum: 0, exclusiveMinimum: true }).draft, "04");
  assert.deepEqual(
    [chooseDraft({ prefixItems: [{ type: "integer" }] }).draft, chooseDraft({ $defs: { a: { type: "string" } } }).source],
    ["2020-12", "inferred"],
  );
  // `definitions` is in every draft: it decides nothing.
  assert.equal(chooseDraft({ definitions: { a: { type: "string" } }, $ref: "#/definitions/a" }).source, "default");
});

test("keywords of both sides: read as 2020-12, and the conflict names each keyword with its place", () => {
  const c = chooseDraft({ properties: { a: { items: [{ type: "string" }] }, b: { prefixItems: [{ type: "string" }] } } });
  assert.equal(c.draft, "2020-12");
  assert.deepEqual(c.conflict, { older: ["items (an array) at /properties/a/items"], newer: ["prefixItems at /properties/b/prefixItems"] });
});

test("$schema decides over the caller's draft, and the caller's draft over inference", () => {
  const tuple = { items: [{ type: "integer" }] };
  assert.deepEqual(chooseDraft(tuple, "2019-09"), { draft: "2019-09", source: "option", why: "no $schema; the draft was given" });
  assert.equal(chooseDraft({ $schema: "https://json-schema.org/draft/2020-12/schema", items: [] }, "07").source, "declared");
  assert.equal(loadSchemaText(JSON.stringify(tuple), undefined, { draft: "06" }).draft, "06");
});

test("a draft-07 tuple schema without $schema generates records valid under draft-07", () => {
  const schema = {
    type: "array",
    items: [
      { type: "integer", minimum: 1 },
      { type: "string", enum: ["a", "b"] },
    ],
    additionalItems: false,
    minItems: 2,
  };
  assert.equal(generatorFor(schema).loaded.draft, "07");
  assertAllValid(schema, 30);
});

test("a pattern next to a format gives values of the format that match the pattern", () => {
  // As in foundryvtt's manifest: `format: uri` with a pattern for http(s) URLs; drawing from the
  // pattern alone gave characters that no URI may hold.
  const records = assertAllValid(
    {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: { x: { type: "string", format: "uri", pattern: "^https?://[^.\\s]+\\.[^.\\s]" } },
      required: ["x"],
    },
    200,
  );
  assert.ok(records.every((r) => /^https?:\/\//.test((r as { x: string }).x)));
  // Each drawn string is checked against the format where it is made: no record had to be made again.
  const generator = generatorFor({ type: "string", format: "uri", pattern: "^https?://[^.\\s]+\\.[^.\\s]" });
  for (let k = 1; k <= 200; k++) generator.record(k);
  assert.equal(generator.stats.retries, 0);
});

test("several if/then on one property's const: the value decides which branch applies", () => {
  // As in gitea's and GitHub's issue forms: each item's `type` is one of five names and each `if`
  // tests one of them, so exactly one `then` can hold; a form of six items was reported as
  // "enum/const leave no value".
  const names = ["markdown", "textarea", "input", "dropdown", "checkboxes"];
  const item = {
    type: "object",
    required: ["type"],
    properties: { type: { type: "string", enum: names } },
    allOf: names.map((n) => ({
      if: { properties: { type: { const: n } } },
      then: { required: ["type", n], properties: { type: true, [n]: { type: "integer", minimum: 1 } }, additionalProperties: false },
    })),
  };
  const records = assertAllValid(
    { $schema: "http://json-schema.org/draft-07/schema#", type: "array", minItems: 6, maxItems: 6, items: item },
    20,
  );
  const types = new Set(records.flatMap((r) => (r as { type: string }[]).map((i) => i.type)));
  assert.equal(types.size, names.length, `every type is made: ${[...types].join(", ")}`);
});

test("a decimal multipleOf with large quotients gives values that a floating-point check accepts too", () => {
  // As in venvironment's step sizes: multipleOf 0.00001 up to 10,000. 906.66463 is an exact multiple,
  // but 906.66463 / 0.00001 is 90666463.00000001 in binary, which ajv with multipleOfPrecision 9 rejects.
  assertAllValid(
    { $schema: "http://json-schema.org/draft-07/schema#", type: "number", exclusiveMinimum: 0, maximum: 10000, multipleOf: 0.00001 },
    400,
  );
});

test("unique items from an enum: an array never asks for more of them than the enum has", () => {
  // As in stylelint's options: "except": { type: array, uniqueItems, minItems: 1, items: { enum: [one value] } }.
  const schema = { type: "array", uniqueItems: true, minItems: 1, items: { type: "string", enum: ["after-single-line-comment"] } };
  const generator = generatorFor(schema);
  for (let k = 1; k <= 100; k++) assert.deepEqual(generator.record(k), ["after-single-line-comment"]);
  assert.equal(generator.stats.retries, 0, "no record had to be made again");
});

test("oneOf of required lists: the branch taken has its property, and no other branch's", () => {
  // As in starlake's root: oneOf [{required: [extract]}, {required: [load]}, …] over ten optional
  // properties. Any other branch's property, drawn as an optional one, made the record match two.
  const names = ["extract", "load", "transform", "env", "types", "table", "task", "refs", "dag", "application"];
  const schema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: { version: { const: 1 }, ...Object.fromEntries(names.map((n) => [n, { type: "string" }])) },
    required: ["version"],
    oneOf: names.map((n) => ({ required: [n] })),
  };
  const records = assertAllValid(schema, 100) as Record<string, unknown>[];
  const taken = new Set(records.map((r) => names.find((n) => n in r)));
  assert.equal(taken.size, names.length, `every branch is taken: ${[...taken].join(", ")}`);
  const generator = generatorFor(schema);
  for (let k = 1; k <= 100; k++) generator.record(k);
  assert.equal(generator.stats.retries, 0, "no record had to be made again");
});

test("not of required lists: a pair that must not come together never does, and each half still appears", () => {
  const schema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: Object.fromEntries(["a", "b", "c", "d"].map((n) => [n, { type: "string" }])),
    not: { anyOf: [{ required: ["a", "b"] }, { required: ["c", "d"] }] },
  };
  const records = assertAllValid(schema, 100) as Record<string, unknown>[];
  for (const n of ["b", "d"])
    assert.ok(
      records.some((r) => n in r),
      `"${n}" appears`,
    );
  const generator = generatorFor(schema);
  for (let k = 1; k <= 100; k++) generator.record(k);
  assert.equal(generator.stats.retries, 0, "no record had to be made again");
});

test("dependencies of a recursive schema: present as often as optional properties, so that nesting ends", () => {
  // As in metaschema-draft-07-unofficial-strict: a sub-schema's `items`, `not`, … are sub-schemas, and
  // each keyword has a dependency (`minimum` asks for type number, `minLength` for string). Dependencies
  // were drawn at full probability at every depth ("nesting deeper than 48"), and all taken at once on
  // later attempts, which contradict each other.
  const keyword = (t: string) => ({ properties: { type: { const: t } } });
  const schema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    $ref: "#/definitions/node",
    definitions: {
      node: {
        type: "object",
        minProperties: 1,
        properties: {
          type: { enum: ["string", "number", "array", "object"] },
          minimum: { type: "number" },
          maximum: { type: "number" },
          minLength: { type: "integer", minimum: 0 },
          pattern: { type: "string" },
          items: { $ref: "#/definitions/node" },
          not: { $ref: "#/definitions/node" },
          properties: { type: "object", additionalProperties: { $ref: "#/definitions/node" } },
          anyOf: { type: "array", minItems: 2, items: { $ref: "#/definitions/node" } },
        },
        dependencies: {
          minimum: keyword("number"),
          maximum: keyword("number"),
          minLength: keyword("string"),
          pattern: keyword("string"),
          items: keyword("array"),
          properties: keyword("object"),
          not: { required: [] },
          anyOf: { required: [] },
        },
      },
    },
  };
  const records = assertAllValid(schema, 100) as Record<string, unknown>[];
  assert.ok(
    records.some((r) => "items" in r || "not" in r),
    "the recursive keywords still appear",
  );
});

test("array bounds next to a $ref or across allOf members all hold: maxItems of one, minItems and items of another", () => {
  // Before 2019-09 a $ref's siblings are ignored by the specification but checked by ajv: a sibling
  // maxItems was generated past, and the record made again until a short enough array came up.
  const schema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    definitions: { list: { type: "array", items: { type: "integer" }, minItems: 3, default: [1, 2, 3, 4, 5, 6] } },
    type: "object",
    properties: {
      xs: { $ref: "#/definitions/list", maxItems: 3 },
      ys: { allOf: [{ $ref: "#/definitions/list" }, { maxItems: 4, uniqueItems: true }] },
      zs: {
        allOf: [
          { type: "array", maxItems: 5, items: { type: "integer" } },
          { type: "array", minItems: 5, items: { minimum: 0 } },
        ],
      },
    },
    required: ["xs", "ys", "zs"],
  };
  const records = assertAllValid(schema, 100) as { xs: number[]; ys: number[]; zs: number[] }[];
  assert.ok(records.every((r) => r.xs.length === 3 && r.ys.length >= 3 && r.ys.length <= 4 && r.zs.length === 5));
  const generator = generatorFor(schema);
  for (let k = 1; k <= 100; k++) generator.record(k);
  assert.equal(generator.stats.retries, 0, "no record had to be made again");
  // 2020-12: a $ref and a sibling maxItems over prefixItems and items.
  assertAllValid({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: { pair: { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], items: { type: "boolean" }, minItems: 2 } },
    $ref: "#/$defs/pair",
    maxItems: 2,
  });
});

test("a tuple element that is a $ref with type and additionalProperties beside it: the siblings are generated too", () => {
  // As in stylelint's rule options: [true, {$ref: coreRule, type: object, additionalProperties: false}],
  // next to an anyOf whose first branch no value satisfies (type integer, enum [{}]). The siblings were
  // left out, so records came out with properties coreRule allows and additionalProperties does not, and
  // after 24 attempts the message named the anyOf branch (the last failure seen), not the cause.
  const schema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    definitions: {
      coreRule: { type: "object", properties: { severity: { enum: ["warning", "error"] }, message: { type: "string" } } },
    },
    type: "object",
    properties: {
      rule: {
        oneOf: [
          { oneOf: [{ const: true }, { type: "null" }] },
          {
            type: "array",
            minItems: 1,
            maxItems: 2,
            items: [
              { oneOf: [{ const: true }, { type: "null" }] },
              { $ref: "#/definitions/coreRule", type: "object", additionalProperties: false },
            ],
          },
        ],
      },
      size: {
        type: ["null", "integer", "array"],
        oneOf: [
          { type: ["null", "integer"] },
          {
            type: "array",
            minItems: 2,
            maxItems: 2,
            uniqueItems: true,
            items: { type: ["integer", "object"], anyOf: [{ type: "integer", enum: [{}] }, { $ref: "#/definitions/coreRule" }] },
          },
        ],
      },
    },
    required: ["rule", "size"],
  };
  assertAllValid(schema, 100);
  const generator = generatorFor(schema);
  for (let k = 1; k <= 100; k++) generator.record(k);
  assert.equal(generator.stats.retries, 0, "no record had to be made again");
});

test("an unsatisfiable node is named, not a branch or an optional property given up on the way", () => {
  // The first anyOf branch and the optional `c` have no value (a failure deeper in the schema than
  // `b`'s): the record fails because of `b`, and says so.
  const schema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    required: ["a", "b"],
    properties: {
      a: { anyOf: [{ type: "object", required: ["x"], properties: { x: { type: "integer", enum: [{}] } } }, { type: "string" }] },
      c: { type: "object", required: ["x"], properties: { x: { type: "integer", enum: [{}] } } },
      b: { type: "string", minLength: 5, maxLength: 2 },
    },
  };
  assert.throws(
    () => generatorFor(schema).record(1),
    (e: unknown) => {
      assert.ok(e instanceof SpecMintError);
      assert.equal(e.location.pointer, "/properties/b");
      assert.match(e.message, /minLength 5 is greater than maxLength 2/);
      return true;
    },
  );
});

test("a oneOf that cannot hold says which branch the value also matched", () => {
  const schema = { type: "integer", minimum: 0, maximum: 10, oneOf: [{ minimum: 0 }, { maximum: 10 }] };
  assert.throws(() => generatorFor(schema).record(1), /the value made for \/oneOf\/\d also matches \/oneOf\/\d/);
  const not = { type: "object", required: ["a"], properties: { a: { type: "string" } }, not: { required: ["a"] } };
  assert.throws(() => generatorFor(not).record(1), /the value matches \/not/);
});
