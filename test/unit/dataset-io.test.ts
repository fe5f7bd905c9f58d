// The core pieces under the CLI, called in-process: the dataset writer's atomicity, the reader's
// locations, the report's uniqueness walk, and how failures are described.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AbortedError, csvField, flattenRecord, recordFileName, writeDataset, type ManifestInput } from "../../core/output/writer";
import { readDataset } from "../../core/validate/dataset";
import { roundScore, scoreDataset, uniqueFieldPaths } from "../../core/validate/score";
import { loadSchemaText } from "../../core/schema/load";
import { SpecMintError } from "../../core/base/errors";
import { describeFailure, exitCodeOf } from "../../cli/failure";
import { editDistance, parseFlags } from "../../cli/args";
import { parseReferenceDate } from "../../cli/settings";

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-io-"));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const manifest: ManifestInput = {
  created_at: "2026-01-01T00:00:00Z",
  schema: { path: "s.json", sha256: "0".repeat(64) },
  gen: { seed: 1, mode: "off", reference_date: "2026-01-01T00:00:00Z", optional_probability: 0.9 },
};

describe("writeDataset", () => {
  test("names, progress and returned files", async () => {
    const calls: number[] = [];
    const out = path.join(dir, "w1");
    const res = await writeDataset({
      outDir: out,
      count: 1000,
      formats: ["jsonl"],
      record: (i) => ({ i }),
      manifest,
      onProgress: (done) => calls.push(done),
    });
    assert.deepEqual(res.files, ["dataset.jsonl", "manifest.json"]);
    assert.ok(calls.length >= 100 && calls.length <= 1000, `${calls.length} progress calls`);
    assert.equal(calls[calls.length - 1], 1000);
    assert.equal(recordFileName(7, 99999), "record_00007.json");
    assert.equal(recordFileName(7, 12), "record_0007.json");
  });

  test("a failing record function removes the temporary folder and keeps the previous output", async () => {
    const out = path.join(dir, "w2");
    await writeDataset({ outDir: out, count: 2, formats: ["json", "jsonl"], record: (i) => ({ i }), manifest });
    const before = fs.readdirSync(out).sort();
    await assert.rejects(
      writeDataset({
        outDir: out,
        count: 50,
        formats: ["json", "jsonl", "csv"],
        record: (i) => {
          if (i === 30) throw new TypeError("boom");
          return { i };
        },
        manifest,
      }),
      TypeError,
    );
    assert.deepEqual(fs.readdirSync(out).sort(), before);
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n.includes("specmint-")),
      [],
    );
  });

  test("an abort signal stops the run with nothing written", async () => {
    const out = path.join(dir, "w3");
    const ac = new AbortController();
    await assert.rejects(
      writeDataset({
        outDir: out,
        count: 100,
        formats: ["json"],
        record: (i) => {
          if (i === 10) ac.abort();
          return { i };
        },
        manifest,
        signal: ac.signal,
      }),
      AbortedError,
    );
    assert.equal(fs.existsSync(out), false);
  });

  test("CSV cells: dotted names, JSON arrays, RFC 4180 quoting", () => {
    assert.deepEqual(flattenRecord({ a: 1, b: { c: "x", d: { e: null } }, f: [1, "2"], g: {} }), [
      ["a", "1"],
      ["b.c", "x"],
      ["b.d.e", ""],
      ["f", '[1,"2"]'],
      ["g", "{}"],
    ]);
    assert.deepEqual(flattenRecord("plain"), [["value", "plain"]]);
    assert.equal(csvField('say "hi", then\nleave'), '"say ""hi"", then\nleave"');
    assert.equal(csvField("plain"), "plain");
  });
});

describe("readDataset", () => {
  test("JSON array: each record's line", () => {
    const file = path.join(dir, "arr.json");
    fs.writeFileSync(file, '[\n  {"a": 1},\n\n  {"a": 2}\n]\n');
    const d = readDataset(file);
    assert.deepEqual(d.records, [{ a: 1 }, { a: 2 }]);
    assert.deepEqual(
      d.sources.map((s) => s.line),
      [2, 4],
    );
  });

  test("folder: record files in number order", () => {
    const folder = path.join(dir, "recs");
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, "record_0010.json"), "10");
    fs.writeFileSync(path.join(folder, "record_0002.json"), "2");
    fs.writeFileSync(path.join(folder, "notes.txt"), "x");
    assert.deepEqual(readDataset(folder).records, [2, 10]);
  });

  test("a bad record file names the file and line:column", () => {
    const file = path.join(dir, "bad.json");
    fs.writeFileSync(file, '{\n  "a": tru\n}');
    assert.throws(
      () => readDataset(file),
      (e: unknown) => e instanceof SpecMintError && e.kind === "io" && e.location.line === 2 && e.location.file === file,
    );
  });
});

