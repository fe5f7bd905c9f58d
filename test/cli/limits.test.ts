// Bounded work (issue 12): every class of hostile input ends early through the real CLI with exit 2,
// naming the limit, the node (file#pointer line:column) and how to raise it, within a second; and
// the limit can be raised with --limit NAME=N and with [limits] in specmint.toml.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { assertBuilt, runCli, tempDir, writeSchema, USER_SCHEMA } from "./helpers";

/** Generous for a loaded CI machine; each case takes about 0.2 s here. */
const FAST_MS = 5_000;

let runs = 0;

function generate(dir: string, file: string, ...extra: string[]) {
  const started = performance.now();
  const out = path.join(dir, `out-${++runs}`);
  const r = runCli(["generate", "--schema", file, "--out", out, "--count", "2", ...extra], { cwd: dir });
  return { ...r, ms: performance.now() - started };
}

function assertRefused(r: ReturnType<typeof generate>, limit: string, pointer: RegExp): void {
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`the ${limit} limit of`));
  assert.match(r.stderr, new RegExp(`--limit ${limit}=N`));
  assert.match(r.stderr, /\[limits\] in specmint\.toml/);
  assert.match(r.stderr, pointer);
  assert.doesNotMatch(r.stderr, /internal error|Maximum call stack/);
  assert.ok(r.ms < FAST_MS, `took ${r.ms} ms`);
}

/** `{"items": {"items": … {"type": "string"}}}`, n levels. */
function nestedArrays(n: number): string {
  return '{"type":"array","items":'.repeat(n) + '{"type":"string"}' + "}".repeat(n);
}

test("depth: a 10,000-deep schema is refused by its nesting, not a stack overflow or a syntax error", () => {
  assertBuilt();
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "deep.json"), nestedArrays(10_000));
  fs.writeFileSync(
    path.join(dir, "props.json"),
    '{"type":"object","properties":{"a":'.repeat(10_000) + '{"type":"string"}' + "}}".repeat(10_000),
  );
  const r = generate(dir, "deep.json");
  assertRefused(r, "depth", /deep\.json#\/items\/items\/items.* 1:\d+/);
  assert.match(r.stderr, /the schema nests 10,001 deep/);
  assertRefused(generate(dir, "props.json"), "depth", /props\.json#\/properties\/a\/properties\/a/);
});

test("depth: raised with --limit and with [limits] in specmint.toml", () => {
  const dir = tempDir();
  // 150 levels of data in an annotation: deeper than the default 128, nothing else about it is large.
  const doc = `{"type":"string","x-notes":${"[".repeat(150)}1${"]".repeat(150)}}`;
  fs.writeFileSync(path.join(dir, "notes.json"), doc);
  assertRefused(generate(dir, "notes.json"), "depth", /notes\.json#\/x-notes\/0\/0/);
  assert.equal(generate(dir, "notes.json", "--limit", "depth=200").status, 0);
  fs.writeFileSync(path.join(dir, "specmint.toml"), "[limits]\ndepth = 200\n");
  assert.equal(generate(dir, "notes.json").status, 0);
  // A flag wins over the file, name by name.
  assertRefused(generate(dir, "notes.json", "--limit", "depth=140"), "depth", /notes\.json/);
});

test("enum-size: an enum of 1,000,000 values is refused at once; raised, a large one is generated", () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "enum.json"), JSON.stringify({ enum: Array.from({ length: 1_000_000 }, (_, k) => `v${k}`) }));
  const r = generate(dir, "enum.json");
  assertRefused(r, "enum-size", /enum\.json#\/enum 1:2/);
  assert.match(r.stderr, /`enum` has 1,000,000 values/);
  fs.writeFileSync(path.join(dir, "enum12k.json"), JSON.stringify({ enum: Array.from({ length: 12_000 }, (_, k) => k) }));
  assertRefused(generate(dir, "enum12k.json"), "enum-size", /enum12k\.json#\/enum/);
  fs.writeFileSync(path.join(dir, "specmint.toml"), '[limits]\n"enum-size" = 20_000\n');
  assert.equal(generate(dir, "enum12k.json").status, 0);
});

test("subschemas and properties: allOf of 100,000 and a map of 2,000 properties are refused before the validator is compiled", () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "allof.json"), JSON.stringify({ allOf: Array.from({ length: 100_000 }, () => ({ type: "object" })) }));
  const r = generate(dir, "allof.json");
  assertRefused(r, "subschemas", /allof\.json#\/allOf 1:2/);
  assert.match(r.stderr, /`allOf` has 100,000 schemas/);
  assert.match(r.stderr, /at most 1,500/);
  const props = Object.fromEntries(Array.from({ length: 1_200 }, (_, k) => [`p${k}`, { type: "integer" }]));
  fs.writeFileSync(path.join(dir, "props.json"), JSON.stringify({ type: "object", properties: props }));
  assertRefused(generate(dir, "props.json"), "properties", /props\.json#\/properties/);
  assert.equal(generate(dir, "props.json", "--limit", "properties=1500").status, 0);
});

