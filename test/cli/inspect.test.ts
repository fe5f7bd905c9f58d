import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { DatasetStats } from "../../core/validate";

const CLI = path.resolve(__dirname, "../../dist/cli.js");
const EXAMPLE = path.resolve(__dirname, "../../examples/user-profile.schema.json");

test("specmint inspect prints field statistics of a generated dataset; --json gives the same numbers", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "specmint-inspect-"));
  try {
    const out = path.join(dir, "out");
    execFileSync(process.execPath, [CLI, "generate", "--schema", EXAMPLE, "--count", "300", "--out", out], { stdio: "pipe" });
    const text = execFileSync(process.execPath, [CLI, "inspect", "--dataset", out, "--schema", EXAMPLE], { encoding: "utf8" });
    assert.match(text, /^300 records/);
    assert.match(text, /\/plan\s+string\s+100\.0%/);
    // A date-time field's range is its earliest and latest instant (UTC, to the minute), not "len 29…29".
    assert.match(text, /\/created_at\s+string\s+100\.0%.*\s\d{4}-\d\d-\d\dT\d\d:\d\dZ…\d{4}-\d\d-\d\dT\d\d:\d\dZ\s/);
    const stats = JSON.parse(
      execFileSync(process.execPath, [CLI, "inspect", "--dataset", path.join(out, "dataset.jsonl"), "--json"], { encoding: "utf8" }),
    ) as DatasetStats;
    assert.equal(stats.records, 300);
    const plan = stats.fields.find((f) => f.path === "/plan");
    assert.equal(plan?.cardinality, 4);
    const age = stats.fields.find((f) => f.path === "/age");
    assert.ok(age?.min !== undefined && age.max !== undefined, "/age has a range");
    assert.ok(age.min >= 18 && age.max <= 65);
    const created = stats.fields.find((f) => f.path === "/created_at");
    assert.equal(created?.measure, "date");
    assert.equal(created.format, "date-time");
    assert.ok(created.minDate && created.maxDate && Date.parse(created.minDate) <= Date.parse(created.maxDate));
    assert.equal(created.min, Date.parse(created.minDate));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("specmint inspect without --dataset is a usage error; a missing dataset is an I/O error", () => {
  const usage = spawnSync(process.execPath, [CLI, "inspect"], { encoding: "utf8" });
  assert.equal(usage.status, 64);
  assert.match(usage.stderr, /missing --dataset/);
  const missing = spawnSync(process.execPath, [CLI, "inspect", "--dataset", "/nonexistent/x.jsonl"], { encoding: "utf8" });
  assert.equal(missing.status, 6);
});
