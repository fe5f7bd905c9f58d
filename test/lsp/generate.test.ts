// specmint/generate over stdio: the contract's files with work-done progress, cancellation that
// leaves the output folder as it was, and refusal in an untrusted workspace.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CancellationTokenSource, ResponseError } from "vscode-languageserver-protocol";
import { GenerateRequest, TrustChangedNotification, type GenerateParams, type GenerateResult } from "../../common/protocol";
import { LspClient, ROOT, fixturePath, fixtureUri } from "./lspClient";

const CLI = path.join(ROOT, "dist/cli.js");
const SCHEMA = "customer.schema.json";
let dir: string;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-lsp-generate-"));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function params(outDir: string, count: number, extra: Partial<GenerateParams> = {}): GenerateParams {
  return { uri: fixtureUri(SCHEMA), count, seed: 4, outDir, formats: ["json", "jsonl"], llmMode: "off", ...extra };
}

interface ProgressNote {
  token: string;
  value: { kind: "begin" | "report" | "end"; percentage?: number; message?: string; cancellable?: boolean };
}

describe("specmint/generate", () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ trusted: true });
  });
  after(() => client.stop());

  test("writes the contract's files, the CLI's records, with work-done progress", async () => {
    const outDir = path.join(dir, "out");
    const result = await client.request<GenerateParams, GenerateResult>(
      GenerateRequest,
      { ...params(outDir, 25), workDoneToken: "gen-1" },
      60_000,
    );
    assert.equal(result.outDir, outDir);
    const expectedFiles = [
      ...Array.from({ length: 25 }, (_, k) => `record_${String(k + 1).padStart(4, "0")}.json`),
      "dataset.jsonl",
      "manifest.json",
    ];
    assert.deepEqual(result.files, expectedFiles);
    assert.deepEqual(fs.readdirSync(outDir).sort(), [...expectedFiles].sort());

    const cli = spawnSync(
      process.execPath,
      [CLI, "generate", "--schema", fixturePath(SCHEMA), "--seed", "4", "--count", "25", "--stdout"],
      { encoding: "utf8", timeout: 60_000 },
    );
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(fs.readFileSync(path.join(outDir, "dataset.jsonl"), "utf8"), cli.stdout);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(outDir, "record_0003.json"), "utf8")), JSON.parse(cli.stdout.split("\n")[2]));

    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, "manifest.json"), "utf8")) as GenerateResult["manifest"];
    assert.deepEqual(manifest, result.manifest);
    assert.equal(manifest.gen.count, 25);
    assert.equal(manifest.gen.seed, 4);
    assert.equal(manifest.gen.mode, "off");
    assert.equal(manifest.schema.path, SCHEMA, "relative to the workspace folder");
    assert.match(manifest.dataset_id, /^smnt_[0-9a-f]{16}$/);

    const notes = (client.progress as ProgressNote[]).filter((p) => p.token === "gen-1").map((p) => p.value);
    assert.equal(notes[0].kind, "begin");
    assert.equal(notes[0].cancellable, true);
    assert.ok(
      notes.some((n) => n.kind === "report" && n.percentage === 100 && n.message === "25/25 records"),
      JSON.stringify(notes),
    );
    assert.equal(notes.at(-1)!.kind, "end");
  });

  test("cancelled mid-way: the request fails as cancelled and the previous output is untouched", async () => {
    const outDir = path.join(dir, "out");
    const manifestBefore = fs.readFileSync(path.join(outDir, "manifest.json"), "utf8");
    const filesBefore = fs.readdirSync(outDir).sort();
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest(GenerateRequest, { ...params(outDir, 2_000_000), workDoneToken: "gen-2" }, source.token);
    await client.waitFor("a progress report", () =>
      (client.progress as ProgressNote[]).some((p) => p.token === "gen-2" && p.value.kind === "report" && (p.value.percentage ?? 0) >= 0)
        ? true
        : undefined,
    );
    source.cancel();
    await assert.rejects(pending, (e: unknown) => e instanceof ResponseError && e.code === -32800 && /nothing was written/.test(e.message));
    assert.equal(fs.readFileSync(path.join(outDir, "manifest.json"), "utf8"), manifestBefore);
    assert.deepEqual(fs.readdirSync(outDir).sort(), filesBefore);
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n.includes("specmint-tmp")),
      [],
      "no half-written temporary folder is left",
    );
    const notes = (client.progress as ProgressNote[]).filter((p) => p.token === "gen-2");
    assert.equal(notes.at(-1)?.value.kind, "end");
  });
});

test("an untrusted workspace previews but refuses to write, until trust is granted", async () => {
  const client = await LspClient.start({ trusted: false });
  try {
    const outDir = path.join(dir, "untrusted");
    await assert.rejects(
      client.request(GenerateRequest, params(outDir, 3)),
      (e: unknown) => e instanceof ResponseError && /not trusted/.test(e.message),
    );
    assert.equal(fs.existsSync(outDir), false);
    await client.connection.sendNotification(TrustChangedNotification, { trusted: true });
    const result = await client.request<GenerateParams, GenerateResult>(GenerateRequest, params(outDir, 3), 60_000);
    assert.equal(result.manifest.gen.count, 3);
    assert.ok(fs.existsSync(path.join(outDir, "manifest.json")));
  } finally {
    await client.stop();
  }
});

test("an LLM mode with no model host to call fails as the CLI does, before anything is written", async () => {
  const client = await LspClient.start({ trusted: true, settings: { ollama: { host: "http://127.0.0.1:9" } } });
  try {
    const outDir = path.join(dir, "llm");
    await assert.rejects(
      client.request(GenerateRequest, params(outDir, 3, { llmMode: "fields" }), 60_000),
      (e: unknown) =>
        e instanceof ResponseError &&
        /cannot reach Ollama at http:\/\/127\.0\.0\.1:9/.test(e.message) &&
        (e.data as { kind?: string })?.kind === "llm",
    );
    assert.equal(fs.existsSync(outDir), false);
    await assert.rejects(
      client.request(GenerateRequest, params(outDir, 3, { llmMode: "sometimes" as GenerateParams["llmMode"] })),
      (e: unknown) => e instanceof ResponseError && /unknown llmMode/.test(e.message),
    );
  } finally {
    await client.stop();
  }
});