test("schema-nodes: counted over the schema and the files it references", () => {
  const dir = tempDir();
  writeSchema(dir);
  assertRefused(generate(dir, "user.schema.json", "--limit", "schema-nodes=3"), "schema-nodes", /user\.schema\.json#\//);
  assert.equal(generate(dir, "user.schema.json").status, 0);
  assert.ok(Object.keys(USER_SCHEMA).length > 0);
});

test("rule-length and rule-depth: a 1 MB rule and a rule of 10,000 parentheses end early, at the rule", () => {
  const dir = tempDir();
  const withRule = (rule: string) => ({ type: "object", properties: { a: { type: "integer" } }, "x-cross-field-rules": [{ rule }] });
  fs.writeFileSync(path.join(dir, "long.json"), JSON.stringify(withRule("a > " + "1+".repeat(500_000) + "1")));
  fs.writeFileSync(path.join(dir, "parens.json"), JSON.stringify(withRule("(".repeat(10_000) + "a" + ")".repeat(10_000) + " > 0")));
  fs.writeFileSync(path.join(dir, "sum.json"), JSON.stringify(withRule("a > " + "a+".repeat(150) + "1")));
  const long = generate(dir, "long.json");
  assertRefused(long, "rule-length", /long\.json#\/x-cross-field-rules\/0\/rule 1:\d+/);
  assert.match(long.stderr, /cross-field rule 1: the rule is 1,000,005 characters long/);
  const parens = generate(dir, "parens.json", "--limit", "rule-length=30000");
  assertRefused(parens, "rule-depth", /parens\.json#\/x-cross-field-rules\/0\/rule/);
  // A long sum nests the tree, not the parser: refused by depth too, and allowed when raised.
  assertRefused(generate(dir, "sum.json"), "rule-depth", /sum\.json/);
  assert.equal(generate(dir, "sum.json", "--limit", "rule-depth=200").status, 0);
});

test("string-length, items, object-properties: a minimum above a generation cap is refused before generating", () => {
  const dir = tempDir();
  const cases: [string, unknown, string, RegExp][] = [
    ["minlength.json", { type: "string", minLength: 1e9 }, "string-length", /minlength\.json#\/minLength/],
    ["minitems.json", { type: "array", minItems: 1e7 }, "items", /minitems\.json#\/minItems/],
    ["mincontains.json", { type: "array", contains: { type: "integer" }, minContains: 1e6 }, "items", /mincontains\.json#\/minContains/],
    ["minprops.json", { type: "object", minProperties: 1e6 }, "object-properties", /minprops\.json#\/minProperties/],
    [
      "nested.json",
      { type: "object", required: ["a"], properties: { a: { type: "string", minLength: 2_000_000 } } },
      "string-length",
      /nested\.json#\/properties\/a\/minLength/,
    ],
  ];
  for (const [name, schema, limit, pointer] of cases) {
    fs.writeFileSync(path.join(dir, name), JSON.stringify(schema));
    const r = generate(dir, name);
    assertRefused(r, limit, pointer);
  }
  // Lowered and raised: the flag over the config file.
  fs.writeFileSync(path.join(dir, "twenty.json"), JSON.stringify({ type: "string", minLength: 20 }));
  fs.writeFileSync(path.join(dir, "specmint.toml"), "[limits]\nstring-length = 10\n");
  assertRefused(generate(dir, "twenty.json"), "string-length", /twenty\.json#\/minLength/);
  assert.equal(generate(dir, "twenty.json", "--limit", "string-length=30").status, 0);
});

test("a $ref cycle across files is named, with its chain", () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "a.json"), JSON.stringify({ $ref: "b.json" }));
  fs.writeFileSync(path.join(dir, "b.json"), JSON.stringify({ $ref: "c.json" }));
  fs.writeFileSync(path.join(dir, "c.json"), JSON.stringify({ $ref: "a.json" }));
  const r = generate(dir, "a.json");
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /a \$ref cycle: a\.json# → b\.json# → c\.json# → a\.json#/);
  const v = runCli(["validate", "--schema", "a.json", "--dataset", "d.jsonl"], { cwd: dir });
  assert.equal(v.status, 2, v.stderr);
});

test("a cycle through allOf or anyOf: generate and validate exit 2 naming it and the record (validate overflowed ajv's stack, exit 1)", () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "all.json"), JSON.stringify({ allOf: [{ $ref: "#" }] }));
  fs.writeFileSync(
    path.join(dir, "any.json"),
    JSON.stringify({ anyOf: [{ type: "string" }, { $ref: "#/$defs/again" }], $defs: { again: { $ref: "#" } } }),
  );
  fs.writeFileSync(path.join(dir, "d.jsonl"), '"a"\n1\n');
  const cycles = {
    "all.json": /the schema goes round a cycle: all\.json# → all\.json#\/allOf\/0 → all\.json#: each applies the next to the same value/,
    "any.json": /the schema goes round a cycle: any\.json# → any\.json#\/anyOf\/1 → any\.json#\/\$defs\/again → any\.json#/,
  };
  for (const [file, cycle] of Object.entries(cycles)) {
    const g = generate(dir, file);
    assert.equal(g.status, 2, g.stderr);
    assert.match(g.stderr, cycle);
    const v = runCli(["validate", "--schema", file, "--dataset", "d.jsonl"], { cwd: dir });
    assert.equal(v.status, 2, v.stderr);
    assert.match(v.stderr, /schema error: record 1 \(.*d\.jsonl:1\) cannot be checked: /);
    assert.match(v.stderr, cycle);
    assert.doesNotMatch(v.stderr, /internal error|Maximum call stack/);
  }
});

test("inspect and validate: a 10,000-deep record is refused by the depth limit; raised by --limit or [limits], a deeper record is read", () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "deep.jsonl"), "1\n" + "[".repeat(10_000) + "1" + "]".repeat(10_000) + "\n");
  fs.writeFileSync(path.join(dir, "rec.json"), JSON.stringify({ type: ["array", "integer"] }));
  for (const args of [
    ["inspect", "--dataset", "deep.jsonl"],
    ["inspect", "--schema", "rec.json", "--dataset", "deep.jsonl"],
    ["validate", "--schema", "rec.json", "--dataset", "deep.jsonl"],
  ]) {
    const started = performance.now();
    const r = runCli(args, { cwd: dir });
    assertRefused({ ...r, ms: performance.now() - started }, "depth", /deep\.jsonl#\/0\/0\/0.* 2:\d+/);
    assert.match(r.stderr, /the record at .*deep\.jsonl:2 nests 10,000 deep/);
  }
  fs.writeFileSync(path.join(dir, "mid.jsonl"), "[".repeat(150) + "1" + "]".repeat(150) + "\n");
  assert.equal(runCli(["inspect", "--dataset", "mid.jsonl"], { cwd: dir }).status, 2);
  const raised = runCli(["inspect", "--dataset", "mid.jsonl", "--limit", "depth=200"], { cwd: dir });
  assert.equal(raised.status, 0, raised.stderr);
  // The message names [limits] in specmint.toml: validate and inspect read that table (a flag wins).
  fs.writeFileSync(path.join(dir, "specmint.toml"), "[limits]\ndepth = 200\n");
  for (const args of [
    ["inspect", "--dataset", "mid.jsonl"],
    ["validate", "--schema", "rec.json", "--dataset", "mid.jsonl"],
  ]) {
    const r = runCli(args, { cwd: dir });
    assert.notEqual(r.status, 2, `${args[0]} with [limits] depth = 200: ${r.stderr}`);
    assert.equal(runCli([...args, "--limit", "depth=140"], { cwd: dir }).status, 2, `${args[0]}: --limit wins over [limits]`);
  }
  fs.writeFileSync(path.join(dir, "specmint.toml"), "[limits]\ndepht = 200\n");
  const typo = runCli(["inspect", "--dataset", "mid.jsonl"], { cwd: dir });
  assert.equal(typo.status, 64);
  assert.match(typo.stderr, /specmint\.toml: limits\.depht: unknown limit "depht" \(did you mean depth\?\)/);
});

