import { test } from "node:test";
import { US_STATES } from "../../core/generate/data/usPlaces";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadSchemaText, loadSchemaFile } from "../../core/schema/load";
import { Generator } from "../../core/engine/generator";
import { createAjv } from "../../core/validate/ajv";
import { SpecMintError } from "../../core/base/errors";
import { fractionDigits } from "../../core/base/decimal";

function gen(schema: unknown, seed = 1) {
  return new Generator(loadSchemaText(JSON.stringify(schema, null, 2), undefined), { seed });
}

function records(schema: unknown, n: number, seed = 1): unknown[] {
  const g = gen(schema, seed);
  return Array.from({ length: n }, (_, k) => g.record(k + 1));
}

test("same schema and seed give the same records; another seed gives others", () => {
  const schema = { type: "object", properties: { a: { type: "string" }, b: { type: "integer" } }, required: ["a", "b"] };
  assert.deepEqual(records(schema, 50), records(schema, 50));
  assert.notDeepEqual(records(schema, 50, 1), records(schema, 50, 2));
});

test("record i does not depend on which records were made before it", () => {
  const schema = { type: "object", properties: { a: { type: "string", format: "email" } }, required: ["a"] };
  const g1 = gen(schema);
  const g2 = gen(schema);
  for (let i = 1; i <= 30; i++) g1.record(i);
  assert.deepEqual(g1.record(31), g2.record(31));
});

test("decimal multipleOf gives exact decimals that a decimal check accepts", () => {
  const schema = { type: "number", minimum: 0, maximum: 100000, multipleOf: 0.01 };
  const values = records(schema, 1000) as number[];
  for (const v of values) {
    assert.ok(fractionDigits(v) <= 2, `${v} has more than two decimals`);
    assert.ok(Math.abs(Math.round(v * 100) - v * 100) < 1e-6);
  }
  assert.ok(new Set(values).size > 900, "values spread over the range");
  assert.ok(Math.max(...values) > 50000 && Math.min(...values) < 50000);
});

test("every enum value and every anyOf/oneOf branch appears over 1,000 records", () => {
  const schema = {
    type: "object",
    required: ["e", "any", "one"],
    properties: {
      e: { enum: ["a", "b", "c", "d", "e", "f"] },
      any: { anyOf: [{ type: "string", maxLength: 3 }, { type: "integer" }, { type: "boolean" }] },
      one: { oneOf: [{ type: "string" }, { type: "null" }, { type: "array", items: { type: "integer" } }] },
    },
  };
  const rs = records(schema, 1000) as { e: string; any: unknown; one: unknown }[];
  assert.equal(new Set(rs.map((r) => r.e)).size, 6);
  assert.deepEqual(new Set(rs.map((r) => typeof r.any)), new Set(["string", "number", "boolean"]));
  const kinds = new Set(rs.map((r) => (r.one === null ? "null" : Array.isArray(r.one) ? "array" : typeof r.one)));
  assert.deepEqual(kinds, new Set(["string", "null", "array"]));
});

test("optional properties appear with the documented probability (0.9)", () => {
  const schema = { type: "object", properties: { opt: { type: "integer" } } };
  const rs = records(schema, 2000) as Record<string, unknown>[];
  const share = rs.filter((r) => "opt" in r).length / rs.length;
  assert.ok(share > 0.87 && share < 0.93, `share ${share}`);
});

test("a schema without type produces the type its keywords talk about", () => {
  const objects = records({ properties: { a: { type: "string" } }, required: ["a"] }, 200);
  assert.ok(objects.every((v) => typeof v === "object" && v !== null && !Array.isArray(v)));
  const arrays = records({ items: { type: "integer" }, minItems: 1 }, 200);
  assert.ok(arrays.every(Array.isArray));
  const strings = records({ minLength: 3, maxLength: 8 }, 200);
  assert.ok(strings.every((v) => typeof v === "string"));
  const numbers = records({ minimum: 5, maximum: 9 }, 200);
  assert.ok(numbers.every((v) => typeof v === "number" && v >= 5 && v <= 9));
});

