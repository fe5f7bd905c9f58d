// Inside a real VS Code: the extension activates on a schema file and the bundled language server
// publishes diagnostics for it.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function workspaceFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
}

suite("activation and diagnostics", () => {
  test("the extension activates when a schema file opens", async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile("good.schema.json"));
    await vscode.window.showTextDocument(doc);
    const ext = await waitFor("the SpecMint extension", () => vscode.extensions.getExtension("specmint.specmint"));
    await waitFor("activation", () => (ext.isActive ? true : undefined));
  });

  test("an unsatisfiable schema gets a specmint diagnostic at the node", async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile("bad.schema.json"));
    await vscode.window.showTextDocument(doc);
    const diags = await waitFor("specmint diagnostics", () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === "specmint");
      return d.length ? d : undefined;
    });
    console.log("diagnostics:", JSON.stringify(diags.map((d) => [d.code, d.message, d.range.start.line])));
    assert.ok(diags.some((d) => /minimum 10 is greater than maximum 5/.test(d.message)));
    assert.equal(diags[0].range.start.line, 4);
  });
});
