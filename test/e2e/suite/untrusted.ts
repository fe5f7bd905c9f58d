// Entry of the untrusted-workspace run: the server previews but refuses to write or call a model.
import Mocha from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as vscode from "vscode";
import { specmint, workspaceFile } from "./util";

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: "tdd", timeout: 60_000, color: false, reporter: "spec" });
  mocha.suite.emit("pre-require", globalThis, "specmint-untrusted", mocha);
  suite("untrusted workspace", () => {
    test("the workspace is not trusted and the extension still activates", async () => {
      assert.equal(vscode.workspace.isTrusted, false);
      await vscode.window.showTextDocument(workspaceFile("people.schema.json"));
      const ext = await specmint();
      assert.ok(ext.isActive);
    });
    test("previews work", async () => {
      const r = await vscode.commands.executeCommand<{ samples: unknown[] }>(
        "specmint.previewSamples",
        workspaceFile("people.schema.json"),
      );
      assert.equal(r.samples.length, 5);
    });
    test("Generate Fixtures is refused with an explanation and writes nothing", async () => {
      await assert.rejects(
        Promise.resolve(
          vscode.commands.executeCommand("specmint.generateFixtures", workspaceFile("people.schema.json"), {
            count: 2,
            outDir: "out/x",
            quiet: true,
          }),
        ),
        /not trusted/,
      );
      assert.ok(!fs.existsSync(workspaceFile("out").fsPath));
    });
    test("model calls are refused", async () => {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand("specmint.newSchemaFromDescription", "anything")), /not trusted/);
    });
  });
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}
