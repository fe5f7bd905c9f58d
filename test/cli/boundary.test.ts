// `specmint generate --kind boundary` and `specmint coverage` through the built CLI: a boundary
// dataset end to end (valid, covering, its manifest), determinism, specmint.toml, and the coverage
// report of a hand-made dataset.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Manifest } from "../../core/output";
import type { CoverageReport } from "../../core/boundary";
import { stockValidator } from "../support/stockValidator";
import { USER_SCHEMA, assertBuilt, readLines, removeDir, runCli, tempDir, writeSchema } from "./helpers";

let dir: string;
let schema: string;

before(() => {
  assertBuilt();
  dir = tempDir();
  schema = writeSchema(dir);
});
after(() => removeDir(dir));

function generate(args: string[], cwd = dir) {
  return runCli(["generate", "--schema", schema, ...args], { cwd });
}

function manifestOf(out: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")) as Manifest;
}

describe("generate --kind boundary", () => {
  test("records valid for a stock ajv and for specmint validate, covering every reachable item within 2 × items records; the manifest and specmint coverage agree", () => {
    const probe = path.join(dir, "probe");
    assert.equal(generate(["--kind", "boundary", "--count", "1", "--out", probe]).status, 0);
    const items = manifestOf(probe).coverage!.items;
    assert.ok(items > 20, `${items} items`);

    const out = path.join(dir, "bnd");
    const count = String(2 * items);
    const r = generate(["--kind", "boundary", "--count", count, "--seed", "3", "--out", out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`wrote ${count} boundary records to `));
    assert.ok(!fs.existsSync(path.join(out, "violations.jsonl")));
    const validate = stockValidator("2020-12").ajv.compile(USER_SCHEMA);
    readLines(path.join(out, "dataset.jsonl")).forEach((line, k) =>
      assert.ok(validate(JSON.parse(line)), `record ${k + 1}: ${line} ${JSON.stringify(validate.errors)}`),
    );
    // x-unique ids stay unique across the dataset: the whole validate report is perfect.
    const v = runCli(["validate", "--schema", schema, "--dataset", out], { cwd: dir });
    assert.equal(v.status, 0, v.stdout);

    const manifest = manifestOf(out);
    assert.equal(manifest.gen.kind, "boundary");
    const c = manifest.coverage!;
    assert.equal(c.items, items);
    assert.equal(c.covered, c.reachable);
    assert.equal(c.percent, 100);
    assert.ok(c.records_needed! >= 1 && c.records_needed! <= 2 * items, JSON.stringify(c));

    assert.match(
      r.stderr,
      new RegExp(
        `specmint: coverage: ${c.covered} of ${c.reachable} reachable boundary items \\(100\\.00%\\) in the first ${c.records_needed} records, ${c.items - c.reachable} unreachable`,
      ),
    );
    const cov = runCli(["coverage", "--schema", schema, "--dataset", out], { cwd: dir });
    assert.equal(cov.status, 0, cov.stdout);
    assert.match(
      cov.stdout,
      new RegExp(
        `summary: ${c.covered} of ${c.reachable} reachable items covered \\(100\\.00%\\), ${c.items - c.reachable} unreachable, in ${count} records; the first ${c.records_needed} cover them, exit 0\\n$`,
      ),
    );
  });

  test("the same seed gives byte-identical files; --count 5 gives the first 5 lines; --stdout prints dataset.jsonl", () => {
    const a = path.join(dir, "det-a");
    const b = path.join(dir, "det-b");
    const c = path.join(dir, "det-c");
    for (const [out, count] of [
      [a, "30"],
      [b, "30"],
      [c, "5"],
    ])
      assert.equal(generate(["--kind", "boundary", "--count", count, "--seed", "9", "--out", out]).status, 0);
    const full = fs.readFileSync(path.join(a, "dataset.jsonl"), "utf8");
    assert.equal(fs.readFileSync(path.join(b, "dataset.jsonl"), "utf8"), full);
    for (const f of fs.readdirSync(a).filter((x) => x.startsWith("record_")))
      assert.equal(fs.readFileSync(path.join(b, f), "utf8"), fs.readFileSync(path.join(a, f), "utf8"), f);
    assert.deepEqual(readLines(path.join(c, "dataset.jsonl")), full.split("\n").slice(0, 5));
    const s = generate(["--kind", "boundary", "--count", "30", "--seed", "9", "--stdout"]);
    assert.equal(s.status, 0, s.stderr);
    assert.equal(s.stdout, full);
    // Boundary records are not the valid ones.
    const valid = generate(["--count", "30", "--seed", "9", "--stdout"]);
    assert.notEqual(valid.stdout, full);
  });

  test('kind = "boundary" in specmint.toml', () => {
    const cwd = path.join(dir, "toml");
    fs.mkdirSync(cwd);
    fs.writeFileSync(path.join(cwd, "specmint.toml"), `kind = "boundary"\ncount = 4\nout = "o"\n`);
    const r = generate([], cwd);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(manifestOf(path.join(cwd, "o")).gen.kind, "boundary");
    assert.equal(readLines(path.join(cwd, "o", "dataset.jsonl")).length, 4);
  });

  test("a valid dataset's manifest counts its coverage too, without records_needed", () => {
    const out = path.join(dir, "valid");
    assert.equal(generate(["--count", "20", "--out", out]).status, 0);
    const c = manifestOf(out).coverage!;
    assert.ok(c.items > 0 && c.covered > 0 && c.covered < c.reachable, JSON.stringify(c));
    assert.equal(c.records_needed, undefined);
  });
});

