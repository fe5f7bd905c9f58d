// `--kind boundary` and coverage in the engine: the items a schema has, boundary records that are
// all valid for a stock ajv and cover every reachable item within twice as many records as there
// are items, the same on every run, and the coverage of a dataset read from its records alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { readdirSync } from "node:fs";
import { loadSchemaFile, loadSchemaText, type LoadedSchema } from "../../core/schema/load";
import { Generator } from "../../core/engine/generator";
import { BoundaryRecords, datasetCoverage } from "../../core/boundary";
import { recordsOfKind } from "../../core/kinds";
import { numberEdge } from "../../core/boundary/numberEdges";
import { stockValidator } from "../support/stockValidator";

const EXAMPLES = path.join(__dirname, "..", "..", "examples");

function load(schema: unknown, draft = "https://json-schema.org/draft/2020-12/schema"): LoadedSchema {
  return loadSchemaText(JSON.stringify({ $schema: draft, ...(schema as object) }, null, 2), undefined);
}

/** The first `n` boundary records through the one door the CLI, server and extension use. */
function boundaryRecords(generator: Generator, n: number): unknown[] {
  const kind = recordsOfKind(generator, "boundary");
  return Array.from({ length: n }, (_, k) => kind.record(k + 1).record);
}

/** Items by "instance keyword edge", for assertions that name them. */
function entryNames(report: ReturnType<typeof datasetCoverage>, status?: string): string[] {
  return report.entries.filter((e) => status === undefined || e.status === status).map((e) => `${e.instance} ${e.keyword} ${e.edge}`);
}

const SMALL = {
  type: "object",
  required: ["age", "plan"],
  properties: {
    age: { type: "integer", minimum: 18, maximum: 120 },
    plan: { enum: ["free", "pro"] },
    score: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1, multipleOf: 0.25 },
    nickname: { type: "string", maxLength: 5 },
    tags: { type: "array", items: { type: "string", pattern: "^[a-z]+$" }, maxItems: 3 },
    contact: { oneOf: [{ type: "string", format: "email" }, { type: "null" }] },
  },
  additionalProperties: false,
};

test("the items of a schema: bounds at and inside, exclusive bounds' outside unreachable, lengths, enum values, branches, optional properties", () => {
  const b = new BoundaryRecords(new Generator(load(SMALL), { seed: 1 }));
  const names = b.items.map((i) => `${i.template} ${i.keyword} ${i.edge}`);
  for (const expected of [
    "/age minimum at 18",
    "/age minimum inside 19",
    "/age maximum at 120",
    "/age maximum inside 119",
    '/plan enum value "free"',
    '/plan enum value "pro"',
    // multipleOf 0.25 inside (0, 1): 0.25 and 0.75 are the values just inside; 0 and 1 are outside.
    "/score exclusiveMinimum outside 0",
    "/score exclusiveMinimum inside 0.25",
    "/score exclusiveMaximum outside 1",
    "/score exclusiveMaximum inside 0.75",
    "/nickname minLength length 0",
    "/nickname maxLength length 5",
    "/nickname type astral text",
    "/nickname type combining text",
    "/nickname type right-to-left text",
    "/tags minItems 0 items",
    "/tags maxItems 3 items",
    "/contact oneOf branch 0",
    "/contact oneOf branch 1",
    "/score properties score absent",
    "/score properties score present",
  ])
    assert.ok(names.includes(expected), `${expected} is an item: ${names.join(" | ")}`);
  // A required property is never absent; a pattern's string has no empty or special-text item.
  assert.ok(!names.some((n) => n.startsWith("/age properties")), names.join(" | "));
  assert.ok(!names.some((n) => n.startsWith("/tags/* type")), names.join(" | "));
  const unreachable = [...b.plan.unreachable.entries()].map(([k, why]) => `${names[k]}: ${why}`);
  assert.deepEqual(
    unreachable.map((u) => u.slice(0, u.indexOf(":"))),
    ["/score exclusiveMinimum outside 0", "/score exclusiveMaximum outside 1"],
  );
  assert.match(unreachable[0], /0 is excluded by exclusiveMinimum: a record holding it is invalid/);
});

test("boundary records are valid for a stock ajv and cover every reachable item, several items per record", () => {
  const generator = new Generator(load(SMALL), { seed: 4 });
  const b = new BoundaryRecords(generator);
  const n = 2 * b.items.length;
  const records = boundaryRecords(generator, n);
  const stock = stockValidator("2020-12").ajv.compile(load(SMALL).main.root as object);
  records.forEach((r, k) => assert.ok(stock(r), `record ${k + 1}: ${JSON.stringify(r)} ${JSON.stringify(stock.errors)}`));
  const report = datasetCoverage(generator, records);
  assert.equal(report.covered, report.reachable, entryNames(report, "missed").join(" | "));
  assert.equal(report.reachable, report.items - 2);
  // Items at different places share records: far fewer records than items.
  assert.ok(report.records_needed <= b.plan.groups.length && b.plan.groups.length < report.reachable / 2, `${b.plan.groups.length} groups`);
  assert.equal(report.records, n);
});

