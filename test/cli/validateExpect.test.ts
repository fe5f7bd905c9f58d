// `specmint validate --expect invalid`: a labelled invalid dataset passes when every record fails for
// its labelled reason (exit 0), and each record that does not is a mismatch (exit 3, the first five shown).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Violation } from "../../core/invalid";
import { assertBuilt, readLines, removeDir, runCli, tempDir, writeSchema } from "./helpers";

let dir: string;
let schema: string;

/** Schema keywords, a rule and x-unique: every kind of label. */
const SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["id", "plan", "zip", "start", "end"],
  properties: {
    id: { type: "integer", minimum: 1, maximum: 1_000_000, "x-unique": true },
    plan: { enum: ["free", "pro"] },
    zip: { type: "string", pattern: "^[0-9]{5}$" },
    start: { type: "string", format: "date" },
    end: { type: "string", format: "date" },
  },
  additionalProperties: false,
  "x-cross-field-rules": ["start <= end"],
};

before(() => {
  assertBuilt();
  dir = tempDir();
  schema = writeSchema(dir, "plan.schema.json", SCHEMA);
  // valid/ and invalid/ side by side: the valid twins make tampered copies.
  const r = runCli(
    ["generate", "--schema", schema, "--kind", "invalid", "--mirror", "--count", "30", "--out", "m", "--format", "json,jsonl"],
    {
      cwd: dir,
    },
  );
  assert.equal(r.status, 0, r.stderr);
});
after(() => removeDir(dir));

const validate = (args: string[]) => runCli(["validate", ...args], { cwd: dir });

/** A copy of m/invalid as a new dataset folder, with `change` applied to its records and labels. */
function tampered(name: string, change: (records: unknown[], labels: Violation[], valid: unknown[]) => void): string {
  const out = path.join(dir, name);
  fs.mkdirSync(out);
  const read = (f: string) => readLines(path.join(dir, "m", f)).map((l) => JSON.parse(l) as unknown);
  const records = read("invalid/dataset.jsonl");
  const labels = read("invalid/violations.jsonl") as Violation[];
  change(records, labels, read("valid/dataset.jsonl"));
  fs.writeFileSync(path.join(out, "dataset.jsonl"), records.map((r) => JSON.stringify(r) + "\n").join(""));
  fs.writeFileSync(path.join(out, "violations.jsonl"), labels.map((l) => JSON.stringify(l) + "\n").join(""));
  fs.copyFileSync(path.join(dir, "m", "invalid", "manifest.json"), path.join(out, "manifest.json"));
  return out;
}

