// A schema with one node that does not compile (a pattern that is no regular expression), in a
// real VS Code: hovers elsewhere show samples, the broken node's hover says why, and the preview's
// records leave the optional broken property out.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { openSchema, specmint, until, workspaceFile } from "./util";

async function hoverText(doc: vscode.TextDocument, needle: string, done: (text: string) => boolean): Promise<string> {
  const at = doc.positionAt(doc.getText().indexOf(needle) + 2);
  return until(`a hover at ${needle}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, at);
    const all = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : (c as vscode.MarkdownString).value))).join("\n");
    return done(all) ? all : undefined;
  });
}

suite("a schema with one bad regex", () => {
  suiteSetup(async () => {
    await specmint();
  });

  test("hover on a healthy property shows samples; on the broken one, why it has none", async () => {
    const doc = await openSchema("regex-broken.schema.json");
    const age = await hoverText(doc, '"age": {', (t) => /```json|No samples/.test(t) && !/still (checking|generating)/.test(t));
    assert.doesNotMatch(age, /No samples/);
    const values = /```json\n([\s\S]*?)\n```/.exec(age)![1].split("\n").map(Number);
    assert.ok(values.length > 0 && values.every((v) => Number.isInteger(v) && v >= 18 && v <= 99), age);
    assert.match(age, /Made without `\/properties\/code`/);
    const code = await hoverText(doc, '"code": {', (t) => /No samples|```json/.test(t) && !/still (checking|generating)/.test(t));
    assert.match(code, /No samples: the schema at \/properties\/code cannot be compiled: "pattern": Invalid regular expression/);
  });

  test("Preview Samples shows records without the broken optional property", async () => {
    const result = await vscode.commands.executeCommand<{ samples: Record<string, unknown>[] }>(
      "specmint.previewSamples",
      workspaceFile("regex-broken.schema.json"),
    );
    assert.ok(result.samples.length > 0);
    for (const r of result.samples) {
      assert.equal(typeof r.name, "string");
      assert.equal(r.code, undefined);
    }
  });
});