test("string lengths, array lengths and numbers spread over their ranges", () => {
  const schema = {
    type: "object",
    required: ["s", "a", "n"],
    properties: {
      s: { type: "string", minLength: 2, maxLength: 12 },
      a: { type: "array", items: { type: "integer" }, minItems: 1, maxItems: 6 },
      n: { type: "integer", minimum: -50, maximum: 50 },
    },
  };
  const rs = records(schema, 1000) as { s: string; a: unknown[]; n: number }[];
  assert.equal(new Set(rs.map((r) => r.s.length)).size, 11);
  assert.equal(new Set(rs.map((r) => r.a.length)).size, 6);
  assert.ok(new Set(rs.map((r) => r.n)).size > 90);
});

test("realistic strings by property name, on reserved domains", () => {
  const schema = {
    type: "object",
    required: ["email", "first_name", "city"],
    properties: { email: { type: "string", format: "email" }, first_name: { type: "string" }, city: { type: "string" } },
  };
  const rs = records(schema, 100) as { email: string; first_name: string; city: string }[];
  for (const r of rs) {
    assert.match(r.email, /@([a-z0-9-]+\.)*(example\.(com|org|net)|[a-z0-9-]+\.(example|test))$/);
    assert.match(r.first_name, /^[A-Z][a-z]+/);
  }
  assert.ok(new Set(rs.map((r) => r.city)).size > 10);
});

test("$ref forms resolve: $defs, definitions, $anchor, $id-relative, other files, recursion", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "specmint-refs-"));
  writeFileSync(path.join(dir, "money.json"), JSON.stringify({ $defs: { cents: { type: "integer", minimum: 1, maximum: 99 } } }));
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://example.com/root.json",
    type: "object",
    required: ["a", "b", "c", "d", "tree"],
    properties: {
      a: { $ref: "#/$defs/short" },
      b: { $ref: "#named" },
      c: { $ref: "https://example.com/other.json" },
      d: { $ref: "money.json#/$defs/cents" },
      tree: { $ref: "#/$defs/node" },
    },
    $defs: {
      short: { type: "string", maxLength: 3 },
      named: { $anchor: "named", const: 7 },
      other: { $id: "https://example.com/other.json", type: "boolean" },
      node: {
        type: "object",
        required: ["value"],
        properties: { value: { type: "integer" }, children: { type: "array", items: { $ref: "#/$defs/node" }, maxItems: 3 } },
      },
    },
  };
  // File refs resolve next to the schema file.
  const file = path.join(dir, "root.schema.json");
  const withFileRef = { ...schema, $id: undefined };
  writeFileSync(file, JSON.stringify(withFileRef));
  const g = new Generator(loadSchemaFile(file), { seed: 3 });
  const ajv = createAjv("2020-12");
  ajv.addSchema({ $id: `file://${dir}/money.json`, $defs: { cents: { type: "integer", minimum: 1, maximum: 99 } } });
  for (let i = 1; i <= 100; i++) {
    const r = g.record(i) as { a: string; b: number; c: boolean; d: number; tree: unknown };
    assert.ok(r.a.length <= 3);
    assert.equal(r.b, 7);
    assert.equal(typeof r.c, "boolean");
    assert.ok(Number.isInteger(r.d) && r.d >= 1 && r.d <= 99);
  }
});

test("a recursive schema that requires nesting on every path is reported, not looped", () => {
  const schema = { $defs: { n: { type: "object", required: ["next"], properties: { next: { $ref: "#/$defs/n" } } } }, $ref: "#/$defs/n" };
  assert.throws(
    () => gen(schema).record(1),
    (e: unknown) => e instanceof SpecMintError && e.kind === "schema",
  );
});

test("an unsatisfiable node is named with its pointer and line:column", () => {
  const text = `{
  "type": "object",
  "required": ["ok", "bad"],
  "properties": {
    "ok": { "type": "string" },
    "bad": { "type": "integer", "minimum": 10, "maximum": 5 }
  }
}`;
  const g = new Generator(loadSchemaText(text, "/tmp/x.schema.json"), { seed: 1 });
  assert.throws(
    () => g.record(1),
    (e: unknown) => {
      assert.ok(e instanceof SpecMintError);
      assert.equal(e.kind, "schema");
      assert.equal(e.location.pointer, "/properties/bad");
      assert.equal(e.location.line, 6);
      assert.equal(e.location.column, 5);
      return true;
    },
  );
});

