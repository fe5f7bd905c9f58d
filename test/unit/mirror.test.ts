// writeMirror (`--mirror`) in-process: valid/ and invalid/ appear together or not at all, and the CSV
// of an invalid dataset writes a value of the wrong type as its JSON text.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { flattenRecord, writeDataset, writeMirror, type ManifestInput } from "../../core/output/writer";
import { parseCsv } from "../cli/helpers";

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-mirror-"));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const manifest = (kind: string): ManifestInput => ({
  created_at: "2026-01-01T00:00:00Z",
  schema: { path: "s.json", sha256: "0".repeat(64) },
  gen: { seed: 1, mode: "off", kind, reference_date: "2026-01-01T00:00:00Z", optional_probability: 0.9 },
});

const label = (i: number) => ({ index: i, instance_path: "/n", schema_path: "/properties/n/type", keyword: "type" });

function mirrorOptions(outDir: string, failAt?: number, signal?: AbortSignal) {
  return {
    outDir,
    signal,
    valid: { count: 5, formats: ["json" as const, "jsonl" as const], record: (i: number) => ({ n: i }), manifest: manifest("valid") },
    invalid: {
      count: 5,
      formats: ["json" as const, "jsonl" as const],
      record: (i: number) => {
        if (i === failAt) throw new Error(`record ${i} fails`);
        return { n: String(i) };
      },
      violation: label,
      manifest: manifest("invalid"),
    },
  };
}

const snapshot = (d: string): string[] =>
  fs
    .readdirSync(d, { recursive: true, encoding: "utf8" })
    .sort()
    .map((f) => {
      const p = path.join(d, f);
      return fs.statSync(p).isDirectory() ? f : `${f}:${fs.readFileSync(p, "utf8")}`;
    });

describe("writeMirror", () => {
  test("writes valid/ and invalid/, each a complete dataset folder", async () => {
    const out = path.join(dir, "ok");
    const r = await writeMirror(mirrorOptions(out));
    assert.deepEqual(fs.readdirSync(out).sort(), ["invalid", "valid"]);
    assert.ok(fs.readdirSync(path.join(out, "invalid")).includes("violations.jsonl"));
    assert.ok(!fs.readdirSync(path.join(out, "valid")).includes("violations.jsonl"));
    assert.equal(r.valid.manifest.gen.kind, "valid");
    assert.equal(r.invalid.manifest.gen.kind, "invalid");
    assert.equal(fs.readFileSync(path.join(out, "invalid", "dataset.jsonl"), "utf8").split("\n")[2], '{"n":"3"}');
  });

  test("an error in the second folder leaves the earlier output as it was and no temporary folder", async () => {
    const out = path.join(dir, "err");
    await writeMirror(mirrorOptions(out));
    const before = snapshot(out);
    await assert.rejects(writeMirror(mirrorOptions(out, 4)), /record 4 fails/);
    assert.deepEqual(snapshot(out), before);
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.includes("specmint-")),
      [],
    );
    // Nor is a new folder left half-made.
    const fresh = path.join(dir, "err-new");
    await assert.rejects(writeMirror(mirrorOptions(fresh, 2)), /record 2 fails/);
    assert.ok(!fs.existsSync(fresh));
  });

  test("an interrupted run writes nothing", async () => {
    const out = path.join(dir, "abort");
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(writeMirror(mirrorOptions(out, undefined, controller.signal)), /interrupted/);
    assert.ok(!fs.existsSync(out));
  });

  test("a mirror folder counts as SpecMint output: a plain dataset replaces it, and it replaces a plain one", async () => {
    const out = path.join(dir, "swap");
    await writeMirror(mirrorOptions(out));
    await writeDataset({ outDir: out, count: 1, formats: ["jsonl"], record: () => ({ n: 1 }), manifest: manifest("valid") });
    assert.deepEqual(fs.readdirSync(out).sort(), ["dataset.jsonl", "manifest.json"]);
    await writeMirror(mirrorOptions(out));
    assert.deepEqual(fs.readdirSync(out).sort(), ["invalid", "valid"]);
  });
});

describe("CSV of invalid records", () => {
  test("the value at a type violation's path is its JSON text: a string that looks like a number keeps its quotes", () => {
    assert.deepEqual(flattenRecord({ n: "42", m: "7" }, new Set(["/n"])), [
      ["n", '"42"'],
      ["m", "7"],
    ]);
    assert.deepEqual(flattenRecord({ a: { b: { c: 1 } } }, new Set(["/a/b"])), [["a.b", '{"c":1}']]);
    assert.deepEqual(flattenRecord({ a: null }, new Set(["/a"])), [["a", "null"]]);
    assert.deepEqual(flattenRecord([1, 2], new Set([""])), [["value", "[1,2]"]]);
  });

  test("dataset.csv of an invalid dataset: the labelled wrong-type values as JSON, the others as usual", async () => {
    const out = path.join(dir, "csv");
    await writeDataset({
      outDir: out,
      count: 3,
      formats: ["csv"],
      record: (i) => (i === 2 ? { n: "2", s: "x" } : { n: i, s: "x" }),
      violation: (i) => (i === 2 ? label(i) : { index: i, instance_path: "/s", keyword: "maxLength" }),
      manifest: manifest("invalid"),
    });
    assert.deepEqual(parseCsv(fs.readFileSync(path.join(out, "dataset.csv"), "utf8")), [
      ["n", "s"],
      ["1", "x"],
      ['"2"', "x"],
      ["3", "x"],
    ]);
  });
});
