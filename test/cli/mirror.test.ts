// `specmint generate --kind invalid --mirror`: valid/ and invalid/ side by side, valid/ exactly what
// --kind valid writes, and each invalid record different from its valid twin only inside the place
// its label names.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Manifest } from "../../core/output";
import type { Violation } from "../../core/invalid";
import { assertBuilt, readLines, removeDir, runCli, tempDir, writeSchema } from "./helpers";

let dir: string;
let schema: string;

/** A schema with a rule, x-unique, nested objects and arrays: labels at many depths. */
const SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["id", "email", "plan", "address", "lines", "start", "end"],
  properties: {
    id: { type: "integer", minimum: 1, maximum: 1_000_000, "x-unique": true },
    email: { type: "string", format: "email" },
    plan: { enum: ["free", "pro"] },
    address: {
      type: "object",
      required: ["zip"],
      properties: { zip: { type: "string", pattern: "^[0-9]{5}$" }, city: { type: "string", minLength: 1, maxLength: 20 } },
      additionalProperties: false,
    },
    lines: {
      type: "array",
      minItems: 1,
      maxItems: 3,
      items: {
        type: "object",
        required: ["sku", "qty"],
        properties: { sku: { type: "string", minLength: 3 }, qty: { type: "integer", minimum: 1 } },
      },
    },
    start: { type: "string", format: "date" },
    end: { type: "string", format: "date" },
    // Optional containers: a constraint below them in a record that lacks them is broken elsewhere.
    shipping: {
      type: "object",
      required: ["zip"],
      properties: { zip: { type: "string", pattern: "^[0-9]{5}$" }, note: { type: "string", maxLength: 10 } },
    },
    tags: { type: "array", maxItems: 3, items: { type: "string", minLength: 2 } },
  },
  "x-cross-field-rules": ["start <= end"],
};

before(() => {
  assertBuilt();
  dir = tempDir();
  schema = writeSchema(dir, "order.schema.json", SCHEMA);
});
after(() => removeDir(dir));

function generate(args: string[], cwd = dir) {
  return runCli(["generate", "--schema", schema, ...args], { cwd, env: { SOURCE_DATE_EPOCH: "1767225600" } });
}

/** JSON pointers where two values differ (a value present in one only differs at its own pointer). */
function differences(a: unknown, b: unknown, at = ""): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const bothObjects = (x: unknown) => typeof x === "object" && x !== null && !Array.isArray(x);
  if (bothObjects(a) && bothObjects(b)) {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])];
    return keys.flatMap((k) => differences(x[k], y[k], `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((v, k) => differences(v, b[k], `${at}/${k}`));
  return [at];
}

describe("generate --kind invalid --mirror", () => {
  test("valid/ is byte for byte what --kind valid writes; invalid/ what --kind invalid writes; each pair differs only inside the labelled path", () => {
    const mirror = path.join(dir, "mirror");
    const r = generate(["--kind", "invalid", "--mirror", "--count", "120", "--seed", "7", "--out", mirror, "--format", "json,jsonl,csv"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /wrote 120 invalid records to .*invalid .*each beside its valid twin in .*valid/);
    assert.deepEqual(fs.readdirSync(mirror).sort(), ["invalid", "valid"]);
    for (const [kind, folder] of [
      ["valid", "valid"],
      ["invalid", "invalid"],
    ]) {
      const alone = path.join(dir, `alone-${kind}`);
      assert.equal(generate(["--kind", kind, "--count", "120", "--seed", "7", "--out", alone, "--format", "json,jsonl,csv"]).status, 0);
      const files = fs.readdirSync(alone).sort();
      assert.deepEqual(fs.readdirSync(path.join(mirror, folder)).sort(), files);
      assert.equal(files.includes("violations.jsonl"), kind === "invalid");
      for (const f of files.filter((x) => x !== "manifest.json"))
        assert.ok(fs.readFileSync(path.join(mirror, folder, f)).equals(fs.readFileSync(path.join(alone, f))), `${folder}/${f}`);
      // Everything but stats (counters of the run, which made both folders) is deterministic.
      const read = (p: string) => {
        const { stats: _stats, ...m } = JSON.parse(fs.readFileSync(path.join(p, "manifest.json"), "utf8")) as Manifest;
        return m;
      };
      assert.deepEqual(read(path.join(mirror, folder)), read(alone));
    }
    const valid = readLines(path.join(mirror, "valid", "dataset.jsonl")).map((l) => JSON.parse(l) as unknown);
    const invalid = readLines(path.join(mirror, "invalid", "dataset.jsonl")).map((l) => JSON.parse(l) as unknown);
    const labels = readLines(path.join(mirror, "invalid", "violations.jsonl")).map((l) => JSON.parse(l) as Violation);
    const depths = new Set<number>();
    labels.forEach((label, k) => {
      const diff = differences(valid[k], invalid[k]);
      assert.ok(diff.length > 0, `record ${k + 1} is its valid twin`);
      for (const p of diff)
        assert.ok(
          p === label.instance_path || p.startsWith(label.instance_path + "/"),
          `record ${k + 1} differs at ${p}, outside ${label.instance_path || "/"} (${label.keyword})`,
        );
      depths.add(label.instance_path.split("/").length - 1);
    });
    assert.deepEqual([...depths].sort(), [0, 1, 2, 3]);
  });

  test("mirror = true in specmint.toml", () => {
    const cwd = path.join(dir, "toml");
    fs.mkdirSync(cwd);
    fs.writeFileSync(path.join(cwd, "specmint.toml"), `kind = "invalid"\nmirror = true\ncount = 4\nout = "o"\nformat = "jsonl"\n`);
    const r = generate([], cwd);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readLines(path.join(cwd, "o", "valid", "dataset.jsonl")).length, 4);
    assert.equal(readLines(path.join(cwd, "o", "invalid", "violations.jsonl")).length, 4);
  });

  test("a run replaces an earlier mirror whole, and a plain run replaces a mirror", () => {
    const out = path.join(dir, "again");
    assert.equal(generate(["--kind", "invalid", "--mirror", "--count", "12", "--out", out]).status, 0);
    assert.equal(generate(["--kind", "invalid", "--mirror", "--count", "3", "--out", out]).status, 0);
    assert.deepEqual(
      fs.readdirSync(path.join(out, "valid")).filter((f) => f.startsWith("record_")),
      ["record_0001.json", "record_0002.json", "record_0003.json"],
    );
    assert.equal(generate(["--count", "2", "--out", out]).status, 0);
    assert.deepEqual(fs.readdirSync(out).sort(), ["dataset.jsonl", "manifest.json", "record_0001.json", "record_0002.json"]);
    assert.ok(fs.readdirSync(dir).every((f) => !f.includes("specmint-tmp")));
  });

  test("generate --help documents --mirror", () => {
    const r = runCli(["generate", "--help"], { cwd: dir });
    assert.match(
      r.stdout,
      /--mirror\s+with --kind invalid: write <out>\/valid\/ \(exactly what --kind valid\s+writes\) and <out>\/invalid\//,
    );
  });

  test("--mirror needs --kind invalid and a folder", () => {
    const a = generate(["--mirror", "--stdout"]);
    assert.equal(a.status, 64);
    assert.match(a.stderr, /--mirror writes each invalid record beside its valid twin \(valid\/ and invalid\/\); add --kind invalid/);
    const b = generate(["--kind", "invalid", "--mirror", "--stdout"]);
    assert.equal(b.status, 64);
    assert.match(b.stderr, /--mirror writes two folders; drop --stdout/);
  });
});
