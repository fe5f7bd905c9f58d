// A schema with nodes that do not compile (patterns that are no regular expressions): hovers and
// samples elsewhere keep working, from the schema without those nodes; the broken nodes say why; the
// CLI still refuses the schema, at the first broken node (exit 2).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { HoverRequest, type Hover, type MarkupContent } from "vscode-languageserver-protocol";
import { SamplesRequest, type SamplesResult } from "../../common/protocol";
import { LspClient, ROOT, fixturePath, positionOf } from "./lspClient";

const NAME = "broken.schema.json";
let client: LspClient;
let uri: string;
let text: string;

before(async () => {
  client = await LspClient.start({ settings: { seed: 1, hover: { samples: 3 } } });
  ({ uri, text } = await client.openFixture(NAME));
  await client.diagnosticsFor(uri, 1);
});
after(() => client.stop());

async function hoverAt(needle: string): Promise<string> {
  const h = await client.request<unknown, Hover | null>(HoverRequest.type, {
    textDocument: { uri },
    position: positionOf(text, needle, 1),
  });
  assert.ok(h, `a hover at ${needle}`);
  return (h.contents as MarkupContent).value;
}
function samplesOf(hover: string): unknown[] {
  const m = /```json\n([\s\S]*?)\n```/.exec(hover);
  assert.ok(m, `samples in:\n${hover}`);
  return m[1].split("\n").map((l) => JSON.parse(l) as unknown);
}

test("a healthy property of a schema with bad regexes shows samples, and says which nodes were left out", async () => {
  const name = await hoverAt('"name": {');
  assert.doesNotMatch(name, /No samples/);
  const values = samplesOf(name);
  assert.equal(values.length, 3);
  for (const v of values) assert.ok(typeof v === "string" && v.length >= 2, JSON.stringify(v));
  assert.match(name, /Made without `\/properties\/code`, `\/properties\/address\/properties\/zip`/);
  const age = samplesOf(await hoverAt('"age": {'));
  for (const v of age) assert.ok(Number.isInteger(v) && (v as number) >= 18 && (v as number) <= 99, JSON.stringify(v));
  // A sibling of a broken node inside an object, too.
  const city = samplesOf(await hoverAt('"city": {'));
  assert.ok(city.every((v) => typeof v === "string"));
});

test("a broken node's hover says why it has no samples", async () => {
  const code = await hoverAt('"code": {');
  assert.match(code, /No samples: the schema at \/properties\/code cannot be compiled: "pattern": Invalid regular expression: \/\[a-\/u/);
  const zip = await hoverAt('"zip": {');
  assert.match(
    zip,
    /No samples: the schema at \/properties\/address\/properties\/zip cannot be compiled: "pattern": Invalid regular expression/,
  );
});

test("the preview's records leave out an optional broken property (and say so); a required one stops them with its reason", async () => {
  const optional = text.replace('"required": ["city", "zip"]', '"required": ["city"]');
  const v = await client.change(uri, optional);
  await client.diagnosticsFor(uri, v);
  const r = await client.request<unknown, SamplesResult>(SamplesRequest, { uri, pointer: "", count: 5, seed: 1 });
  assert.equal(r.samples.length, 5);
  for (const rec of r.samples as { name: string; code?: string; address: { zip?: string } }[]) {
    assert.equal(typeof rec.name, "string");
    assert.equal(rec.code, undefined);
    assert.equal(rec.address.zip, undefined);
  }
  assert.deepEqual(
    r.omitted?.map((o) => o.pointer),
    ["/properties/code", "/properties/address/properties/zip"],
  );
  const v2 = await client.change(uri, text);
  await client.diagnosticsFor(uri, v2);
  await assert.rejects(
    client.request(SamplesRequest, { uri, pointer: "", count: 5, seed: 1 }),
    /the schema at \/properties\/address\/properties\/zip cannot be compiled/,
  );
});

test("the diagnostics and the CLI stay strict: each bad pattern is an error; the CLI stops at the first, located, exit 2", async () => {
  const diags = await client.diagnosticsFor(uri, 1);
  assert.deepEqual(
    diags.filter((d) => typeof d.message === "string" && /invalid regular expression/.test(d.message)).map((d) => d.range.start.line + 1),
    [9, 15],
  );
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, "dist/cli.js"), "generate", "--schema", fixturePath(NAME), "--count", "3", "--stdout"],
    {
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /the schema at \/properties\/code cannot be compiled: "pattern": Invalid regular expression/);
  assert.match(r.stderr, /broken\.schema\.json#\/properties\/code 9:5/);
});
