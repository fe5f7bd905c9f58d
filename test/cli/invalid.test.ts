// `specmint generate --kind invalid` through the built CLI: violations.jsonl, the manifest, --stdout,
// --violate, specmint.toml, determinism and the usage errors.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Manifest } from "../../core/output";
import { stockValidator } from "../support/stockValidator";
import { VIOLABLE_KEYWORDS, type Violation } from "../../core/invalid";
import { USER_SCHEMA, assertBuilt, parseCsv, readLines, removeDir, runCli, tempDir, writeSchema } from "./helpers";

let dir: string;
let schema: string;

before(() => {
  assertBuilt();
  dir = tempDir();
  schema = writeSchema(dir);
});
after(() => removeDir(dir));

const LABEL_KEYS = ["index", "instance_path", "schema_path", "keyword", "message", "expected"];

/** A line of violations.jsonl, as the engine writes it. */
type Label = Violation;

function generate(args: string[], cwd = dir) {
  return runCli(["generate", "--schema", schema, ...args], { cwd });
}

describe("generate --kind invalid", () => {
  test("writes violations.jsonl beside the records, one label per record, each the whole truth for a stock ajv", () => {
    const out = path.join(dir, "inv");
    const r = generate(["--kind", "invalid", "--count", "40", "--seed", "3", "--out", out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /wrote 40 invalid records to .*violations\.jsonl/);
    const files = fs.readdirSync(out);
    assert.ok(files.includes("violations.jsonl") && files.includes("dataset.jsonl") && files.includes("record_0040.json"), files.join(" "));
    const records = readLines(path.join(out, "dataset.jsonl")).map((l) => JSON.parse(l) as unknown);
    const labels = readLines(path.join(out, "violations.jsonl")).map((l) => JSON.parse(l) as Label);
    assert.equal(labels.length, 40);
    const validate = stockValidator("2020-12", { allErrors: true }).ajv.compile(USER_SCHEMA);
    const keywords = new Set<string>();
    labels.forEach((label, k) => {
      assert.equal(label.index, k + 1);
      keywords.add(label.keyword);
      if (label.keyword === "x-unique") {
        // A dataset-level duplicate: the record is valid, and its id is that of an earlier record.
        assert.equal(validate(records[k]), true);
        const id = (records[k] as { id: number }).id;
        assert.equal((records[label.duplicate_of! - 1] as { id: number }).id, id);
        assert.match(label.message, new RegExp(`^id ${id} repeats the value of record ${label.duplicate_of} \\(x-unique\\)$`));
        return;
      }
      assert.deepEqual(Object.keys(label), LABEL_KEYS);
      assert.equal(validate(records[k]), false, `record ${k + 1} is valid`);
      for (const e of validate.errors ?? []) {
        assert.equal(e.keyword, label.keyword, `record ${k + 1}: ${JSON.stringify(e)} vs ${JSON.stringify(label)}`);
        assert.equal(e.instancePath, label.instance_path);
        assert.equal(`#${label.schema_path}`, e.schemaPath);
      }
      const e = validate.errors![0];
      assert.deepEqual(label.expected, {
        instancePath: e.instancePath,
        schemaPath: e.schemaPath,
        keyword: e.keyword,
        params: e.params,
        message: e.message,
      });
    });
    for (const k of [
      "x-unique",
      "type",
      "required",
      "additionalProperties",
      "minimum",
      "maximum",
      "pattern",
      "minLength",
      "maxLength",
      "enum",
    ])
      assert.ok(keywords.has(k), `${k} is broken in 40 records: ${[...keywords].join(",")}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")) as Manifest;
    assert.equal(manifest.gen.kind, "invalid");
    assert.equal(manifest.gen.violate, undefined);
  });

  test("dataset.csv writes a value of the wrong type as its JSON text, so that it does not read as one of the right type", () => {
    const out = path.join(dir, "csv");
    assert.equal(generate(["--kind", "invalid", "--violate", "type", "--count", "30", "--out", out, "--format", "jsonl,csv"]).status, 0);
    const records = readLines(path.join(out, "dataset.jsonl")).map((l) => JSON.parse(l) as Record<string, unknown>);
    const labels = readLines(path.join(out, "violations.jsonl")).map((l) => JSON.parse(l) as Label);
    const [header, ...rows] = parseCsv(fs.readFileSync(path.join(out, "dataset.csv"), "utf8"));
    const kinds = new Set<string>();
    labels.forEach((label, k) => {
      // Inside an array the cell is the whole array's JSON.
      const names = label.instance_path.split("/").slice(1);
      const upTo = names.findIndex((n) => /^\d+$/.test(n));
      const cellNames = upTo < 0 ? names : names.slice(0, upTo);
      if (cellNames.length === 0) return;
      const column = cellNames.join(".");
      const value = cellNames.reduce<unknown>((v, name) => (v as Record<string, unknown>)[name], records[k]);
      assert.equal(rows[k][header.indexOf(column)], JSON.stringify(value), `record ${k + 1} at ${column}`);
      kinds.add(typeof value);
    });
    assert.ok(kinds.has("string"), `a string in place of a number among ${[...kinds].join(", ")}`);
  });

  test("the same seed gives byte-identical records and labels; --count 8 gives their first 8 lines", () => {
    const a = path.join(dir, "det-a");
    const b = path.join(dir, "det-b");
    const c = path.join(dir, "det-c");
    for (const [out, count] of [
      [a, "30"],
      [b, "30"],
      [c, "8"],
    ])
      assert.equal(generate(["--kind", "invalid", "--count", count, "--seed", "9", "--out", out, "--format", "jsonl"]).status, 0);
    for (const f of ["dataset.jsonl", "violations.jsonl"]) {
      const full = fs.readFileSync(path.join(a, f), "utf8");
      assert.equal(fs.readFileSync(path.join(b, f), "utf8"), full, f);
      assert.deepEqual(readLines(path.join(c, f)), full.split("\n").slice(0, 8), f);
    }
  });

  test("--stdout prints the records as dataset.jsonl has them and the labels on stderr as violations.jsonl has them", () => {
    const out = path.join(dir, "std");
    assert.equal(generate(["--kind", "invalid", "--count", "12", "--out", out]).status, 0);
    const r = generate(["--kind", "invalid", "--count", "12", "--stdout"]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, fs.readFileSync(path.join(out, "dataset.jsonl"), "utf8"));
    assert.equal(r.stderr, fs.readFileSync(path.join(out, "violations.jsonl"), "utf8"));
  });

  test("--violate limits the keywords broken, and the manifest says which", () => {
    const out = path.join(dir, "vio");
    const r = generate(["--kind", "invalid", "--violate", "pattern, maxLength", "--count", "10", "--out", out]);
    assert.equal(r.status, 0, r.stderr);
    const labels = readLines(path.join(out, "violations.jsonl")).map((l) => JSON.parse(l) as Label);
    assert.deepEqual([...new Set(labels.map((l) => l.keyword))].sort(), ["maxLength", "pattern"]);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")) as Manifest;
    assert.deepEqual(manifest.gen.violate, ["pattern", "maxLength"]);
  });

  test("kind and violate from specmint.toml", () => {
    const cwd = path.join(dir, "toml");
    fs.mkdirSync(cwd);
    fs.writeFileSync(path.join(cwd, "specmint.toml"), `kind = "invalid"\nviolate = ["minimum"]\ncount = 5\nout = "o"\n`);
    const r = generate([], cwd);
    assert.equal(r.status, 0, r.stderr);
    const labels = readLines(path.join(cwd, "o", "violations.jsonl")).map((l) => JSON.parse(l) as Label);
    assert.equal(labels.length, 5);
    for (const l of labels) {
      assert.equal(l.keyword, "minimum");
      const limit = l.expected.params.limit;
      assert.ok((l.instance_path === "/id" && limit === 1) || (l.instance_path === "/age" && limit === 18), JSON.stringify(l));
      assert.match(l.message, l.instance_path === "/id" ? /^id 0 is below minimum 1$/ : /^age 17 is below minimum 18$/);
    }
  });

  test("--kind valid is the default, byte for byte, and writes no violations.jsonl", () => {
    const a = path.join(dir, "valid-a");
    const b = path.join(dir, "valid-b");
    assert.equal(generate(["--count", "20", "--out", a]).status, 0);
    assert.equal(generate(["--kind", "valid", "--count", "20", "--out", b]).status, 0);
    assert.equal(fs.readFileSync(path.join(a, "dataset.jsonl"), "utf8"), fs.readFileSync(path.join(b, "dataset.jsonl"), "utf8"));
    assert.ok(!fs.existsSync(path.join(b, "violations.jsonl")));
    const manifest = JSON.parse(fs.readFileSync(path.join(b, "manifest.json"), "utf8")) as Manifest;
    assert.equal(manifest.gen.kind, "valid");
  });

  test("a valid run into an invalid run's folder replaces violations.jsonl with nothing", () => {
    const out = path.join(dir, "swap");
    assert.equal(generate(["--kind", "invalid", "--count", "3", "--out", out]).status, 0);
    assert.equal(generate(["--count", "3", "--out", out]).status, 0);
    assert.ok(!fs.existsSync(path.join(out, "violations.jsonl")));
  });
});

describe("generate --kind and --violate usage errors (exit 64)", () => {
  test("an unknown --violate keyword names the keywords there are, and a near miss", () => {
    const r = generate(["--kind", "invalid", "--violate", "patern", "--stdout"]);
    assert.equal(r.status, 64);
    assert.match(
      r.stderr,
      /--violate: unknown keyword "patern" \(did you mean pattern\?\); keywords invalid records can break are type, required, enum,.* dependentRequired, dependencies/,
    );
    assert.equal(r.stdout, "");
  });

  test("a --violate keyword the schema does not have names the ones it has", () => {
    const r = generate(["--kind", "invalid", "--violate", "multipleOf", "--stdout"]);
    assert.equal(r.status, 64);
    assert.match(
      r.stderr,
      /--violate multipleOf: the schema holds every record to no constraint of that keyword .*; the keywords it has that can be broken are type, required, enum, minimum/,
    );
  });

  test("--violate without --kind invalid", () => {
    const r = generate(["--violate", "pattern", "--stdout"]);
    assert.equal(r.status, 64);
    assert.match(r.stderr, /--violate chooses the constraints invalid records break; add --kind invalid/);
  });

  test("an unknown kind lists the kinds (boundary among them, made: test/cli/boundary.test.ts)", () => {
    const u = generate(["--kind", "wrong", "--stdout"]);
    assert.equal(u.status, 64);
    assert.match(u.stderr, /--kind: expected valid, invalid, boundary, got "wrong"/);
  });

  test("--kind invalid or boundary with an LLM mode", () => {
    for (const kind of ["invalid", "boundary"]) {
      const r = generate(["--kind", kind, "--llm-mode", "fields", "--stdout"]);
      assert.equal(r.status, 64);
      assert.match(r.stderr, new RegExp(`--kind ${kind} makes records from the generated ones alone; drop --llm-mode fields`));
    }
  });

  test("generate --help documents --kind, boundary records, violations.jsonl and --violate's keywords", () => {
    const r = runCli(["generate", "--help"], { cwd: dir });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /--kind KIND\s+valid \| invalid \| boundary\s+default valid/);
    assert.doesNotMatch(r.stdout, /not yet implemented/);
    assert.match(r.stdout, /boundary: record i is valid record i with some of the\s+schema's edges set in it/);
    assert.match(r.stdout, /violations\.jsonl: \{"index",\s+"instance_path", "schema_path", "keyword", "message", "expected"\}/);
    assert.match(r.stdout, /--violate LIST/);
    const start = r.stdout.indexOf("--violate LIST");
    const listed = r.stdout.slice(start, r.stdout.indexOf("\n  --", start + 1)).split(/[\s,]+/);
    for (const k of VIOLABLE_KEYWORDS) assert.ok(listed.includes(k), `--violate's help lists ${k}`);
    assert.match(r.stdout, /labels to stderr/);
  });
});
