// x-unique: values unique across a dataset by construction from the record index (a keyed
// permutation mapped into the node's value space), so that any order or sharding of records keeps
// them unique; value spaces too small for the dataset are refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadSchemaText } from "../../core/schema/load";
import { Generator } from "../../core/engine/generator";
import { SpecMintError } from "../../core/base/errors";
import { createAjv } from "../../core/validate/ajv";
import { Permutation } from "../../core/generate/permutation";
import { patternSpace } from "../../core/generate/regex";

test("the Feistel permutation is a bijection of [0, size) for every size, and keyed", () => {
  for (const size of [1, 2, 3, 5, 16, 17, 100, 255, 256, 257, 1000, 4097]) {
    const p = new Permutation(BigInt(size), { hi: 1, lo: 2 });
    const seen = new Set<bigint>();
    for (let x = 0; x < size; x++) {
      const y = p.apply(BigInt(x));
      assert.ok(y >= 0n && y < BigInt(size));
      seen.add(y);
    }
    assert.equal(seen.size, size, `size ${size}`);
  }
  const a = new Permutation(1_000_000n, { hi: 1, lo: 2 });
  const b = new Permutation(1_000_000n, { hi: 1, lo: 3 });
  const ya = Array.from({ length: 20 }, (_, k) => a.apply(BigInt(k)));
  assert.deepEqual(
    ya,
    Array.from({ length: 20 }, (_, k) => new Permutation(1_000_000n, { hi: 1, lo: 2 }).apply(BigInt(k))),
    "deterministic",
  );
  assert.notDeepEqual(
    ya,
    Array.from({ length: 20 }, (_, k) => b.apply(BigInt(k))),
    "another key, another order",
  );
  // Wide domains (more than 52 bits) go through the bigint path.
  const big = new Permutation(2n ** 122n + 12345n, { hi: 7, lo: 9 });
  const out = new Set<bigint>();
  for (let k = 0; k < 5000; k++) {
    const y = big.apply(BigInt(k));
    assert.ok(y < 2n ** 122n + 12345n);
    out.add(y);
  }
  assert.equal(out.size, 5000);
  assert.throws(() => a.apply(1_000_000n), RangeError);
});

test("the n-th string of a pattern: a bijection onto its strings when they are finitely many", () => {
  const sku = patternSpace("^[A-Z]{3}-[0-9]{5}$");
  assert.ok(typeof sku !== "string");
  assert.equal(sku.size, 26n ** 3n * 10n ** 5n);
  assert.equal(sku.nth(0n), "AAA-00000");
  assert.equal(sku.nth(sku.size - 1n), "ZZZ-99999");
  assert.equal(sku.nth(100001n), "AAB-00001");
  const zip = patternSpace("^[0-9]{2}(-[ab])?$");
  assert.ok(typeof zip !== "string");
  assert.equal(zip.size, 100n + 200n);
  const all = new Set<string>();
  for (let n = 0n; n < zip.size; n++) {
    const s = zip.nth(n);
    assert.match(s, /^[0-9]{2}(-[ab])?$/);
    all.add(s);
  }
  assert.equal(all.size, 300);
  const alt = patternSpace("^(RED|BLUE|GRN)-\\d$");
  assert.ok(typeof alt !== "string" && alt.size === 30n);
  // Length bounds select templates.
  const bounded = patternSpace("^[a-c]{1,4}$", 2, 3);
  assert.ok(typeof bounded !== "string" && bounded.size === 9n + 27n);
  // Not enumerable: infinite, ambiguous, lookaround.
  assert.equal(typeof patternSpace("^[a-z]+$"), "string");
  assert.equal(typeof patternSpace("^a?a?$"), "string");
  assert.equal(typeof patternSpace("^(?=a)[a-z]{2}$"), "string");
});

function uniqueRecords(schema: object, n: number, seed = 1, from = 1) {
  const g = new Generator(loadSchemaText(JSON.stringify(schema), undefined), { seed });
  g.assertUniqueCapacity(from + n - 1);
  return Array.from({ length: n }, (_, k) => g.record(from + k) as Record<string, unknown>);
}

const MANY = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["n", "sku", "id", "email", "at", "handle", "price", "lines"],
  properties: {
    n: { type: "integer", minimum: 1, maximum: 1_000_000_000, "x-unique": true },
    sku: { type: "string", pattern: "^[A-Z]{3}-[0-9]{5}$", "x-unique": true },
    id: { type: "string", format: "uuid", "x-unique": true },
    email: { type: "string", format: "email", maxLength: 40, "x-unique": true },
    at: { type: "string", format: "date-time", "x-unique": true },
    handle: { type: "string", minLength: 3, maxLength: 12, "x-unique": true },
    price: { type: "number", minimum: 0, maximum: 1000, multipleOf: 0.01, "x-unique": true },
    lines: {
      type: "array",
      minItems: 0,
      maxItems: 4,
      items: { type: "object", required: ["code"], properties: { code: { type: "string", pattern: "^L[0-9]{6}$", "x-unique": true } } },
    },
  },
};

