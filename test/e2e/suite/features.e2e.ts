// The commands on a schema, inside a real VS Code: hover samples, the preview, generation (and its
// cancellation), dataset validation into the Problems panel, dataset statistics.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { cliRecords, openSchema, specmint, until, workspaceFile } from "./util";

interface GenerateResult {
  outDir: string;
  files: string[];
  manifest: { dataset_id: string; stats: { records: number; llm_calls?: number }; gen: { seed: number } };
}

suite("schema commands", () => {
  suiteSetup(async () => {
    await specmint();
  });

  test("the status item shows the seed and the LLM mode", async () => {
    await openSchema("people.schema.json");
    const ext = await specmint();
    const text = await until("status text", () =>
      ext.exports.statusText().startsWith("SpecMint:") ? ext.exports.statusText() : undefined,
    );
    assert.equal(text, "SpecMint: seed 1 · off");
  });

  test("hover on a property shows constraints and sample values", async () => {
    const doc = await openSchema("people.schema.json");
    const at = doc.positionAt(doc.getText().indexOf('"age": {') + 2);
    const text = await until("a hover with samples", async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, at);
      const all = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : (c as vscode.MarkdownString).value))).join("\n");
      return /```json/.test(all) ? all : undefined;
    });
    console.log("hover:", text.replace(/\n/g, " ⏎ "));
    assert.match(text, /120/);
  });

  test("Preview Samples shows the CLI's first records for the seed", async () => {
    const schema = workspaceFile("people.schema.json");
    const result = await vscode.commands.executeCommand<{ uri: string; seed: number; samples: unknown[] }>(
      "specmint.previewSamples",
      schema,
    );
    assert.equal(result.seed, 1);
    const doc = await until("the preview document", () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.uri));
    const cli = await cliRecords(schema, 5, 1);
    assert.deepEqual(JSON.parse(doc.getText()), cli);
    assert.deepEqual(result.samples, cli);
    assert.equal(doc.languageId, "json");

    const next = await vscode.commands.executeCommand<{ uri: string; seed: number; samples: unknown[] }>(
      "specmint.preview.nextSeed",
      schema,
    );
    assert.equal(next.seed, 2);
    assert.deepEqual(next.samples, await cliRecords(schema, 5, 2));
    const refreshed = await until("the preview with seed 2", () => {
      const d = vscode.workspace.textDocuments.find((x) => x.uri.toString() === next.uri);
      return d && JSON.stringify(JSON.parse(d.getText())) === JSON.stringify(next.samples) ? d : undefined;
    });
    assert.ok(refreshed);
  });

  test("invalid records from code: the preview's and Generate Fixtures' are the CLI's, with the same labels", async () => {
    const schema = workspaceFile("people.schema.json");
    type Preview = {
      uri: string;
      kind: string;
      samples: unknown[];
      violations?: { index: number; keyword: string; instance_path: string }[];
    };
    try {
      const shown = await vscode.commands.executeCommand<Preview>("specmint.previewSamples", schema, { seed: 1, kind: "invalid" });
      assert.equal(shown.kind, "invalid");
      assert.deepEqual(shown.samples, await cliRecords(schema, 5, 1, ["--kind", "invalid"]));
      assert.deepEqual(
        shown.violations?.map((v) => v.index),
        [1, 2, 3, 4, 5],
      );
      const doc = await until("the invalid preview", () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === shown.uri));
      assert.equal(doc.languageId, "jsonc");
      const first = shown.violations[0];
      await until("the labels in the preview", () => (doc.getText().includes(`// #1 ${first.keyword}`) ? true : undefined));

      const r = await vscode.commands.executeCommand<GenerateResult>("specmint.generateFixtures", schema, {
        count: 5,
        seed: 1,
        // Not under out/: the cancellation test counts what is left there.
        outDir: "invalid/people",
        kind: "invalid",
        quiet: true,
      });
      assert.ok(r.files.includes("violations.jsonl"), r.files.join(", "));
      const labels = fs
        .readFileSync(path.join(r.outDir, "violations.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as unknown);
      assert.deepEqual(labels, shown.violations);
    } finally {
      await vscode.commands.executeCommand("specmint.previewSamples", schema, { seed: 1, kind: "valid" });
    }
  });

  test("Generate Fixtures writes record files, dataset.jsonl and manifest.json", async () => {
    const schema = workspaceFile("people.schema.json");
    const r = await vscode.commands.executeCommand<GenerateResult>("specmint.generateFixtures", schema, {
      count: 7,
      seed: 3,
      outDir: "out/people",
      quiet: true,
    });
    const dir = workspaceFile("out", "people").fsPath;
    assert.equal(r.outDir, dir);
    const names = fs.readdirSync(dir).sort();
    assert.equal(names.filter((n) => /^record_\d+\.json$/.test(n)).length, 7);
    assert.ok(names.includes("dataset.jsonl") && names.includes("manifest.json"), names.join(", "));
    const lines = fs
      .readFileSync(path.join(dir, "dataset.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as unknown);
    assert.deepEqual(lines, await cliRecords(schema, 7, 3));
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as GenerateResult["manifest"];
    assert.equal(manifest.gen.seed, 3);
    assert.equal(manifest.dataset_id, r.manifest.dataset_id);
  });

  test("cancelling a long generation leaves no output", async () => {
    const schema = workspaceFile("people.schema.json");
    const cts = new vscode.CancellationTokenSource();
    const started = Date.now();
    const run = vscode.commands.executeCommand("specmint.generateFixtures", schema, {
      count: 3_000_000,
      outDir: "out/big",
      formats: ["jsonl"],
      token: cts.token,
      quiet: true,
    });
    setTimeout(() => cts.cancel(), 700);
    await assert.rejects(Promise.resolve(run), /cancel/i);
    console.log(`cancelled after ${Date.now() - started} ms`);
    assert.ok(!fs.existsSync(workspaceFile("out", "big").fsPath), "out/big exists after a cancelled generation");
    const leftovers = fs.readdirSync(workspaceFile("out").fsPath).filter((n) => n !== "people");
    assert.deepEqual(leftovers, []);
  });

  test("Generate Fixtures refuses a folder that is not SpecMint output", async () => {
    const schema = workspaceFile("people.schema.json");
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand("specmint.generateFixtures", schema, { count: 2, outDir: "foreign", quiet: true })),
      /not SpecMint output/,
    );
    assert.deepEqual(fs.readdirSync(workspaceFile("foreign").fsPath), ["notes.txt"]);
  });

  test("Validate Dataset puts the violations in the Problems panel", async () => {
    const dataset = workspaceFile("data", "people-bad.jsonl");
    const report = await vscode.commands.executeCommand<{ records: number; schema: number; counts: { invalidRecords: number } }>(
      "specmint.validateDataset",
      workspaceFile("people.schema.json"),
      dataset,
    );
    assert.equal(report.records, 4);
    assert.equal(report.counts.invalidRecords, 2);
    assert.equal(report.schema, 50);
    const diags = await until("dataset diagnostics", () => {
      const d = vscode.languages.getDiagnostics(dataset).filter((x) => x.source === "specmint");
      return d.length ? d : undefined;
    });
    console.log("dataset diagnostics:", JSON.stringify(diags.map((d) => [d.range.start.line, d.message])));
    assert.deepEqual([...new Set(diags.map((d) => d.range.start.line))].sort(), [1, 2]);
    assert.ok(diags.some((d) => /record 2 at \/age/.test(d.message)));
  });

  test("Inspect Dataset returns the field statistics it shows", async () => {
    const stats = await vscode.commands.executeCommand<{
      records: number;
      fields: { path: string; min?: number; max?: number; types: Record<string, number> }[];
    }>("specmint.inspectDataset", workspaceFile("data", "people-bad.jsonl"), workspaceFile("people.schema.json"));
    assert.equal(stats.records, 4);
    const age = stats.fields.find((f) => f.path === "/age");
    assert.ok(age, JSON.stringify(stats.fields.map((f) => f.path)));
    assert.equal(age.min, 36);
    assert.equal(age.max, 51);
    assert.deepEqual(age.types, { integer: 3, string: 1 });
  });
});
