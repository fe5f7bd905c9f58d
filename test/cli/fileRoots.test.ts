// Where a schema's referenced files may come from (issue 12): the working directory's tree, the
// schema's own folder's, and the --schema-dir folders, checked after resolving symlinks. Anything
// else is exit 2 naming the reference and how to allow it, without opening the file: its content
// never reaches the output or the message.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { assertBuilt, runCli, tempDir } from "./helpers";

const SECRET = "SECRET-CONTENT-7f3a";

function layout(): { root: string; project: string; outside: string } {
  assertBuilt();
  const root = tempDir();
  const project = path.join(root, "project");
  const outside = path.join(root, "outside");
  fs.mkdirSync(path.join(project, "schemas"), { recursive: true });
  fs.mkdirSync(path.join(project, "common"));
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, "secret.json"), JSON.stringify({ type: "string", const: SECRET }));
  fs.writeFileSync(path.join(project, "common", "name.json"), JSON.stringify({ type: "string", const: "shared" }));
  return { root, project, outside };
}

function schemaWithRef(project: string, name: string, ref: string): string {
  const file = path.join(project, "schemas", name);
  fs.writeFileSync(file, JSON.stringify({ type: "object", properties: { x: { $ref: ref } }, required: ["x"] }, null, 2));
  return path.relative(project, file);
}

test("references outside the allowed folders are refused unopened: ../../etc/passwd, /etc/hostname, file://, a symlink", () => {
  const { project } = layout();
  fs.symlinkSync(path.join(project, "..", "outside", "secret.json"), path.join(project, "schemas", "link.json"));
  const cases: [string, string][] = [
    ["passwd.schema.json", "../../../../../../../../etc/passwd"],
    ["hostname.schema.json", "/etc/hostname"],
    ["fileurl.schema.json", "file:///etc/hostname"],
    ["link.schema.json", "link.json"],
  ];
  for (const [name, ref] of cases) {
    const schema = schemaWithRef(project, name, ref);
    const r = runCli(["generate", "--schema", schema, "--count", "1", "--stdout"], { cwd: project });
    assert.equal(r.status, 2, `${ref}: ${r.stderr}`);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, new RegExp(`\\$ref "${ref.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"`));
    assert.match(r.stderr, /is outside the folders a schema may read .* it was not opened\. To allow it, .*--schema-dir/);
    assert.match(r.stderr, /#\/properties\/x\/\$ref 5:\d+/, "the reference's place");
    assert.doesNotMatch(r.stderr, /SECRET|root:x:0/, "nothing of the file's content");
  }
  const link = runCli(["generate", "--schema", "schemas/link.schema.json", "--count", "1", "--stdout"], { cwd: project });
  assert.match(link.stderr, /a symlink to .*outside[\\/]secret\.json/);
  // validate refuses the same way.
  fs.writeFileSync(path.join(project, "data.jsonl"), '{"x":"a"}\n');
  const v = runCli(["validate", "--schema", "schemas/link.schema.json", "--dataset", "data.jsonl"], { cwd: project });
  assert.equal(v.status, 2, v.stderr);
  assert.doesNotMatch(v.stderr + v.stdout, /SECRET/);
});

test("allowed: ../common from the repository root, and a folder given with --schema-dir", () => {
  const { project, outside } = layout();
  const shared = schemaWithRef(project, "shared.schema.json", "../common/name.json");
  const fromRoot = runCli(["generate", "--schema", shared, "--count", "2", "--stdout"], { cwd: project });
  assert.equal(fromRoot.status, 0, fromRoot.stderr);
  assert.deepEqual(
    fromRoot.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as unknown),
    [{ x: "shared" }, { x: "shared" }],
  );
  // Run from the schema's folder, ../common is outside both trees: refused.
  const fromSchemas = runCli(["generate", "--schema", "shared.schema.json", "--count", "1", "--stdout"], {
    cwd: path.join(project, "schemas"),
  });
  assert.equal(fromSchemas.status, 2, fromSchemas.stderr);
  const schema = schemaWithRef(project, "secret.schema.json", path.join(outside, "secret.json"));
  const given = runCli(["generate", "--schema", schema, "--count", "1", "--stdout", "--schema-dir", outside], { cwd: project });
  assert.equal(given.status, 0, given.stderr);
  assert.deepEqual(JSON.parse(given.stdout), { x: SECRET });
});

test("--schema that is not a regular file (FIFO, folder) is exit 6 at once; a $ref to a FIFO does not block", () => {
  const { project } = layout();
  const fifo = path.join(project, "schemas", "pipe.json");
  const made = spawnSync("mkfifo", [fifo]);
  if (made.status !== 0) assert.fail(`mkfifo: ${made.stderr.toString()}`);
  const r = runCli(["generate", "--schema", "schemas/pipe.json", "--count", "1", "--stdout"], { cwd: project });
  assert.equal(r.status, 6, r.stderr);
  assert.match(r.stderr, /pipe\.json is a named pipe \(FIFO\), not a regular file; give --schema a JSON file/);
  const folder = runCli(["generate", "--schema", "schemas", "--count", "1", "--stdout"], { cwd: project });
  assert.equal(folder.status, 6, folder.stderr);
  assert.match(folder.stderr, /schemas is a folder, not a regular file/);
  // Referenced, the FIFO is not read (reading it would block until a writer comes): the $ref is reported.
  const schema = schemaWithRef(project, "piped.schema.json", "pipe.json");
  const ref = runCli(["generate", "--schema", schema, "--count", "1", "--stdout"], { cwd: project });
  assert.equal(ref.status, 2, ref.stderr);
  assert.match(
    ref.stderr,
    /\$ref "pipe\.json": cannot use pipe\.json: \S*pipe\.json is a named pipe \(FIFO\), not a regular file; it was not read/,
  );
});