test("x-unique holds over 10,000 records for integers, patterns, uuids, emails, date-times, strings, numbers, array elements", () => {
  const records = uniqueRecords(MANY, 10_000);
  const validate = createAjv("2020-12").compile(MANY);
  records.forEach((r, k) => assert.ok(validate(r), `record ${k + 1}: ${JSON.stringify(validate.errors)}`));
  for (const field of ["n", "sku", "id", "email", "at", "handle", "price"]) {
    const values = records.map((r) => JSON.stringify(r[field]));
    assert.equal(new Set(values).size, 10_000, `${field} has duplicates`);
  }
  const codes = records.flatMap((r) => (r.lines as { code: string }[]).map((l) => l.code));
  assert.ok(codes.length > 10_000);
  assert.equal(new Set(codes).size, codes.length, "array element codes are unique across records");
  // Values look drawn, not counted: the first integers are spread over the range.
  const firstInts = records.slice(0, 100).map((r) => r.n as number);
  assert.ok(Math.max(...firstInts) - Math.min(...firstInts) > 500_000_000);
  assert.match(records[0].email as string, /\.[0-9a-z]+@/);
});

test("records made in shards, in any order, are still unique (construction from the index, not retries)", () => {
  const schema = { type: "object", required: ["n"], properties: { n: { type: "integer", minimum: 0, maximum: 9_999, "x-unique": true } } };
  const a = uniqueRecords(schema, 5_000, 4, 1);
  const b = uniqueRecords(schema, 5_000, 4, 5_001);
  const all = [...a, ...b].map((r) => r.n as number);
  assert.equal(new Set(all).size, 10_000, "the whole space, each value once");
  // Record 7,777 is the same whether made alone or in sequence.
  const g = new Generator(loadSchemaText(JSON.stringify(schema), undefined), { seed: 4 });
  assert.equal((g.record(7_777) as { n: number }).n, b[7_777 - 5_001].n);
  // Another seed, another assignment.
  const c = uniqueRecords(schema, 50, 5);
  assert.notDeepEqual(
    c.map((r) => r.n),
    a.slice(0, 50).map((r) => r.n),
  );
});

test("a date window holds as many unique dates as it has days", () => {
  const schema = { type: "object", required: ["day"], properties: { day: { type: "string", format: "date", "x-unique": true } } };
  const rs = uniqueRecords(schema, 2_000);
  assert.equal(new Set(rs.map((r) => r.day)).size, 2_000);
  assert.ok(rs.every((r) => (r.day as string) >= "2021-01-01" && (r.day as string) <= "2027-01-01"));
});

test("unique-impossible: a dataset larger than the value space is refused with the node's location", () => {
  const text = `{
  "type": "object",
  "required": ["plan"],
  "properties": {
    "plan": { "enum": ["free", "basic", "pro"], "x-unique": true }
  }
}`;
  const g = new Generator(loadSchemaText(text, "/tmp/plans.schema.json"), { seed: 1 });
  g.assertUniqueCapacity(3);
  assert.deepEqual(new Set([1, 2, 3].map((i) => (g.record(i) as { plan: string }).plan)), new Set(["free", "basic", "pro"]));
  assert.throws(
    () => g.assertUniqueCapacity(4),
    (e: unknown) =>
      e instanceof SpecMintError &&
      e.kind === "schema" &&
      /x-unique at \/plan cannot hold for 4 records: it has only 3 values/.test(e.message) &&
      /unique-impossible/.test(e.message) &&
      e.location.pointer === "/properties/plan/x-unique" &&
      e.location.line === 5,
  );
  assert.throws(
    () => g.record(4),
    (e: unknown) => e instanceof SpecMintError && e.kind === "schema" && /no value left for record 4/.test(e.message),
  );
  // Per element: maxItems values per record.
  const arr = new Generator(
    loadSchemaText(
      JSON.stringify({
        type: "object",
        properties: { xs: { type: "array", maxItems: 10, items: { type: "integer", minimum: 0, maximum: 99, "x-unique": true } } },
      }),
      undefined,
    ),
    { seed: 1 },
  );
  arr.assertUniqueCapacity(10);
  assert.throws(() => arr.assertUniqueCapacity(11), /enough for 10 records/);
});

test("x-unique nodes without a construction are reported, not silently trusted", () => {
  const g = new Generator(
    loadSchemaText(
      JSON.stringify({
        type: "object",
        properties: { u: { type: "string", format: "uri", "x-unique": true }, p: { type: "string", pattern: "^a+$", "x-unique": true } },
      }),
      undefined,
    ),
    { seed: 1 },
  );
  const w = g.warnings().join("\n");
  assert.match(w, /x-unique at \/u is not guaranteed: format "uri" has no unique construction/);
  assert.match(w, /x-unique at \/p is not guaranteed: its pattern is not enumerable/);
});