describe("validate --expect invalid", () => {
  test("an invalid dataset as generated: every record fails for its labelled reason, exit 0; the schema is found through the manifest", () => {
    const labels = readLines(path.join(dir, "m", "invalid", "violations.jsonl")).map((l) => JSON.parse(l) as Violation);
    const keywords = new Set(labels.map((l) => l.keyword));
    for (const k of ["x-unique", "x-cross-field-rules", "pattern", "enum", "additionalProperties"]) assert.ok(keywords.has(k), k);
    for (const args of [["--schema", schema], []]) {
      const r = validate(["--expect", "invalid", "--dataset", "m/invalid", ...args]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^labels {5}30 of 30 records fail for their labelled reason$/m);
      assert.match(r.stdout, /summary: all 30 records fail for their labelled reason, exit 0/);
    }
    // The valid twins are no invalid dataset: without labels, a clear I/O error.
    const v = validate(["--expect", "invalid", "--dataset", "m/valid"]);
    assert.equal(v.status, 6);
    assert.match(v.stderr, /no violations\.jsonl beside the dataset .*--expect invalid checks a labelled invalid dataset/);
  });

  test("records that do not fail as labelled: exit 3, the first five mismatches with record, file, label and what was found", () => {
    const labels = readLines(path.join(dir, "m", "invalid", "violations.jsonl")).map((l) => JSON.parse(l) as Violation);
    const ruleAt = labels.findIndex((l) => l.keyword === "x-cross-field-rules");
    const uniqueAt = labels.findIndex((l) => l.keyword === "x-unique");
    const schemaAt = labels.findIndex((l) => l.keyword === "pattern");
    const others = labels.map((l, k) => k).filter((k) => ![ruleAt, uniqueAt, schemaAt].includes(k) && labels[k].keyword !== "x-unique");
    const out = tampered("bad", (records, ls, valid) => {
      // A rule label on a record where the rule holds; a duplicate no more; a pattern label on a record that breaks something else.
      records[ruleAt] = valid[ruleAt];
      (records[uniqueAt] as { id: number }).id = 999_999_999;
      ls[schemaAt] = { ...ls[schemaAt], keyword: "minLength" };
      for (const k of others.slice(0, 4)) records[k] = valid[k];
    });
    const r = validate(["--expect", "invalid", "--dataset", path.relative(dir, out), "--schema", schema]);
    assert.equal(r.status, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /^labels {5}23 of 30 records fail for their labelled reason$/m);
    assert.match(r.stdout, /mismatches \(7; 5 shown\):/);
    const shown = r.stdout.split("\n").filter((l) => /^ {2}record \d+/.test(l));
    assert.equal(shown.length, 5);
    const numbers = shown.map((l) => Number(/record (\d+)/.exec(l)![1]));
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
    );
    const line = (k: number) => r.stdout.split("\n").find((l) => l.startsWith(`  record ${k + 1} `));
    const expectLine = (k: number, re: RegExp) => {
      if (numbers.includes(k + 1)) assert.match(line(k)!, re);
    };
    expectLine(ruleAt, /bad[/\\]dataset\.jsonl:\d+ {2}expected x-cross-field-rules at \/ \(rule "start <= end"\); found the rule holds$/);
    expectLine(uniqueAt, /expected x-unique at \/id \(a duplicate of record \d+\); found no other record has 999999999 at \/id$/);
    expectLine(schemaAt, /expected minLength at \/zip; found pattern at \/zip$/);
    for (const k of others.slice(0, 4)) expectLine(k, /found the record is valid$/);
    assert.match(r.stdout, /summary: 7 of 30 records do not fail for their labelled reason, exit 3/);
    // Every mismatch, shown or not, says what was found.
    const all = JSON.parse(validate(["--expect", "invalid", "--dataset", path.relative(dir, out), "--json"]).stdout) as {
      mismatches: { record: number; expected: string; found: string }[];
    };
    const found = new Map(all.mismatches.map((m) => [m.record - 1, `${m.expected}; found ${m.found}`]));
    assert.deepEqual(
      [...found.keys()].sort((a, b) => a - b),
      [ruleAt, uniqueAt, schemaAt, ...others.slice(0, 4)].sort((a, b) => a - b),
    );
    assert.match(found.get(ruleAt)!, /^x-cross-field-rules at \/ \(rule "start <= end"\); found the rule holds$/);
    assert.match(found.get(uniqueAt)!, /^x-unique at \/id \(a duplicate of record \d+\); found no other record has 999999999 at \/id$/);
    assert.match(found.get(schemaAt)!, /^minLength at \/zip; found pattern at \/zip$/);
    for (const k of others.slice(0, 4)) assert.match(found.get(k)!, /found the record is valid$/);
  });

  test("--json gives the whole report", () => {
    const out = tampered("json", (records, ls, valid) => {
      records[0] = valid[0];
    });
    const r = validate(["--expect", "invalid", "--dataset", path.relative(dir, out), "--json"]);
    assert.equal(r.status, 3);
    const report = JSON.parse(r.stdout) as {
      records: number;
      matched: number;
      mismatches: { record: number; expected: string; found: string }[];
    };
    assert.equal(report.records, 30);
    assert.equal(report.matched, 29);
    assert.deepEqual(
      report.mismatches.map((m) => [m.record, m.found]),
      [[1, "the record is valid"]],
    );
    assert.match(r.stderr, /summary: 1 of 30 records do not fail for their labelled reason, exit 3/);
  });

  test("validate --help documents --expect", () => {
    const r = runCli(["validate", "--help"], { cwd: dir });
    assert.match(r.stdout, /specmint validate --expect invalid --dataset PATH \[--schema FILE\] \[--json\]/);
    assert.match(r.stdout, /--expect KIND\s+valid \(the default: the scores above\) or invalid/);
  });

  test("--expect takes valid or invalid", () => {
    const r = validate(["--expect", "broken", "--dataset", "m/invalid", "--schema", schema]);
    assert.equal(r.status, 64);
    assert.match(r.stderr, /--expect: expected valid or invalid, got "broken"/);
    // --expect valid is validate as before: an invalid dataset scores below 100 and exits 3.
    assert.equal(validate(["--expect", "valid", "--dataset", "m/invalid", "--schema", schema]).status, 3);
    assert.equal(validate(["--expect", "valid", "--dataset", "m/valid", "--schema", schema]).status, 0);
  });
});