test("--limit and [limits]: an unknown name or a value out of range is a usage error naming where it came from", () => {
  const dir = tempDir();
  writeSchema(dir);
  const typo = generate(dir, "user.schema.json", "--limit", "enum-sise=5");
  assert.equal(typo.status, 64);
  assert.match(typo.stderr, /--limit enum-sise=5: unknown limit "enum-sise" \(did you mean enum-size\?\)/);
  const over = generate(dir, "user.schema.json", "--limit", "depth=100000");
  assert.equal(over.status, 64);
  assert.match(over.stderr, /from 1 to 256 for depth/);
  assert.equal(generate(dir, "user.schema.json", "--limit", "depth").status, 64);
  assert.equal(runCli(["inspect", "--dataset", "x.jsonl", "--limit", "nope=1"], { cwd: dir }).status, 64);
  fs.writeFileSync(path.join(dir, "specmint.toml"), "[limits]\nitems = 0\n");
  const toml = generate(dir, "user.schema.json");
  assert.equal(toml.status, 64);
  assert.match(toml.stderr, /specmint\.toml: limits\.items/);
});

test("generate --help lists every limit with its default", () => {
  const r = runCli(["generate", "--help"], { cwd: tempDir() });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /--limit NAME=N/);
  for (const [name, def] of [
    ["depth", "128"],
    ["enum-size", "10,000"],
    ["string-length", "1,000,000"],
    ["items", "100,000"],
    ["object-properties", "100,000"],
  ])
    assert.match(r.stdout, new RegExp(`\\n    ${name}\\s+${def}  `));
});
