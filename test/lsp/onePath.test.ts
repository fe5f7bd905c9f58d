// One generation path: the same schema and settings give the same dataset from `specmint generate`
// (dist/cli.js) and from specmint/generate (dist/server.js over stdio) — the same record files and
// dataset.jsonl byte for byte, the same manifest field by field (but for created_at and the run's
// duration) — without a model and in `fields` mode against the Ollama stand-in. A cancelled run
// leaves either folder as it was, and the server answers afterwards.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { CancellationTokenSource, ResponseError } from "vscode-languageserver-protocol";
import { GenerateRequest, SamplesRequest, type GenerateParams, type GenerateResult, type LlmMode } from "../../common/protocol";
import { startStandin, type Standin } from "../support/ollama-standin";
import { LLM_SCHEMA, assertBuilt, removeDir, runCliAsync, snapshot, tempDir, writeJson } from "../llm/helpers";
import { LspClient } from "./lspClient";

/** The model's schema, with a rule that generated records break (and that is repaired) now and then. */
const SCHEMA = { ...LLM_SCHEMA, "x-cross-field-rules": ["age >= 18", "score <= age"] };
const COUNT = 12;
const SEED = 5;
/** Differs between two runs of the same inputs: when the run happened and how long it took. */
const TIMING = new Set(["/created_at", "/stats/duration_ms"]);

let ws: string;
let schemaUri: string;
let standin: Standin;
let slow: Standin;
let client: LspClient;

/** Every leaf of a JSON value by JSON Pointer (empty arrays and objects are leaves). */
function leaves(value: unknown, at = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (typeof value === "object" && value !== null && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) leaves(v, `${at}/${k}`, out);
  } else out.set(at, value);
  return out;
}

function assertSameManifest(cli: unknown, server: unknown): void {
  const a = leaves(cli);
  const b = leaves(server);
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), "the same manifest fields");
  for (const [pointer, value] of a) {
    if (!TIMING.has(pointer)) assert.deepEqual(b.get(pointer), value, `manifest ${pointer}`);
  }
}

function assertSameDataset(cliDir: string, serverDir: string): void {
  const a = snapshot(cliDir, ["manifest.json"]);
  const b = snapshot(serverDir, ["manifest.json"]);
  assert.deepEqual([...b.keys()], [...a.keys()], "the same files");
  assert.ok(a.has("dataset.jsonl") && a.has("record_0001.json"));
  for (const [name, bytes] of a) assert.ok(bytes.equals(b.get(name)!), `${name} is byte-identical`);
  assertSameManifest(readManifest(cliDir), readManifest(serverDir));
}

function readManifest(dir: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as Record<string, unknown>;
}

function cliArgs(out: string, mode: LlmMode, host: string, cacheDir: string): string[] {
  return [
    "generate",
    "--schema",
    "customer.schema.json",
    "--count",
    String(COUNT),
    "--seed",
    String(SEED),
    "--out",
    out,
    "--llm-mode",
    mode,
    "--ollama-host",
    host,
    "--max-rps",
    "1000",
    "--cache-dir",
    cacheDir,
  ];
}

function serverParams(out: string, mode: LlmMode, extra: Partial<GenerateParams> = {}): GenerateParams {
  return { uri: schemaUri, count: COUNT, seed: SEED, outDir: out, formats: ["json", "jsonl"], llmMode: mode, ...extra };
}

async function generateBoth(name: string, mode: LlmMode): Promise<{ cliDir: string; serverDir: string; result: GenerateResult }> {
  const cliDir = path.join(ws, "cli", name);
  const serverDir = path.join(ws, "server", name);
  const r = await runCliAsync(cliArgs(cliDir, mode, standin.url, path.join(ws, "cache-cli", name)), { cwd: ws });
  assert.equal(r.status, 0, r.stderr);
  const result = await client.request<GenerateParams, GenerateResult>(GenerateRequest, serverParams(serverDir, mode), 60_000);
  assert.equal(result.outDir, serverDir);
  assert.deepEqual(readManifest(serverDir), result.manifest, "the result's manifest is the one written");
  return { cliDir, serverDir, result };
}

