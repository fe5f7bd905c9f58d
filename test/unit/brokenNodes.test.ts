import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { loadSchemaFile, loadSchemaText } from "../../core/schema/load";
import { brokenNodes, withoutBrokenNodes, Generator } from "../../core/engine";
import { SpecMintError } from "../../core/base/errors";

const load = (schema: unknown) => loadSchemaText(JSON.stringify(schema, null, 2), undefined);

test("schemas that compile have no broken node (the examples)", () => {
  const dir = path.join(__dirname, "../../examples");
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".schema.json"))) {
    assert.deepEqual(brokenNodes(loadSchemaFile(path.join(dir, f))), [], f);
  }
});

test("a bad regex, a bad type and a bad patternProperties key are broken nodes, each with its keyword", () => {
  const loaded = load({
    type: "object",
    required: ["b"],
    properties: { a: { type: "string", pattern: "[a-", minLength: 1 }, b: { type: "strnig" }, c: { type: "string" } },
    patternProperties: { "(": { type: "string" } },
  });
  const broken = brokenNodes(loaded);
  assert.deepEqual(
    broken.map((b) => [b.pointer, b.keywords, b.omittable]),
    [
      ["", ["patternProperties"], false],
      ["/properties/a", ["pattern"], true],
      ["/properties/b", ["type"], false],
    ],
  );
  assert.match(broken[1].message, /^the schema at \/properties\/a cannot be compiled: "pattern": Invalid regular expression/);
  // Without them: the optional property is false, the others lose only the keywords that do not compile.
  assert.deepEqual(withoutBrokenNodes(loaded.main.root, broken), {
    type: "object",
    required: ["b"],
    properties: { a: false, b: {}, c: { type: "string" } },
  });
});

test("the CLI's generator still refuses the schema, at the broken node", () => {
  const loaded = load({ type: "object", properties: { ok: { type: "string" }, code: { type: "string", pattern: "[a-" } } });
  assert.throws(
    () => new Generator(loaded, { seed: 1 }),
    (e: unknown) => e instanceof SpecMintError && e.kind === "schema" && e.location.pointer === "/properties/code" && e.location.line === 7,
  );
});