test("if/then/else and anyOf: both sides of the if and every branch are taken, null where the type allows it", () => {
  const schema = {
    type: "object",
    required: ["kind", "size"],
    properties: {
      kind: { enum: ["small", "large"] },
      size: { type: "integer", minimum: 1, maximum: 100 },
      note: { type: ["string", "null"], maxLength: 3 },
      id: {
        anyOf: [
          { type: "integer", minimum: 0 },
          { type: "string", minLength: 2 },
        ],
      },
    },
    if: { properties: { kind: { const: "small" } } },
    then: { properties: { size: { maximum: 10 } } },
    else: { properties: { size: { minimum: 11 } } },
  };
  const generator = new Generator(load(schema), { seed: 2 });
  const b = new BoundaryRecords(generator);
  const report = datasetCoverage(generator, boundaryRecords(generator, 2 * b.items.length));
  const covered = entryNames(report, "covered");
  for (const name of [" if then", " if else", "/id anyOf branch 0", "/id anyOf branch 1", "/note type null", "/note maxLength length 3"])
    assert.ok(covered.includes(name), `${name} covered: ${covered.join(" | ")}`);
  assert.equal(report.covered, report.reachable, entryNames(report, "missed").join(" | "));
});

test("an edge that a cross-field rule forbids is unreachable and says which rule; the others are reached around the rule", () => {
  const schema = {
    type: "object",
    required: ["low", "high"],
    properties: { low: { type: "integer", minimum: 0, maximum: 10 }, high: { type: "integer", minimum: 0, maximum: 10 } },
    "x-cross-field-rules": ["low < high"],
  };
  const generator = new Generator(load(schema), { seed: 1 });
  const b = new BoundaryRecords(generator);
  const report = datasetCoverage(generator, boundaryRecords(generator, 2 * b.items.length));
  const unreachable = report.entries.filter((e) => e.status === "unreachable");
  assert.deepEqual(
    unreachable.map((e) => `${e.instance} ${e.keyword} ${e.edge}`),
    ["/low maximum at 10", "/high minimum at 0"],
  );
  for (const e of unreachable) assert.match(e.reason!, /cross-field rule "low < high"/);
  assert.equal(report.covered, report.reachable, entryNames(report, "missed").join(" | "));
  for (const r of boundaryRecords(generator, 8)) assert.deepEqual(generator.rules!.failing(r), []);
});

test("an enum value of an array's elements under uniqueItems is reached though another element holds it: the two swap", () => {
  // Every valid array holds all three values, so element 0 can take one only by swapping with its holder.
  const schema = { type: "array", items: { enum: ["a", "b", "c"] }, uniqueItems: true, minItems: 3, maxItems: 3 };
  const validate = stockValidator("2020-12").ajv.compile(load(schema).main.root as object);
  for (const seed of [1, 2, 3]) {
    const generator = new Generator(load(schema), { seed });
    const b = new BoundaryRecords(generator);
    const records = boundaryRecords(generator, 2 * b.items.length);
    const report = datasetCoverage(generator, records);
    assert.deepEqual(entryNames(report, "unreachable"), [], `seed ${seed}`);
    assert.equal(report.covered, report.reachable, entryNames(report, "missed").join(" | "));
    for (const r of records) assert.ok(validate(r), JSON.stringify(r));
  }
});

test("number edges sit on the schema's grid: its multipleOf, 1 for an integer, else the bound's last decimal place", () => {
  assert.deepEqual(numberEdge({ multipleOf: 5 }, 1, "min", false), { at: 5, inside: 10 });
  assert.deepEqual(numberEdge({ type: "integer" }, 10.5, "max", false), { at: 10, inside: 9 });
  assert.deepEqual(numberEdge({ type: "integer" }, 3, "min", true), { at: 4, inside: 5 });
  assert.deepEqual(numberEdge({ type: "number" }, 0.01, "min", false), { at: 0.01, inside: 0.02 });
  assert.deepEqual(numberEdge({ multipleOf: 0.25 }, 1, "max", true), { at: 0.75, inside: 0.5 });
  // Exact decimals: no 9905.369999999999.
  assert.deepEqual(numberEdge({ multipleOf: 0.01 }, 9905.37, "max", false), { at: 9905.37, inside: 9905.36 });
  assert.equal(numberEdge({}, "1", "min", false), undefined);
});

test("draft-04's boolean exclusiveMinimum makes minimum exclusive: the bound is unreachable, one step above it is the edge", () => {
  const loaded = load(
    { type: "object", required: ["n"], properties: { n: { type: "number", minimum: 1.5, exclusiveMinimum: true } } },
    "http://json-schema.org/draft-04/schema#",
  );
  const b = new BoundaryRecords(new Generator(loaded, { seed: 1 }));
  const names = b.items.map((i) => `${i.keyword} ${i.edge}${b.plan.unreachable.has(i.index) ? " (unreachable)" : ""}`);
  assert.deepEqual(names, ["minimum outside 1.5 (unreachable)", "minimum inside 1.6"]);
});