async function until(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

before(async () => {
  assertBuilt();
  ws = tempDir();
  schemaUri = pathToFileURL(writeJson(path.join(ws, "customer.schema.json"), SCHEMA)).href;
  standin = await startStandin();
  slow = await startStandin({ latencyMs: 10_000 });
  client = await LspClient.start({
    trusted: true,
    workspaceFolder: ws,
    llmCacheDir: path.join(ws, "cache-server"),
    settings: { ollama: { host: standin.url }, llm: { maxRps: 1000 } },
  });
});

after(async () => {
  await client.stop();
  await standin.close();
  await slow.close();
  removeDir(ws);
});

describe("the CLI and the language server make the same dataset", () => {
  test("without a model: the same files and manifest", async () => {
    const { cliDir, serverDir, result } = await generateBoth("off", "off");
    assert.equal(result.manifest.gen.mode, "off");
    assert.equal(result.manifest.llm, null);
    assert.equal(result.manifest.schema.path, "customer.schema.json");
    assert.ok(result.manifest.stats.repairs > 0, `rule repairs are counted: ${JSON.stringify(result.manifest.stats)}`);
    assertSameDataset(cliDir, serverDir);
  });

  test("without an output folder, both write to fixtures/<schema file name without extensions>", async () => {
    const file = writeJson(path.join(ws, ".orders.schema.json"), SCHEMA);
    const r = await runCliAsync(["generate", "--schema", file, "--count", "2"], { cwd: ws });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /wrote 2 records to fixtures\/orders /);
    const cliManifest = readManifest(path.join(ws, "fixtures", "orders"));
    const result = await client.request<GenerateParams, GenerateResult>(
      GenerateRequest,
      { ...serverParams("", "off"), uri: pathToFileURL(file).href, count: 2, seed: 1 },
      60_000,
    );
    assert.equal(result.outDir, path.join(ws, "fixtures", "orders"));
    assertSameManifest(cliManifest, result.manifest);
  });

  test("in fields mode against the stand-in: the same files, model and calls in the manifest", async () => {
    const before = standin.chats().length;
    const { cliDir, serverDir, result } = await generateBoth("fields", "fields");
    const m = result.manifest;
    assert.equal(m.gen.mode, "fields");
    assert.deepEqual(m.llm, { provider: "ollama", model: "qwen2.5:latest", temperature: 0.2, seed: SEED });
    assert.ok(m.stats.llm_calls >= COUNT, JSON.stringify(m.stats));
    assert.equal(m.stats.cache_hits, 0);
    assert.equal(standin.chats().length - before, 2 * m.stats.llm_calls, "each front asked the model itself");
    assertSameDataset(cliDir, serverDir);
    assert.notEqual(m.dataset_id, readManifest(path.join(ws, "server", "off")).dataset_id, "the model's values are in the records");
  });

  test("a cancelled run leaves the previous output as it was, from either front; the server answers afterwards", async () => {
    const cliDir = path.join(ws, "cli", "fields");
    const serverDir = path.join(ws, "server", "fields");
    const cliBefore = snapshot(cliDir);
    const serverBefore = snapshot(serverDir);

    // Another seed: the answers of the run before are in the server's cache, and a run they answer would end before it could be cancelled.
    const cliRun = await runCliAsync(
      [...cliArgs(cliDir, "fields", slow.url, path.join(ws, "cache-cli", "slow")), "--seed", String(SEED + 1)],
      {
        cwd: ws,
        onStart: (child) => void until("the CLI's first model calls", () => slow.chats().length >= 2).then(() => child.kill("SIGINT")),
      },
    );
    assert.equal(cliRun.status, 130, cliRun.stderr);

    client.settings = { ollama: { host: slow.url }, llm: { maxRps: 1000 } };
    const calls = slow.chats().length;
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest(
      GenerateRequest,
      { ...serverParams(serverDir, "fields", { seed: SEED + 1 }), workDoneToken: "one-path-cancel" },
      source.token,
    );
    await until("the server's first model calls", () => slow.chats().length >= calls + 2);
    source.cancel();
    await assert.rejects(pending, (e: unknown) => e instanceof ResponseError && e.code === -32800 && /nothing was written/.test(e.message));

    assert.deepEqual(snapshot(cliDir), cliBefore, "the CLI's folder is as it was");
    assert.deepEqual(snapshot(serverDir), serverBefore, "the server's folder is as it was");
    for (const parent of [path.dirname(cliDir), path.dirname(serverDir)]) {
      assert.deepEqual(
        fs.readdirSync(parent).filter((n) => n.includes("specmint-tmp")),
        [],
        `no temporary folder in ${parent}`,
      );
    }
    assertSameDataset(cliDir, serverDir);

    client.settings = { ollama: { host: standin.url }, llm: { maxRps: 1000 } };
    const { samples } = await client.request<object, { samples: unknown[] }>(SamplesRequest, {
      uri: schemaUri,
      pointer: "",
      count: 2,
      seed: SEED,
    });
    assert.equal(samples.length, 2);
    const again = await client.request<GenerateParams, GenerateResult>(
      GenerateRequest,
      serverParams(path.join(ws, "server", "after"), "off"),
      60_000,
    );
    assert.equal(again.manifest.dataset_id, readManifest(path.join(ws, "server", "off")).dataset_id);
  });
});
