// Bounded work (issue 12), in process: each stage that follows its input ends at its own limit with
// a LimitError that names the limit and the node, within a fraction of a second, and a raised
// limit lets the same input through.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadSchemaText } from "../../core/schema/load";
import { Generator } from "../../core/engine/generator";
import { compileSchemaValidator } from "../../core/engine/validator";
import { LimitError } from "../../core/base/limits";
import { SpecMintError } from "../../core/base/errors";
import { parseRule } from "../../core/rules/parser";
import { RuleLimitError } from "../../core/rules/lexer";
import { RuleSet } from "../../core/rules/ruleset";
import { readDataset } from "../../core/validate/dataset";
import { StatsBuilder } from "../../core/validate/inspect";
import { Compiler } from "../../core/plan/compiler";
import { DEFAULT_OPTIONS, newCtx } from "../../core/plan/options";
import { recordKey } from "../../core/base/rng";
import { DEFAULT_LIMITS, WORK_LIMITS, resolveLimits } from "../../common/settings";
import { normalizeSettings } from "../../server/settings";

const ROOT = path.resolve(__dirname, "..", "..");

/** Runs `f`, expecting a LimitError of `limit`; returns it. Also checks it came fast. */
function refused(limit: string, f: () => unknown): LimitError {
  const started = performance.now();
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - started;
  assert.ok(error instanceof LimitError, `expected a LimitError, got ${String(error)}`);
  assert.equal(error.limit, limit);
  assert.equal(error.kind, "schema");
  assert.match(error.message, new RegExp(`the ${limit} limit of [\\d,]+; to allow it, raise the limit: --limit ${limit}=N`));
  assert.ok(ms < 2_000, `took ${ms} ms`);
  return error;
}

test("depth: a 10,000-deep document is refused by its nesting before the recursive parser runs", () => {
  const text = '{"type":"array","items":'.repeat(10_000) + "{}" + "}".repeat(10_000);
  const e = refused("depth", () => loadSchemaText(text, "/x/deep.json"));
  assert.match(e.message, /the schema nests 10,001 deep/);
  assert.equal(e.location.file, "/x/deep.json");
  assert.equal(e.location.pointer, "/items".repeat(128));
  assert.equal(e.location.line, 1);
  assert.equal(e.location.column, 1 + 24 * 128);
  // Broken JSON that is deep is still "too deep", not a crash.
  refused("depth", () => loadSchemaText("[".repeat(50_000), undefined));
  // Raised: a document 150 deep loads.
  const mid = `{"x-data":${"[".repeat(150)}${"]".repeat(150)}}`;
  refused("depth", () => loadSchemaText(mid, undefined));
  assert.equal(loadSchemaText(mid, undefined, { limits: { depth: 200 } }).limits.depth, 200);
});

test("enum-size, subschemas, properties: counted on tokens where the schema keyword is, not in data", () => {
  const big = (n: number) => Array.from({ length: n }, (_, k) => k);
  const e = refused("enum-size", () => loadSchemaText(JSON.stringify({ properties: { a: { enum: big(10_001) } } }), undefined));
  assert.equal(e.location.pointer, "/properties/a/enum");
  assert.match(e.message, /`enum` has 10,001 values/);
  // An array called "enum" inside a `default` is data: not counted.
  loadSchemaText(JSON.stringify({ default: { enum: big(20_000) } }), undefined);
  assert.equal(loadSchemaText(JSON.stringify({ enum: big(10_001) }), undefined, { limits: { "enum-size": 20_000 } }).draft, "2020-12");
  const all = refused("subschemas", () => loadSchemaText(JSON.stringify({ anyOf: big(1_001).map(() => ({})) }), undefined));
  assert.equal(all.location.pointer, "/anyOf");
  const props = Object.fromEntries(big(1_001).map((k) => [`p${k}`, {}]));
  assert.equal(refused("properties", () => loadSchemaText(JSON.stringify({ $defs: props }), undefined)).location.pointer, "/$defs");
  // `properties` as a property name inside a map is a schema, not a map.
  loadSchemaText(JSON.stringify({ properties: { properties: { type: "string" } } }), undefined);
});

