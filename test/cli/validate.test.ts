// `specmint validate` through the built CLI: scores, violations, --json, exit codes.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ValidateReport } from "../../core/validate";
import { assertBuilt, readLines, removeDir, runCli, tempDir, writeSchema } from "./helpers";

let dir: string;
let schema: string;
let out: string;

before(() => {
  assertBuilt();
  dir = tempDir();
  schema = writeSchema(dir);
  out = path.join(dir, "users");
  const r = runCli(["generate", "--schema", schema, "--count", "30", "--seed", "4", "--out", out], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
});
after(() => removeDir(dir));

function plant(name: string, edit: (records: Record<string, unknown>[]) => void): string {
  const records = readLines(path.join(out, "dataset.jsonl")).map((l) => JSON.parse(l) as Record<string, unknown>);
  edit(records);
  const file = path.join(dir, name);
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return file;
}

describe("validate", () => {
  test("generated data scores 100 (folder, JSON Lines and JSON array) → exit 0", () => {
    const array = path.join(dir, "users.json");
    fs.writeFileSync(
      array,
      JSON.stringify(
        readLines(path.join(out, "dataset.jsonl")).map((l) => JSON.parse(l) as unknown),
        null,
        2,
      ),
    );
    for (const dataset of [out, path.join(out, "dataset.jsonl"), array]) {
      const r = runCli(["validate", "--schema", schema, "--dataset", dataset], { cwd: dir });
      assert.equal(r.status, 0, `${dataset}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /^schema\s+100\.00/m);
      assert.match(r.stdout, /^rules\s+100\.00/m);
      assert.match(r.stdout, /^uniqueness\s+100\.00/m);
      assert.match(r.stdout, /^total\s+100\.00/m);
      assert.match(r.stdout, /summary: 30 records checked, no violations/);
    }
  });

  test("a planted bad record lowers the score and is listed with record, file:line and pointer → exit 3", () => {
    const bad = plant("bad.jsonl", (rs) => {
      rs[2].role = "superuser";
    });
    const r = runCli(["validate", "--schema", schema, "--dataset", bad], { cwd: dir });
    assert.equal(r.status, 3, r.stdout + r.stderr);
    const score = Number(/^schema\s+([\d.]+)/m.exec(r.stdout)?.[1]);
    assert.ok(score < 100, r.stdout);
    assert.equal(score, 96.67);
    assert.match(r.stdout, /record 3 {2}bad\.jsonl#\/role 3:1 {2}enum: .*"superuser"/);
    assert.match(r.stdout, /summary: 30 records checked: 1 invalid record/);
  });

  test("--json prints the report object", () => {
    const bad = plant("bad2.jsonl", (rs) => {
      rs[0].age = "old";
      rs[5].id = rs[1].id;
    });
    const r = runCli(["validate", "--schema", schema, "--dataset", bad, "--json"], { cwd: dir });
    assert.equal(r.status, 3);
    const report = JSON.parse(r.stdout) as ValidateReport;
    assert.deepEqual(Object.keys(report), ["records", "schema", "rules", "uniqueness", "total", "counts", "violations", "notes"]);
    assert.equal(report.records, 30);
    assert.equal(report.schema, 96.67);
    assert.equal(report.rules, 100);
    assert.equal(report.uniqueness, 0);
    assert.equal(report.total, Math.round((0.4 * 96.67 + 0.4 * 100 + 0.2 * 0) * 100) / 100);
    assert.deepEqual(Object.keys(report.violations), ["schema", "rules", "uniqueness"]);
    assert.deepEqual(report.violations.rules, []);
    const [v] = report.violations.schema;
    assert.equal(v.record, 1);
    assert.equal(v.pointer, "/age");
    assert.equal(v.file, bad);
    assert.equal(v.line, 1);
    assert.match(v.message, /type/);
    const [u] = report.violations.uniqueness;
    assert.equal(u.record, 6);
    assert.equal(u.pointer, "/id");
    assert.match(u.message, /first in record 2/);
    assert.match(r.stderr, /summary: .*exit 3/);
  });

  test("at most 5 violations of a kind are listed", () => {
    const bad = plant("many.jsonl", (rs) => {
      for (const rec of rs.slice(0, 12)) rec.extra = true;
    });
    const r = runCli(["validate", "--schema", schema, "--dataset", bad, "--json"], { cwd: dir });
    assert.equal(r.status, 3);
    const report = JSON.parse(r.stdout) as ValidateReport;
    assert.equal(report.violations.schema.length, 5);
    assert.equal(report.counts.invalidRecords, 12);
    assert.equal(report.schema, 60);
  });

  test("a malformed line → 6 with file and line:column", () => {
    const file = path.join(dir, "broken.jsonl");
    const lines = readLines(path.join(out, "dataset.jsonl")).slice(0, 3);
    fs.writeFileSync(file, `${lines[0]}\n\n${lines[1]}\n{"id": 1,,}\n`);
    const r = runCli(["validate", "--schema", schema, "--dataset", file], { cwd: dir });
    assert.equal(r.status, 6);
    assert.match(r.stderr, /broken\.jsonl 4:10/);
  });

  test("usage and input errors", () => {
    assert.equal(runCli(["validate", "--schema", schema], { cwd: dir }).status, 64);
    assert.equal(runCli(["validate", "--schema", schema, "--dataset", out, "--jsn"], { cwd: dir }).status, 64);
    assert.equal(runCli(["validate", "--schema", schema, "--dataset", path.join(dir, "nowhere.jsonl")], { cwd: dir }).status, 6);
    assert.equal(runCli(["validate", "--schema", path.join(dir, "nope.json"), "--dataset", out], { cwd: dir }).status, 2);
  });
});
