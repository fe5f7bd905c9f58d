// A `$ref` to a URL in a real VS Code: the diagnostic names the settings, the quick fixes come
// through the client, and running "Add … to specmint.schemaDirs" writes the workspace setting, after
// which the server resolves the URL offline and the diagnostic goes.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as vscode from "vscode";
import { openSchema, specmint, until, workspaceFile } from "./util";

const SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  properties: { color: { $ref: "https://json.schemastore.org/palette.json#/definitions/color" } },
};
const PALETTE = { $id: "https://json.schemastore.org/palette.json", definitions: { color: { enum: ["teal", "ochre"] } } };

suite("$ref URLs offline", () => {
  const config = () => vscode.workspace.getConfiguration("specmint");

  suiteSetup(async () => {
    await specmint();
    // Written here, not in the shared workspace, so the other suites' files and Problems stay as they were.
    fs.mkdirSync(workspaceFile("remote-refs", "vendor").fsPath, { recursive: true });
    fs.writeFileSync(workspaceFile("remote-refs", "vendor", "palette.json").fsPath, JSON.stringify(PALETTE));
    fs.writeFileSync(workspaceFile("remote-refs", "remote.schema.json").fsPath, JSON.stringify(SCHEMA, null, 2) + "\n");
  });

  suiteTeardown(async () => {
    await config().update("schemaDirs", undefined, vscode.ConfigurationTarget.Workspace);
  });

  test("the quick fix adds the folder that holds the $id to specmint.schemaDirs, and the diagnostic goes", async () => {
    const doc = await openSchema("remote-refs/remote.schema.json");
    const unresolved = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === "specmint" && d.code === "ref-unresolved");
    const [diagnostic] = await until("the ref-unresolved diagnostic", () => (unresolved().length ? unresolved() : undefined));
    assert.match(
      diagnostic.message,
      /specmint\.schemaDirs setting, or map "https:\/\/json\.schemastore\.org\/" to a local folder in specmint\.refs/,
    );

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      doc.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes("Map https://json.schemastore.org/ to a local folder… (specmint.refs)"), titles.join(" | "));
    const add = actions.find((a) => a.title.startsWith("Add remote-refs/vendor to specmint.schemaDirs"));
    assert.ok(add?.command, titles.join(" | "));

    await vscode.commands.executeCommand(add.command.command, ...((add.command.arguments ?? []) as unknown[]));
    assert.deepEqual(config().inspect<string[]>("schemaDirs")?.workspaceValue, ["remote-refs/vendor"]);
    await until("no ref-unresolved diagnostic", () => (unresolved().length === 0 ? true : undefined));
  });
});
