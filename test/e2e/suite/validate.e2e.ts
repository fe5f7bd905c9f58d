// Validate Dataset inside a real VS Code: which schema a dataset is paired with (its manifest.json over
// another schema in the active editor, an earlier choice, none at all), what the result says about
// it, and Problems entries that go when the dataset is validated again, closed or deleted.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as vscode from "vscode";
import { openSchema, specmint, until, workspaceFile } from "./util";

interface ValidateResult {
  records: number;
  schema: number;
  schemaUsed: { uri: string; path: string; source: string };
  mispaired: boolean;
}

const PEOPLE = { id: 1, name: "Ada", age: 36, plan: "pro" };
const BAD = [PEOPLE, { id: 2, name: "Bob", age: "old" }, { id: 3, age: 40 }];

function writeJsonl(uri: vscode.Uri, records: unknown[]): vscode.Uri {
  fs.writeFileSync(uri.fsPath, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return uri;
}

function validate(schema: vscode.Uri | undefined, dataset: vscode.Uri): Promise<ValidateResult> {
  return Promise.resolve(vscode.commands.executeCommand<ValidateResult>("specmint.validateDataset", schema, dataset));
}

/** The Problems entries Validate Dataset put on a file. */
const entries = (file: vscode.Uri) =>
  vscode.languages.getDiagnostics(file).filter((d) => d.source === "specmint" && /^record /.test(d.message));

const until0 = (what: string, file: vscode.Uri) => until(what, () => (entries(file).length === 0 ? true : undefined));

/** Deletes a file or folder as the explorer does: a workspace edit, which fires onDidDeleteFiles. */
async function deleteAsExplorer(uri: vscode.Uri): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.deleteFile(uri, { recursive: true, ignoreIfNotExists: false });
  assert.ok(await vscode.workspace.applyEdit(edit), `deleted ${uri.fsPath}`);
}

suite("Validate Dataset: the schema it pairs a dataset with, and its Problems entries", () => {
  const people = () => workspaceFile("people.schema.json");
  const story = () => workspaceFile("story.schema.json");
  const at = (...p: string[]) => workspaceFile("validate", ...p);

  suiteSetup(async () => {
    await specmint();
    fs.mkdirSync(at().fsPath, { recursive: true });
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  test("a generated folder is validated against its manifest's schema, not another one in the active editor, and says so", async () => {
    const gen = await vscode.commands.executeCommand<{ outDir: string }>("specmint.generateFixtures", people(), {
      count: 6,
      seed: 2,
      outDir: "validate/people",
      quiet: true,
    });
    await openSchema("story.schema.json");
    const r = await validate(undefined, vscode.Uri.file(gen.outDir));
    assert.deepEqual(r.schemaUsed, { uri: people().toString(), path: "people.schema.json", source: "manifest" });
    assert.equal(r.records, 6);
    assert.equal(r.schema, 100);
    assert.equal(r.mispaired, false);
    // A file of the folder pairs with the manifest too.
    const jsonl = await validate(undefined, at("people", "dataset.jsonl"));
    assert.equal(jsonl.schemaUsed.source, "manifest");
    assert.equal(jsonl.schema, 100);
    // So does Inspect Dataset: the people schema's fields, none of the story schema's.
    const stats = await vscode.commands.executeCommand<{ fields: { path: string; declared?: boolean }[] }>(
      "specmint.inspectDataset",
      vscode.Uri.file(gen.outDir),
    );
    const paths = stats.fields.map((f) => f.path);
    assert.ok(paths.includes("/age") && !paths.includes("/bio"), paths.join(", "));
  });

  test("a wrong schema is not silent: no valid record says the pairing is probably wrong", async () => {
    const r = await validate(story(), at("people"));
    assert.equal(r.schema, 0);
    assert.equal(r.mispaired, true);
    assert.deepEqual(r.schemaUsed, { uri: story().toString(), path: "story.schema.json", source: "argument" });
  });

  test("without a manifest or a schema in the active editor, a program's call is refused instead of guessing", async () => {
    const plain = at("plain.json");
    fs.writeFileSync(plain.fsPath, '{ "a": 1 }\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(plain));
    const dataset = writeJsonl(at("unpaired.jsonl"), [PEOPLE]);
    await assert.rejects(validate(undefined, dataset), /no schema goes with validate\/unpaired\.jsonl/);
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  test("a schema chosen for a dataset is remembered over the active editor and named in the result", async () => {
    const dataset = writeJsonl(at("chosen.jsonl"), [PEOPLE]);
    const chosen = await vscode.commands.executeCommand<ValidateResult>("specmint.chooseDatasetSchema", dataset, people());
    assert.equal(chosen.schemaUsed.source, "picked");
    await openSchema("story.schema.json");
    const again = await validate(undefined, dataset);
    assert.deepEqual(again.schemaUsed, { uri: people().toString(), path: "people.schema.json", source: "remembered" });
    assert.equal(again.schema, 100);
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  test("validating a dataset again replaces its own Problems entries and keeps another dataset's", async () => {
    const fixed = writeJsonl(at("to-fix.jsonl"), BAD);
    const other = writeJsonl(at("other.jsonl"), BAD);
    await validate(people(), fixed);
    await validate(people(), other);
    // Lines 2 and 3 (0-based 1 and 2) hold the bad records; validating other.jsonl left them.
    assert.deepEqual([...new Set(entries(fixed).map((d) => d.range.start.line))].sort(), [1, 2]);
    const before = entries(other).length;
    assert.ok(before > 0);
    writeJsonl(fixed, [PEOPLE, { ...PEOPLE, id: 2 }, { ...PEOPLE, id: 3 }]);
    const r = await validate(people(), fixed);
    assert.equal(r.schema, 100);
    assert.deepEqual(entries(fixed), []);
    assert.equal(entries(other).length, before);
  });

  test("closing a dataset's file takes its Problems entries away", async () => {
    const dataset = writeJsonl(at("closed.jsonl"), BAD);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(dataset));
    await validate(people(), dataset);
    assert.ok(entries(dataset).length > 0);
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
    await until0("closed.jsonl's entries to go", dataset);
  });

  test("deleting a dataset's file, or a generated folder, takes its Problems entries away", async () => {
    const dataset = writeJsonl(at("deleted.jsonl"), BAD);
    await validate(people(), dataset);
    assert.ok(entries(dataset).length > 0);
    // Deleted as the explorer deletes (a workspace edit: onDidDeleteFiles). A deletion outside the editor
    // reaches the extension only through the file watcher, which under load in CI once missed it for 30 s.
    await deleteAsExplorer(dataset);
    await until0("deleted.jsonl's entries to go", dataset);

    const gen = await vscode.commands.executeCommand<{ outDir: string }>("specmint.generateFixtures", people(), {
      count: 2,
      outDir: "validate/gone",
      quiet: true,
    });
    const record = vscode.Uri.file(`${gen.outDir}/record_0001.json`);
    const r = await validate(story(), vscode.Uri.file(gen.outDir));
    assert.equal(r.mispaired, true);
    assert.ok(entries(record).length > 0, "no entry on record_0001.json");
    await deleteAsExplorer(vscode.Uri.file(gen.outDir));
    await until0("the entries of the deleted folder to go", record);
  });
});