test("x-unique values stay unique across a boundary dataset, in elements that items add too; their edges are unreachable, with why", () => {
  const schema = {
    type: "object",
    required: ["code", "ids"],
    properties: {
      code: { type: "integer", minimum: 0, maximum: 100000, "x-unique": true },
      ids: { type: "array", minItems: 1, maxItems: 4, items: { type: "string", minLength: 4, maxLength: 12, "x-unique": true } },
    },
  };
  const generator = new Generator(load(schema), { seed: 3 });
  const b = new BoundaryRecords(generator);
  const records = boundaryRecords(generator, 2 * b.items.length) as { code: number; ids: string[] }[];
  const codes = records.map((r) => r.code);
  const ids = records.flatMap((r) => r.ids);
  assert.equal(new Set(codes).size, codes.length, `duplicate code: ${codes.join(",")}`);
  assert.equal(new Set(ids).size, ids.length, `duplicate id: ${ids.join(",")}`);
  const report = datasetCoverage(generator, records);
  assert.ok(entryNames(report, "covered").includes("/ids maxItems 4 items"), entryNames(report, "covered").join(" | "));
  for (const e of report.entries.filter((x) => x.instance === "/code" || x.instance === "/ids/*")) {
    assert.equal(e.status, "unreachable", `${e.instance} ${e.edge}`);
    assert.match(e.reason!, /x-unique/);
  }
  assert.equal(report.covered, report.reachable, entryNames(report, "missed").join(" | "));
});

test("same seed, same boundary records; record i does not depend on the records made before it", () => {
  const file = path.join(EXAMPLES, "user-profile.schema.json");
  const all = boundaryRecords(new Generator(loadSchemaFile(file), { seed: 7 }), 30).map((r) => JSON.stringify(r));
  assert.deepEqual(
    boundaryRecords(new Generator(loadSchemaFile(file), { seed: 7 }), 30).map((r) => JSON.stringify(r)),
    all,
  );
  const alone = recordsOfKind(new Generator(loadSchemaFile(file), { seed: 7 }), "boundary");
  for (const i of [23, 4, 11]) assert.equal(JSON.stringify(alone.record(i).record), all[i - 1], `record ${i}`);
  const other = boundaryRecords(new Generator(loadSchemaFile(file), { seed: 8 }), 30).map((r) => JSON.stringify(r));
  assert.notDeepEqual(other, all);
});

test("coverage of a hand-made dataset names exactly the items its records hit", () => {
  const generator = new Generator(load(SMALL), { seed: 1 });
  const records = [
    { age: 18, plan: "free" },
    { age: 50, plan: "pro", nickname: "", tags: [] },
    { age: 120, plan: "pro", score: 0.75, contact: null },
  ];
  const report = datasetCoverage(generator, records);
  assert.deepEqual(
    entryNames(report, "covered").sort(),
    [
      "/age minimum at 18",
      "/age maximum at 120",
      '/plan enum value "free"',
      '/plan enum value "pro"',
      "/score exclusiveMaximum inside 0.75",
      "/nickname minLength length 0",
      "/tags minItems 0 items",
      "/contact oneOf branch 1",
      "/score properties score absent",
      "/score properties score present",
      "/nickname properties nickname absent",
      "/nickname properties nickname present",
      "/tags properties tags absent",
      "/tags properties tags present",
      "/contact properties contact absent",
      "/contact properties contact present",
    ].sort(),
  );
  assert.equal(report.entries.find((e) => e.edge === "at 120")!.record, 3);
  assert.equal(report.records_needed, 3);
  assert.equal(report.records, 3);
  assert.equal(report.covered, 16);
  assert.equal(report.percent, Math.floor((10_000 * 16) / report.reachable) / 100);
});

for (const name of readdirSync(EXAMPLES).filter((f) => f.endsWith(".schema.json"))) {
  test(`${name}: boundary records are valid for a stock ajv, rules hold, and they cover every reachable item within 2 × items records`, () => {
    const loaded = loadSchemaFile(path.join(EXAMPLES, name));
    const generator = new Generator(loaded, { seed: 1 });
    const items = new BoundaryRecords(generator).items.length;
    assert.ok(items > 0);
    const records = boundaryRecords(generator, 2 * items);
    const stock = stockValidator(loaded.draft).ajv.compile(loaded.main.root as object);
    records.forEach((r, k) => {
      assert.ok(stock(r), `record ${k + 1}: ${JSON.stringify(stock.errors)}`);
      assert.deepEqual(generator.rules?.failing(r) ?? [], [], `record ${k + 1} breaks a rule`);
    });
    const report = datasetCoverage(generator, records);
    assert.equal(report.covered, report.reachable, entryNames(report, "missed").join(" | "));
    assert.ok(report.records_needed <= 2 * report.items, `${report.records_needed} records for ${report.items} items`);
    assert.ok(report.reachable >= 0.9 * report.items, `${report.reachable} of ${report.items} reachable`);
  });
}