test("schema-nodes: the schema objects of a schema and the files it references add up", () => {
  const files: Record<string, string> = {
    "/s/main.json": JSON.stringify({ properties: { a: { $ref: "other.json" }, b: {}, c: {} } }),
    "/s/other.json": JSON.stringify({ properties: { x: {}, y: {}, z: {} } }),
  };
  const readFile = (f: string) => files[f] ?? fs.readFileSync(f, "utf8");
  const e = refused("schema-nodes", () =>
    loadSchemaText(files["/s/main.json"], "/s/main.json", { readFile, limits: { "schema-nodes": 6 } }),
  );
  assert.equal(e.location.file, "/s/other.json");
  assert.equal(loadSchemaText(files["/s/main.json"], "/s/main.json", { readFile, limits: { "schema-nodes": 8 } }).documents.length, 2);
});

test("rule-length and rule-depth: refused before tokens, while parsing and on the tree; the engine refuses the schema", () => {
  const long = parseRule("a > " + "1+".repeat(500_000) + "1");
  assert.ok(!long.ok && long.error instanceof RuleLimitError && long.error.limit === "rule-length");
  const parens = parseRule("(".repeat(10_000) + "a" + ")".repeat(10_000), { "rule-length": 100_000, "rule-depth": 100 });
  assert.ok(!parens.ok && parens.error instanceof RuleLimitError && parens.error.limit === "rule-depth");
  const nots = parseRule("not ".repeat(2_000) + "a", { "rule-length": 100_000, "rule-depth": 100 });
  assert.ok(!nots.ok && nots.error instanceof RuleLimitError);
  const sum = "a > " + "a+".repeat(150) + "1";
  const tree = parseRule(sum);
  assert.ok(!tree.ok && tree.error instanceof RuleLimitError && tree.error.limit === "rule-depth");
  assert.ok(parseRule(sum, { "rule-length": 10_000, "rule-depth": 200 }).ok);
  assert.ok(parseRule("(a + b) * 2 > c and not (d == 1)").ok);

  const schema = { type: "object", properties: { a: { type: "integer" } }, "x-cross-field-rules": [{ rule: sum }] };
  const text = JSON.stringify(schema, null, 2);
  const e = refused("rule-depth", () => new Generator(loadSchemaText(text, "/r/rules.json"), { seed: 1 }));
  assert.match(e.message, /^cross-field rule 1: the rule nests more than 100 deep/);
  assert.equal(e.location.pointer, "/x-cross-field-rules/0/rule");
  assert.equal(e.location.file, "/r/rules.json");
  // The editor (strictRules false) gets a finding on the rule instead.
  const loaded = loadSchemaText(text, "/r/rules.json");
  const rules = new RuleSet(loaded, compileSchemaValidator(loaded), "2026-01-01T00:00:00Z");
  assert.ok(rules.findings().some((f) => f.code === "rule-limit" && f.severity === "error"));
  const raised = new Generator(loadSchemaText(text, "/r/rules.json", { limits: { "rule-depth": 200 } }), { seed: 1 });
  assert.equal(typeof raised.record(1), "object");
});

test("string-length, items, object-properties: a minimum above a cap is refused before anything is made", () => {
  const gen = (schema: unknown, limits = {}) => new Generator(loadSchemaText(JSON.stringify(schema), "/c/s.json", { limits }), { seed: 1 });
  assert.equal(refused("string-length", () => gen({ type: "string", minLength: 1e9 })).location.pointer, "/minLength");
  assert.equal(refused("items", () => gen({ properties: { a: { minItems: 1e6 } } })).location.pointer, "/properties/a/minItems");
  refused("items", () => gen({ contains: {}, minContains: 200_000 }));
  refused("object-properties", () => gen({ minProperties: 1e6 }));
  // Under `not` a minimum makes no value: not refused.
  gen({ type: "string", not: { minLength: 1e9 } });
  assert.equal((gen({ type: "string", minLength: 20 }, { "string-length": 30 }).record(1) as string).length >= 20, true);
  refused("string-length", () => gen({ type: "string", minLength: 20 }, { "string-length": 10 }));
});

test("a $ref cycle is named with its chain before ajv; recursion through properties is not one", () => {
  const files: Record<string, string> = {
    "/c/a.json": JSON.stringify({ $ref: "b.json" }),
    "/c/b.json": JSON.stringify({ $ref: "c.json#" }),
    "/c/c.json": JSON.stringify({ $ref: "a.json" }),
  };
  const loaded = loadSchemaText(files["/c/a.json"], "/c/a.json", { readFile: (f) => files[f] });
  assert.throws(
    () => compileSchemaValidator(loaded),
    (e: unknown) =>
      e instanceof SpecMintError && e.kind === "schema" && /a \$ref cycle: a\.json# → b\.json# → c\.json# → a\.json#/.test(e.message),
  );
  const tree = loadSchemaText(JSON.stringify({ type: "object", properties: { child: { $ref: "#" } } }), undefined);
  compileSchemaValidator(tree);
});

