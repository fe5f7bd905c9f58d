// `$ref`s by URL in the editor, over stdio to the real server: an unresolved URL is a diagnostic that
// names the settings (not CLI flags); `specmint.schemaDirs` (by `$id`) or `specmint.refs` (URL prefix →
// folder), relative to the workspace folder, resolve it offline, and hovers then sample the
// referenced definitions.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type MarkupContent,
} from "vscode-languageserver-protocol";
import { LspClient, positionOf } from "./lspClient";

const MAIN = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "properties": {
    "color": { "$ref": "https://json.schemastore.org/palette.json#/definitions/color" }
  },
  "required": ["color"]
}
`;
const PALETTE = { $id: "https://json.schemastore.org/palette.json", definitions: { color: { enum: ["teal", "ochre"] } } };

let client: LspClient;
let folder: string;

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-lsp-refs-"));
  fs.mkdirSync(path.join(folder, "vendor"));
  fs.writeFileSync(path.join(folder, "vendor", "a.json"), JSON.stringify(PALETTE));
  fs.mkdirSync(path.join(folder, "mirror"));
  fs.writeFileSync(path.join(folder, "mirror", "palette.json"), JSON.stringify(PALETTE));
  fs.writeFileSync(path.join(folder, "main.schema.json"), MAIN);
  client = await LspClient.start({ workspaceFolder: folder, settings: { seed: 1, hover: { samples: 3 } } });
});

after(async () => {
  await client.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

const unresolved = (ds: Diagnostic[]) => ds.filter((d) => d.code === "ref-unresolved");
const messageOf = (d: Diagnostic) => (typeof d.message === "string" ? d.message : (d.message as { value: string }).value);

test("a URL reference: a diagnostic that names the settings; schemaDirs or refs resolve it, and hovers sample it", async () => {
  const uri = pathToFileURL(path.join(folder, "main.schema.json")).href;
  await client.open(uri, MAIN);
  const before = unresolved(await client.diagnosticsFor(uri, 1, (ds) => unresolved(ds).length > 0));
  assert.equal(before.length, 1);
  const message = messageOf(before[0]);
  assert.match(message, /https:\/\/json\.schemastore\.org\/palette\.json is not available offline/);
  assert.match(message, /specmint\.schemaDirs setting, or map "https:\/\/json\.schemastore\.org\/" to a local folder in specmint\.refs/);
  assert.doesNotMatch(message, /--schema-dir|specmint\.toml/);
  assert.equal(before[0].range.start.line, 4, "on the $ref's line");

  const withSettings = async (extra: object) => {
    client.settings = { seed: 1, hover: { samples: 3 }, ...extra };
    client.diagnostics.delete(uri);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { specmint: client.settings } });
    return client.diagnosticsFor(uri, 1, (ds) => unresolved(ds).length === 0);
  };
  const hoverColor = async () => {
    const h = await client.request<unknown, Hover | null>(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(MAIN, '"color": {', 1),
    });
    assert.ok(h);
    return (h.contents as MarkupContent).value;
  };
  for (const settings of [{ schemaDirs: ["vendor"] }, { refs: { "https://json.schemastore.org/": "mirror" } }]) {
    await withSettings(settings);
    const text = await hoverColor();
    assert.match(text, /"(teal|ochre)"/, `samples of the referenced enum with ${JSON.stringify(settings)}:\n${text}`);
    assert.doesNotMatch(text, /No samples/);
  }
  // Back to no mapping: the diagnostic returns (the analysis is not reused across settings).
  client.settings = { seed: 1, hover: { samples: 3 } };
  client.diagnostics.delete(uri);
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { specmint: client.settings } });
  assert.equal(unresolved(await client.diagnosticsFor(uri, 1, (ds) => unresolved(ds).length > 0)).length, 1);
  await client.close(uri);
});

test("quick fixes: add the folder that holds the $id to specmint.schemaDirs, or map the URL prefix to a folder", async () => {
  const uri = pathToFileURL(path.join(folder, "main.schema.json")).href;
  client.settings = { seed: 1, hover: { samples: 3 } };
  await client.open(uri, MAIN);
  const diagnostics = unresolved(await client.diagnosticsFor(uri, 1, (ds) => unresolved(ds).length > 0));
  const actions = await client.request<unknown, CodeAction[]>(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostics[0].range,
    context: { diagnostics },
  });
  const add = actions.find((a) => a.command?.command === "specmint.addSchemaDir");
  const map = actions.find((a) => a.command?.command === "specmint.mapRefPrefix");
  // Both vendor/a.json and mirror/palette.json have the $id; the first folder by name is offered.
  assert.ok(add, JSON.stringify(actions));
  assert.deepEqual(add.command?.arguments, ["mirror", uri]);
  assert.match(
    add.title,
    /^Add mirror to specmint\.schemaDirs \(it holds palette\.json, whose \$id is https:\/\/json\.schemastore\.org\/palette\.json\)$/,
  );
  assert.ok(map, JSON.stringify(actions));
  assert.deepEqual(map.command?.arguments, ["https://json.schemastore.org/", uri]);
  assert.equal(map.title, "Map https://json.schemastore.org/ to a local folder… (specmint.refs)");
  await client.close(uri);
});
