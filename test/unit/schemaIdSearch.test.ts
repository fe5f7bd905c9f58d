// The bounded search of the `$ref`-URL quick fix (server/schemaIdSearch.ts): which file holds an
// `$id`, breadth-first by name from the schema's folder, skipping node_modules and dot-folders, and
// reading at most MAX_SEARCHED_FILES files.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MAX_SEARCHED_FILES, searchSchemaIds } from "../../server/schemaIdSearch";

let root: string;
const write = (rel: string, value: unknown) => {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
};

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-id-search-"));
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

test("the nearest file by name holds an $id; fragments and draft-04 id count; node_modules and dot-folders do not", () => {
  const near = write("b/palette.json", { $id: "https://x.example/palette.json#" });
  write("b/deeper/c/palette.json", { $id: "https://x.example/palette.json" });
  write("z/old.json", { id: "https://x.example/old.json" });
  write("node_modules/pkg/hidden.json", { $id: "https://x.example/hidden.json" });
  write(".cache/dot.json", { $id: "https://x.example/dot.json" });
  write("a/broken.json", "{ not json");
  const index = searchSchemaIds([root]);
  assert.equal(index.get("https://x.example/palette.json"), near);
  assert.equal(index.get("https://x.example/old.json"), path.join(root, "z/old.json"));
  assert.equal(index.has("https://x.example/hidden.json"), false);
  assert.equal(index.has("https://x.example/dot.json"), false);
});

test(`at most ${MAX_SEARCHED_FILES} files are read`, () => {
  const many = path.join(root, "many");
  for (let i = 0; i < MAX_SEARCHED_FILES + 10; i++)
    write(`many/f${String(i).padStart(4, "0")}.json`, { $id: `https://many.example/${i}.json` });
  const index = searchSchemaIds([many]);
  assert.equal(index.size, MAX_SEARCHED_FILES);
  assert.equal(index.has(`https://many.example/${MAX_SEARCHED_FILES + 9}.json`), false);
});
