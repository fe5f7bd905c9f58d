// `$ref`s to other documents by URL, as the catalog schemas write them (https://json.schemastore.org/…):
// resolved offline from --schema-dir folders by `$id`, from a [refs] URL-prefix map in specmint.toml,
// or refused with exit 2 naming the URL, where it is referred to and how to map it. Never fetched.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { assertBuilt, runCli, tempDir } from "./helpers";

const MAIN = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  properties: {
    color: { $ref: "https://json.schemastore.org/palette.json#/definitions/color" },
    size: { $ref: "https://json.schemastore.org/palette.json#/definitions/size" },
  },
  required: ["color", "size"],
};
// palette.json refers on to sizes.json by a relative URL, which resolves against its own URL.
const PALETTE = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://json.schemastore.org/palette.json",
  definitions: { color: { enum: ["teal", "ochre"] }, size: { $ref: "sizes.json#/definitions/size" } },
};
const SIZES = {
  $id: "https://json.schemastore.org/sizes.json",
  definitions: { size: { type: "integer", minimum: 3, maximum: 5 } },
};

function project(): string {
  assertBuilt();
  const cwd = tempDir();
  fs.writeFileSync(path.join(cwd, "main.schema.json"), JSON.stringify(MAIN, null, 2));
  // File names that are not the URLs' last segments: a schema folder is indexed by $id, not by name.
  fs.mkdirSync(path.join(cwd, "vendor"));
  fs.writeFileSync(path.join(cwd, "vendor", "a.json"), JSON.stringify(PALETTE, null, 2));
  fs.writeFileSync(path.join(cwd, "vendor", "b.json"), JSON.stringify(SIZES, null, 2));
  return cwd;
}

function assertRecords(stdout: string, count: number): void {
  const lines = stdout.trim().split("\n");
  assert.equal(lines.length, count);
  for (const line of lines) {
    const r = JSON.parse(line) as { color: string; size: number };
    assert.ok(["teal", "ochre"].includes(r.color), line);
    assert.ok(Number.isInteger(r.size) && r.size >= 3 && r.size <= 5, line);
  }
}

test("an unresolved URL: exit 2 with the URL, the referring pointer and line:column, and how to map it", () => {
  const cwd = project();
  const r = runCli(["generate", "--schema", "main.schema.json", "--count", "3", "--stdout"], { cwd });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /\$ref "https:\/\/json\.schemastore\.org\/palette\.json#\/definitions\/color"/);
  assert.match(r.stderr, /is not available offline \(SpecMint never fetches schemas\)/);
  assert.match(r.stderr, /--schema-dir DIR/);
  assert.match(r.stderr, /\[refs\] "https:\/\/json\.schemastore\.org\/" = "path\/to\/folder"/);
  assert.match(r.stderr, /main\.schema\.json#\/properties\/color\/\$ref 6:\d+/);
});

test("--schema-dir: documents found by $id, and their own relative references against their URL", () => {
  const cwd = project();
  const r = runCli(["generate", "--schema", "main.schema.json", "--count", "20", "--stdout", "--schema-dir", "vendor"], { cwd });
  assert.equal(r.status, 0, r.stderr);
  assertRecords(r.stdout, 20);
  // Repeatable: the folder that has the documents may come second; SPECMINT_SCHEMA_DIRS works too.
  fs.mkdirSync(path.join(cwd, "empty"));
  const two = runCli(
    ["generate", "--schema", "main.schema.json", "--count", "5", "--stdout", "--schema-dir", "empty", "--schema-dir", "vendor"],
    {
      cwd,
    },
  );
  assert.equal(two.status, 0, two.stderr);
  assertRecords(two.stdout, 5);
  const env = runCli(["generate", "--schema", "main.schema.json", "--count", "5", "--stdout"], {
    cwd,
    env: { SPECMINT_SCHEMA_DIRS: ["empty", "vendor"].join(path.delimiter) },
  });
  assert.equal(env.status, 0, env.stderr);
  assert.equal(env.stdout, two.stdout);
  // Tried but not found: the message says where it looked.
  const miss = runCli(["generate", "--schema", "main.schema.json", "--count", "5", "--stdout", "--schema-dir", "empty"], { cwd });
  assert.equal(miss.status, 2, miss.stderr);
  assert.match(miss.stderr, /not found through 1 schema folder/);
  // A folder that does not exist is a usage error naming it.
  const bad = runCli(["generate", "--schema", "main.schema.json", "--count", "5", "--stdout", "--schema-dir", "nope"], { cwd });
  assert.equal(bad.status, 64, bad.stderr);
  assert.match(bad.stderr, /--schema-dir: no such folder: .*nope/);
});

test("[refs] in specmint.toml maps a URL prefix to a folder (and schema-dir works there too)", () => {
  const cwd = project();
  // By the map, the file is the rest of the URL's path under the folder.
  fs.mkdirSync(path.join(cwd, "mirror"));
  fs.copyFileSync(path.join(cwd, "vendor", "a.json"), path.join(cwd, "mirror", "palette.json"));
  fs.copyFileSync(path.join(cwd, "vendor", "b.json"), path.join(cwd, "mirror", "sizes.json"));
  fs.writeFileSync(path.join(cwd, "specmint.toml"), '[refs]\n"https://json.schemastore.org/" = "mirror"\n');
  const mapped = runCli(["generate", "--schema", "main.schema.json", "--count", "20", "--stdout"], { cwd });
  assert.equal(mapped.status, 0, mapped.stderr);
  assertRecords(mapped.stdout, 20);
  fs.writeFileSync(path.join(cwd, "specmint.toml"), 'schema-dir = ["vendor"]\n');
  const dirs = runCli(["generate", "--schema", "main.schema.json", "--count", "20", "--stdout"], { cwd });
  assert.equal(dirs.status, 0, dirs.stderr);
  assert.equal(dirs.stdout, mapped.stdout);
  // A prefix that is not a URL is refused where it was written.
  fs.writeFileSync(path.join(cwd, "specmint.toml"), '[refs]\n"schemastore" = "mirror"\n');
  const bad = runCli(["generate", "--schema", "main.schema.json", "--count", "1", "--stdout"], { cwd });
  assert.equal(bad.status, 64, bad.stderr);
  assert.match(bad.stderr, /specmint\.toml: refs: "schemastore": expected a URL prefix/);
});

test("validate and inspect take --schema-dir as generate does", () => {
  const cwd = project();
  const gen = runCli(["generate", "--schema", "main.schema.json", "--count", "10", "--out", "out", "--schema-dir", "vendor"], { cwd });
  assert.equal(gen.status, 0, gen.stderr);
  const ok = runCli(["validate", "--schema", "main.schema.json", "--dataset", "out", "--schema-dir", "vendor"], { cwd });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const refused = runCli(["validate", "--schema", "main.schema.json", "--dataset", "out"], { cwd });
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(refused.stderr, /not available offline/);
  const inspect = runCli(["inspect", "--schema", "main.schema.json", "--dataset", "out", "--schema-dir", "vendor", "--json"], { cwd });
  assert.equal(inspect.status, 0, inspect.stderr);
});