describe("specmint coverage", () => {
  test("a hand-made dataset: the report says exactly which items its records hit, and exits 3", () => {
    const file = path.join(dir, "hand.jsonl");
    const records = [
      { id: 1, name: "Bob", role: "admin", age: 18, address: { city: "A", zip: "12345" }, tags: [] },
      { id: 2, name: "Alice", role: "viewer", age: 99, address: { city: "Springfield", zip: "54321" }, tags: ["x"], nickname: "" },
      { id: 3, name: "Carol", role: "viewer", age: 40, address: { city: "Bern", zip: "11111" }, tags: ["a", "b", "c", "d"] },
    ];
    fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const r = runCli(["coverage", "--schema", schema, "--dataset", file, "--json"], { cwd: dir });
    assert.equal(r.status, 3, r.stderr);
    const report = JSON.parse(r.stdout) as CoverageReport;
    const covered = report.entries.filter((e) => e.status === "covered").map((e) => `${e.instance} ${e.keyword} ${e.edge} @${e.record}`);
    assert.deepEqual(covered.sort(), [
      "/address/city minLength length 1 @1",
      "/age maximum at 99 @2",
      "/age minimum at 18 @1",
      "/name minLength length 3 @1",
      "/nickname minLength length 0 @2",
      "/nickname properties nickname absent @1",
      "/nickname properties nickname present @2",
      '/role enum value "admin" @1',
      '/role enum value "viewer" @2',
      "/tags maxItems 4 items @3",
      "/tags minItems 0 items @1",
      "/tags/* minLength length 1 @2",
    ]);
    assert.equal(report.covered, covered.length);
    assert.equal(report.records, 3);
    assert.equal(report.records_needed, 3);
    // x-unique ids are not set by boundary records: unreachable, with why, and still seen when a record hits them.
    const id = report.entries.find((e) => e.instance === "/id" && e.edge === "at 1")!;
    assert.equal(id.status, "unreachable");
    assert.equal(id.record, 1);
    assert.match(id.reason!, /x-unique/);
    assert.match(r.stderr, new RegExp(`^summary: ${covered.length} of ${report.reachable} reachable items covered \\(`));

    const text = runCli(["coverage", "--schema", schema, "--dataset", file], { cwd: dir });
    assert.equal(text.status, 3);
    assert.match(text.stdout, /\/age {2}\(schema \/properties\/age\)\n {2}minimum +at 18 +covered +record 1\n/);
    assert.match(text.stdout, /maximum +inside 98 +missed\n/);
  });

  test("usage errors exit 64; a missing dataset exits 6; --help documents the report", () => {
    const missing = runCli(["coverage", "--schema", schema], { cwd: dir });
    assert.equal(missing.status, 64);
    assert.match(missing.stderr, /missing --dataset FILE\|DIR; see specmint coverage --help/);
    const absent = runCli(["coverage", "--schema", schema, "--dataset", path.join(dir, "nothing.jsonl")], { cwd: dir });
    assert.equal(absent.status, 6, absent.stderr);
    const help = runCli(["coverage", "--help"], { cwd: dir });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: specmint coverage --schema FILE --dataset PATH \[--json\]/);
    assert.match(runCli(["--help"], { cwd: dir }).stdout, /specmint coverage --schema FILE --dataset PATH/);
  });
});