describe("scoreDataset", () => {
  const loaded = loadSchemaText(
    JSON.stringify({
      $defs: { sku: { type: "string", "x-unique": true } },
      type: "object",
      properties: {
        id: { type: "integer", "x-unique": true },
        items: { type: "array", items: { type: "object", properties: { sku: { $ref: "#/$defs/sku" } } } },
      },
      "x-cross-field-rules": ["id > 0"],
    }),
    undefined,
  );

  test("finds x-unique fields through $ref and items", () => {
    assert.deepEqual(
      uniqueFieldPaths(loaded)
        .map((p) => p.join("/"))
        .sort(),
      ["id", "items/*/sku"],
    );
  });

  test("duplicates across records and array elements", () => {
    const r = scoreDataset(null, loaded, [
      { id: 1, items: [{ sku: "a" }, { sku: "b" }] },
      { id: 2, items: [{ sku: "b" }] },
    ]);
    assert.equal(r.schema, 100);
    assert.equal(r.uniqueness, 50);
    assert.equal(r.violations.uniqueness[0].pointer, "/items/0/sku");
    assert.equal(r.violations.uniqueness[0].record, 2);
    assert.equal(r.total, 90);
    // The schema's own rule is checked when no checker is given.
    assert.equal(r.counts.rulesChecked, 2);
    assert.equal(r.rules, 100);
    const none = scoreDataset(null, loaded, [{ id: -1 }], [], null);
    assert.match(none.notes.join(" "), /not checked/);
    const own = scoreDataset(null, loaded, [{ id: -1 }]);
    assert.equal(own.rules, 0);
    assert.match(own.violations.rules[0].message, /rule "id > 0" does not hold: id = -1/);
  });

  test("rules seam: a RuleChecker's failures count per (record, rule)", () => {
    const r = scoreDataset(null, loaded, [{ id: 1 }, { id: -1 }], [], {
      size: 1,
      failing: (rec) => ((rec as { id: number }).id > 0 ? [] : [{ rule: "id > 0", pointer: "/id", message: "rule does not hold" }]),
    });
    assert.equal(r.rules, 50);
    assert.equal(r.violations.rules[0].record, 2);
  });

  test("a score short of 100 never rounds up to 100", () => {
    assert.equal(roundScore(99.999), 99.99);
    assert.equal(roundScore(100), 100);
    assert.equal(roundScore(200 / 3), 66.67);
  });
});

describe("cli pieces", () => {
  test("a non-SpecMint error is reported as a bug with exit 1", () => {
    const text = describeFailure(new TypeError("x is undefined"));
    assert.match(text, /^specmint: internal error \(this is a bug in SpecMint\): x is undefined/);
    assert.match(text, /TypeError/);
    assert.equal(exitCodeOf(new TypeError("x")), 1);
    assert.equal(exitCodeOf(new SpecMintError("schema", "x")), 2);
    assert.equal(exitCodeOf(new SpecMintError("io", "x")), 6);
    assert.equal(exitCodeOf(new SpecMintError("usage", "x")), 64);
  });

  test("failure summary shows at most 5 details and the location", () => {
    const e = new SpecMintError("schema", "bad", { file: "s.json", pointer: "/a", line: 3, column: 4 }, [
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
    ]);
    const text = describeFailure(e);
    assert.match(text, /at s\.json#\/a 3:4/);
    assert.match(text, /first 5 of 7/);
    assert.equal((text.match(/^ {4}- /gm) ?? []).length, 5);
    assert.match(text, /summary: 1 schema error \(7 problems\), exit 2\n$/);
  });

  test("flag parsing: = form, last value wins, help anywhere", () => {
    const p = parseFlags(
      "generate",
      ["--count=3", "--count", "4", "--stdout", "-h"],
      [
        { name: "count", type: "string" },
        { name: "stdout", type: "boolean" },
      ],
    );
    assert.equal(p.values.get("count"), "4");
    assert.equal(p.values.get("stdout"), true);
    assert.equal(p.help, true);
    assert.equal(editDistance("cuont", "count"), 1);
  });

  test("reference dates are normalised to UTC date-times", () => {
    const r = (value: unknown) => parseReferenceDate({ value, origin: "--reference-date" });
    assert.equal(r("2026-01-01"), "2026-01-01T00:00:00Z");
    assert.equal(r("2026-03-04T05:06:07+01:00"), "2026-03-04T04:06:07Z");
    assert.equal(r("2026-03-04T05:06"), "2026-03-04T05:06:00Z");
    assert.throws(() => r("2026-02-30"), SpecMintError);
    assert.throws(() => r("soon"), SpecMintError);
  });
});