test("oneOf yields values matching exactly one branch; not and if/then/else hold", () => {
  const schema = {
    type: "object",
    required: ["x", "y", "z"],
    properties: {
      x: {
        oneOf: [
          { type: "integer", multipleOf: 2 },
          { type: "integer", multipleOf: 3 },
        ],
      },
      y: { type: "string", not: { enum: ["a", "b"] }, maxLength: 1 },
      z: {
        if: { properties: { kind: { const: "a" } } },
        then: { required: ["alpha"] },
        else: { required: ["beta"] },
        type: "object",
        properties: { kind: { enum: ["a", "b"] } },
        required: ["kind"],
      },
    },
  };
  const rs = records(schema, 300) as { x: number; y: string; z: Record<string, unknown> }[];
  for (const r of rs) {
    assert.ok((r.x % 2 === 0) !== (r.x % 3 === 0), `x=${r.x}`);
    assert.ok(r.y !== "a" && r.y !== "b");
    assert.ok(r.z.kind === "a" ? "alpha" in r.z : "beta" in r.z);
  }
});

test("arrays without maxItems still vary in length", () => {
  const rs = records({ type: "array", items: { type: "integer" } }, 300) as unknown[][];
  const lengths = new Set(rs.map((r) => r.length));
  assert.ok(lengths.size >= 5, `lengths seen: ${[...lengths].join(",")}`);
});