test("records: a 10,000-deep record is refused by depth when read; statistics walk records without recursion", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-limits-"));
  const file = path.join(dir, "deep.jsonl");
  fs.writeFileSync(file, '{"a":1}\n' + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
  const e = refused("depth", () => readDataset(file));
  assert.equal(e.location.line, 2);
  assert.match(e.message, /the record at .*deep\.jsonl:2 nests 10,000 deep/);
  assert.throws(() => readDataset(file, resolveLimits({ depth: 256 })), LimitError, "raised within its maximum, still too deep");
  // The statistics of a record deeper than any stack, and their order as a recursive walk gives it.
  let deep: unknown = 1;
  for (let k = 0; k < 5_000; k++) deep = [deep];
  const deepStats = new StatsBuilder();
  deepStats.add(deep);
  assert.equal(deepStats.build().fields.length, 5_000);
  const b = new StatsBuilder();
  b.add({ z: 1, a: { y: [1, { q: 2 }], b: "x" } });
  assert.deepEqual(
    b.build().fields.map((f) => f.path),
    ["/z", "/a", "/a/y", "/a/y/*", "/a/y/*/q", "/a/b"],
  );
});

test("string-length also bounds the lengths drawn under a huge maxLength (found by test/fuzz: maxLength 1e9 alone ran for minutes)", () => {
  const gen = (schema: unknown, limits = {}) => new Generator(loadSchemaText(JSON.stringify(schema), "/c/s.json", { limits }), { seed: 1 });
  for (const schema of [
    { type: "string", maxLength: 1e9 },
    { type: "string", maxLength: 2 ** 53, pattern: "^a*$" },
  ]) {
    const g = gen(schema, { "string-length": 5_000 });
    const started = performance.now();
    const lengths = [1, 2, 3, 4, 5, 6].map((i) => (g.record(i) as string).length);
    assert.ok(performance.now() - started < 2_000);
    assert.ok(Math.max(...lengths) <= 5_000, `lengths ${lengths.join(", ")}`);
  }
  // At or below the limit the draw is the one it always was: record i is the same as without a limit set.
  const ordinary = { type: "string", maxLength: 40 };
  assert.deepEqual(
    [1, 2, 3].map((i) => gen(ordinary, { "string-length": 40 }).record(i)),
    [1, 2, 3].map((i) => gen(ordinary).record(i)),
  );
});

test("budget exhaustion says what ran out, not that the schema nests", () => {
  const loaded = loadSchemaText(JSON.stringify({ type: "array", minItems: 50, items: { type: "string" } }), undefined);
  const compiler = new Compiler(loaded, compileSchemaValidator(loaded), { ...DEFAULT_OPTIONS, seed: 1 });
  const ctx = newCtx(0, 10);
  compiler.plan([loaded.main.root]).gen(recordKey(1, 1), ctx);
  assert.match(ctx.failure?.why ?? "", /a record needs more than [\d,]+ values \(the generation budget of one record attempt\)/);
  assert.doesNotMatch(ctx.failure?.why ?? "", /nests/);
});

test("the limits table: defaults above the corpus maxima, the editor setting and package.json agree", () => {
  for (const l of WORK_LIMITS) {
    assert.equal(DEFAULT_LIMITS[l.name], l.default);
    if (l.corpusMax !== undefined) assert.ok(l.default > l.corpusMax, `${l.name}: ${l.default} > ${l.corpusMax}`);
    if (l.max !== undefined) assert.ok(l.max >= l.default);
  }
  assert.deepEqual(normalizeSettings({ limits: { "enum-size": 50_000, depth: 10_000, nope: 3, items: "x" } }).limits, {
    "enum-size": 50_000,
  });
  assert.deepEqual(resolveLimits({ depth: 9_999 }).depth, DEFAULT_LIMITS.depth, "beyond its maximum: the default");
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    contributes: {
      configuration: { properties: Record<string, { properties: Record<string, { maximum?: number; description: string }> }> };
    };
  };
  const setting = pkg.contributes.configuration.properties["specmint.limits"];
  assert.deepEqual(
    Object.keys(setting.properties),
    WORK_LIMITS.map((l) => l.name),
  );
  for (const l of WORK_LIMITS) {
    assert.equal(setting.properties[l.name].maximum, l.max);
    assert.match(setting.properties[l.name].description, new RegExp(`default ${l.default}$`));
  }
});
