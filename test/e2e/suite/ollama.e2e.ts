// The Ollama commands against the stand-in server (its URL is in the user settings).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { openSchema, specmint, until, workspaceFile } from "./util";

suite("Ollama commands (stand-in)", () => {
  const config = () => vscode.workspace.getConfiguration("specmint");

  suiteSetup(async () => {
    await specmint();
    assert.match(String(config().get("ollama.host")), /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  suiteTeardown(async () => {
    await config().update("llm.mode", undefined, vscode.ConfigurationTarget.Workspace);
    await config().update("ollama.model", undefined, vscode.ConfigurationTarget.Workspace);
  });

  test("Check Ollama reports the host, its models and the configured model", async () => {
    const s = await vscode.commands.executeCommand<{ reachable: boolean; found?: { name: string }; report: string; problem?: string }>(
      "specmint.doctor",
      { quiet: true },
    );
    assert.equal(s.reachable, true);
    assert.equal(s.found?.name, "qwen2.5:latest");
    assert.equal(s.problem, undefined);
    assert.match(s.report, /qwen2\.5:latest: available/);
  });

  test("the status item shows the model and whether the host has it", async () => {
    await openSchema("story.schema.json");
    await config().update("llm.mode", "fields", vscode.ConfigurationTarget.Workspace);
    const ext = await specmint();
    const text = await until("status with ✓", () => (/✓|✗/.test(ext.exports.statusText()) ? ext.exports.statusText() : undefined));
    assert.equal(text, "SpecMint: seed 1 · qwen2.5 ✓");
  });

  test("Select Model with a missing model pulls it with progress", async () => {
    const r = await vscode.commands.executeCommand<{ model: string; available: boolean; pulled: boolean }>(
      "specmint.selectModel",
      "llama3.2:1b",
      { pull: true },
    );
    assert.deepEqual(r, { model: "llama3.2:1b", available: true, pulled: true });
    assert.equal(config().get("ollama.model"), "llama3.2:1b");
    const again = await vscode.commands.executeCommand<{ pulled: boolean; available: boolean }>("specmint.selectModel", "qwen2.5:latest");
    assert.deepEqual(again, { model: "qwen2.5:latest", available: true, pulled: false });
  });

  test("Generate Fixtures with Ollama writes a manifest with model calls", async () => {
    const schema = workspaceFile("story.schema.json");
    const r = await vscode.commands.executeCommand<{
      outDir: string;
      manifest: { llm: { model: string } | null; gen: { mode: string }; stats: { llm_calls: number } };
    }>("specmint.enrichWithOllama", schema, { count: 3, seed: 1, outDir: "out/story", quiet: true });
    assert.equal(r.manifest.gen.mode, "fields");
    assert.equal(r.manifest.llm?.model, "qwen2.5:latest");
    assert.ok(r.manifest.stats.llm_calls >= 3, JSON.stringify(r.manifest.stats));
    const onDisk = JSON.parse(fs.readFileSync(path.join(r.outDir, "manifest.json"), "utf8")) as typeof r.manifest;
    assert.equal(onDisk.stats.llm_calls, r.manifest.stats.llm_calls);
    const records = fs
      .readFileSync(path.join(r.outDir, "dataset.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { bio?: unknown });
    assert.equal(records.length, 3);
    for (const rec of records) assert.equal(typeof rec.bio, "string");
  });

  test("New Schema from Description opens the drafted schema", async () => {
    const r = await vscode.commands.executeCommand<{ schema: Record<string, unknown>; uri: string }>(
      "specmint.newSchemaFromDescription",
      "library members with a name and a join date",
    );
    assert.equal(r.schema.type, "object");
    assert.equal(r.schema.$schema, "https://json-schema.org/draft/2020-12/schema");
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === r.uri);
    assert.ok(doc?.isUntitled);
    assert.deepEqual(JSON.parse(doc.getText()), r.schema);
  });
});
