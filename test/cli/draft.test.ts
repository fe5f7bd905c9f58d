// The draft of a schema without $schema, as a user of the CLI meets it: inferred with a note on
// stderr, chosen with --draft (or SPECMINT_DRAFT, or `draft` in specmint.toml), refused when unknown.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { assertBuilt, runCli } from "./helpers";
import { stockValidator } from "../support/stockValidator";
import type { Manifest } from "../../core/output";

// A draft-07 tuple: under 2020-12's rules `items` must be one schema, so the draft decides everything.
const TUPLE = { type: "array", items: [{ type: "integer", minimum: 1 }, { enum: ["a", "b"] }], additionalItems: false, minItems: 2 };

function folderWithSchema(): string {
  assertBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-draft-"));
  fs.writeFileSync(path.join(dir, "pair.schema.json"), JSON.stringify(TUPLE, null, 2));
  return dir;
}

test("without $schema the draft is inferred, said on stderr with its reason, and the records are valid in it", () => {
  const cwd = folderWithSchema();
  const r = runCli(["generate", "--schema", "pair.schema.json", "--count", "20", "--stdout"], { cwd });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /specmint: note: draft-assumed: no \$schema; read as draft-07 because of items \(an array\) at \/items/);
  assert.match(r.stderr, /add "\$schema" or pass --draft/);
  const validate = stockValidator("07").ajv.compile(TUPLE);
  const lines = r.stdout.trim().split("\n");
  assert.equal(lines.length, 20);
  for (const line of lines) assert.ok(validate(JSON.parse(line)), line);
});

test("--draft, SPECMINT_DRAFT and specmint.toml choose the draft; no note then", () => {
  const cwd = folderWithSchema();
  // Read as 2020-12, array-form items is not a schema: the schema is refused (exit 2) with the place.
  const flag = runCli(["generate", "--schema", "pair.schema.json", "--count", "3", "--stdout", "--draft", "2020-12"], { cwd });
  assert.equal(flag.status, 2, flag.stderr);
  assert.doesNotMatch(flag.stderr, /draft-assumed/);
  assert.match(flag.stderr, /items/);
  const env = runCli(["generate", "--schema", "pair.schema.json", "--count", "3", "--stdout"], {
    cwd,
    env: { SPECMINT_DRAFT: "draft-07" },
  });
  assert.equal(env.status, 0, env.stderr);
  assert.doesNotMatch(env.stderr, /draft-assumed/);
  fs.writeFileSync(path.join(cwd, "specmint.toml"), 'draft = "2020-12"\n');
  assert.equal(runCli(["generate", "--schema", "pair.schema.json", "--count", "3", "--stdout"], { cwd }).status, 2);
});

test("an unknown --draft is a usage error (exit 64) that lists the drafts", () => {
  const cwd = folderWithSchema();
  const r = runCli(["generate", "--schema", "pair.schema.json", "--stdout", "--draft", "draft-5"], { cwd });
  assert.equal(r.status, 64, r.stderr);
  assert.match(r.stderr, /--draft/);
  assert.match(r.stderr, /2020-12, 2019-09, 07, 06, 04/);
});

test("validate and inspect read the schema in the same draft as generate, and take --draft too", () => {
  const cwd = folderWithSchema();
  assert.equal(runCli(["generate", "--schema", "pair.schema.json", "--count", "5", "--out", "out"], { cwd }).status, 0);
  const inferred = runCli(["validate", "--schema", "pair.schema.json", "--dataset", "out"], { cwd });
  assert.equal(inferred.status, 0, inferred.stderr);
  const told = runCli(["validate", "--schema", "pair.schema.json", "--dataset", "out", "--draft", "2020-12"], { cwd });
  assert.equal(told.status, 2, told.stderr);
  const bad = runCli(["inspect", "--dataset", "out", "--schema", "pair.schema.json", "--draft", "8"], { cwd });
  assert.equal(bad.status, 64, bad.stderr);
  assert.match(bad.stderr, /--draft: expected a draft: 2020-12, 2019-09, 07, 06, 04, got "8"; see specmint inspect --help/);
});

test("the manifest says which draft the schema was read as, and that it was assumed", () => {
  const cwd = folderWithSchema();
  assert.equal(runCli(["generate", "--schema", "pair.schema.json", "--count", "2", "--out", "inferred"], { cwd }).status, 0);
  assert.equal(runCli(["generate", "--schema", "pair.schema.json", "--count", "2", "--out", "given", "--draft", "7"], { cwd }).status, 0);
  const draftOf = (dir: string) => (JSON.parse(fs.readFileSync(path.join(cwd, dir, "manifest.json"), "utf8")) as Manifest).schema.draft;
  assert.deepEqual(draftOf("inferred"), { version: "07", assumed: true, source: "inferred" });
  assert.deepEqual(draftOf("given"), { version: "07", assumed: false, source: "option" });
});