test("an unresolved $ref is named at the reference, not at the root", () => {
  const text = `{
  "type": "object",
  "properties": {
    "a": { "$ref": "#/$defs/missing" }
  }
}`;
  assert.throws(
    () => new Generator(loadSchemaText(text, "/tmp/refs.schema.json"), { seed: 1 }),
    (e: unknown) => {
      assert.ok(e instanceof SpecMintError);
      assert.equal(e.kind, "schema");
      assert.equal(e.location.pointer, "/properties/a/$ref");
      assert.equal(e.location.line, 4);
      assert.match(e.message, /#\/\$defs\/missing/);
      return true;
    },
  );
});

test("a pattern that realistic values fit keeps them: a two-letter state field gets state codes", () => {
  const codes = new Set(Object.keys(US_STATES));
  const schema = {
    type: "object",
    required: ["state", "code"],
    properties: { state: { type: "string", pattern: "^[A-Z]{2}$" }, code: { type: "string", pattern: "^[A-Z]{2}$" } },
  };
  const rs = records(schema, 300) as { state: string; code: string }[];
  assert.ok(
    rs.every((r) => codes.has(r.state)),
    "every state is a real code",
  );
  // A name that means nothing keeps drawing from the pattern alone.
  assert.ok(rs.filter((r) => !codes.has(r.code)).length > 100);
});

test("locations inside arrays of schemas have line:column", () => {
  const text = `{
  "allOf": [
    { "type": "object" },
    { "required": ["x"] }
  ]
}`;
  const loaded = loadSchemaText(text, "/tmp/arr.schema.json");
  assert.deepEqual({ ...loaded.locate("/allOf/1") }, { file: "/tmp/arr.schema.json", pointer: "/allOf/1", line: 4, column: 5 });
});

test("a schema that is only a reference to itself is a schema error, not a crash", () => {
  assert.throws(
    () => gen({ $ref: "#" }).record(1),
    (e: unknown) => e instanceof SpecMintError && e.kind === "schema",
  );
});

test("property names of any spelling come out as own properties, in declaration order", () => {
  // Objects are built by code compiled per shape (core/objectBuilder.ts): names must reach it as data.
  const names = ['a"b', "x\\y", "\u2028", "</script>", "${x}", "0", "constructor", "__proto__", "toString", "", "é🙂"];
  const properties = Object.fromEntries(names.map((n, k) => [n, { const: k }]));
  const schema = { type: "object", properties, required: names.filter((_, k) => k % 2 === 0), additionalProperties: false };
  const validate = createAjv("2020-12").compile(schema);
  let optionalSeen = 0;
  for (const r of records(schema, 200) as Record<string, unknown>[]) {
    assert.ok(validate(r), JSON.stringify(validate.errors));
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
    const own = Object.keys(r);
    // Own keys keep declaration order, except that integer-like keys ("0") come first in JavaScript.
    const expected = names.filter((n) => Object.prototype.hasOwnProperty.call(r, n));
    assert.deepEqual(own, [...expected.filter((n) => n === "0"), ...expected.filter((n) => n !== "0")]);
    for (const n of own) assert.equal(r[n], names.indexOf(n));
    optionalSeen += own.length - Math.ceil(names.length / 2);
  }
  assert.ok(optionalSeen > 600 && optionalSeen < 1200, `optional properties present ${optionalSeen} times of 1,000`);
});

test("a required property that can have no value fails the object at that property", () => {
  const schema = {
    type: "object",
    properties: { a: { type: "string" }, b: { type: "string", minLength: 3, maxLength: 2 } },
    required: ["a", "b"],
  };
  assert.throws(
    () => gen(schema).record(1),
    (e: unknown) =>
      e instanceof SpecMintError && /properties\/b/.test(e.message) && /minLength 3 is greater than maxLength 2/.test(e.message),
  );
});

test("a subschema ajv cannot compile that the root's compilation never saw (prefixItems under draft-04) is a schema error at it (issue 12, found by test/fuzz)", () => {
  const schema = {
    $schema: "http://json-schema.org/draft-04/schema#",
    prefixItems: [{ properties: {}, required: ["a"], propertyNames: { properties: { "": { type: "nope" } }, required: [] } }],
  };
  assert.throws(
    () => {
      const g = gen(schema, 0);
      for (let i = 1; i <= 3; i++) g.record(i);
    },
    (e: unknown) =>
      e instanceof SpecMintError &&
      e.kind === "schema" &&
      e.location.pointer === "/prefixItems/0/propertyNames" &&
      /cannot be compiled: type must be JSONType/.test(e.message),
  );
});

test("a root with $id is checked against its meta-schema like one without (issue 12, found by test/fuzz)", () => {
  for (const [schema, why] of [
    [{ $id: "https://example.com/s.json", anyOf: [] }, /anyOf must NOT have fewer than 1 items/],
    [{ $id: "https://example.com/s.json", minLength: -1 }, /minLength must be >= 0/],
  ] as const) {
    assert.throws(
      () => gen(schema).record(1),
      (e: unknown) => e instanceof SpecMintError && e.kind === "schema" && why.test(e.message),
    );
  }
  // Its own $id still resolves.
  const ok = gen({
    $id: "https://example.com/s.json",
    type: "object",
    properties: { a: { $ref: "https://example.com/s.json#/$defs/x" } },
    required: ["a"],
    $defs: { x: { const: 3 } },
  });
  assert.deepEqual(ok.record(1), { a: 3 });
});

test('a property name with half a surrogate pair is a schema error at that property, not ajv\'s bare "URI malformed"', () => {
  for (const name of ["\ud800", "a\udc00b"]) {
    const schema = { type: "object", properties: { ok: { type: "string" }, [name]: { type: "string" } }, required: [name] };
    assert.throws(
      () => gen(schema),
      (e: unknown) =>
        e instanceof SpecMintError &&
        e.kind === "schema" &&
        e.location.pointer === `/properties/${name}` &&
        /half of a UTF-16 surrogate pair, which is not Unicode text and has no URI form/.test(e.message),
    );
  }
  // A whole pair (an emoji) is an ordinary name.
  assert.deepEqual(
    Object.keys(gen({ type: "object", properties: { "\ud83d\ude00": { const: 1 } }, required: ["\ud83d\ude00"] }).record(1) as object),
    ["\ud83d\ude00"],
  );
});
