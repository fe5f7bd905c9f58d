// The extension's requests over stdio: validateDataset/inspectDataset give the CLI's --json objects;
// the Ollama requests (against the stand-in) report status, list and pull models, draft a schema, and
// specmint/generate writes with the model; an untrusted server refuses anything that writes or calls a model.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  DraftSchemaRequest,
  GenerateRequest,
  InspectDatasetRequest,
  OllamaModelsRequest,
  OllamaPullRequest,
  OllamaStatusRequest,
  ValidateDatasetRequest,
  type GenerateResult,
} from "../../common/protocol";
import { LLAMA, QWEN, startStandin, type Standin } from "../support/ollama-standin";
import { LspClient, ROOT, fixturePath, fixtureUri } from "./lspClient";

const CLI = path.join(ROOT, "dist/cli.js");
const SCHEMA = "customer.schema.json";
let dir: string;
let dataset: string;

function cli(...args: string[]): { status: number | null; stdout: string } {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 60_000 });
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-lsp-ext-"));
  dataset = path.join(dir, "customers.jsonl");
  const good = cli("generate", "--schema", fixturePath(SCHEMA), "--count", "20", "--seed", "2", "--stdout").stdout.trim().split("\n");
  good[4] = JSON.stringify({ ...JSON.parse(good[4]), unexpected: true, id: "not an id" });
  fs.writeFileSync(dataset, good.join("\n") + "\n");
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("dataset requests", () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ trusted: false });
  });
  after(() => client.stop());

  test("specmint/validateDataset is `specmint validate --json` (also untrusted)", async () => {
    const report = await client.request(ValidateDatasetRequest, { schemaUri: fixtureUri(SCHEMA), dataset });
    const expected = cli("validate", "--schema", fixturePath(SCHEMA), "--dataset", dataset, "--json");
    assert.equal(expected.status, 3);
    assert.deepEqual(report, JSON.parse(expected.stdout));
  });

  test("specmint/inspectDataset is `specmint inspect --json`", async () => {
    const stats = await client.request(InspectDatasetRequest, { dataset, schemaUri: fixtureUri(SCHEMA) });
    assert.deepEqual(stats, JSON.parse(cli("inspect", "--schema", fixturePath(SCHEMA), "--dataset", dataset, "--json").stdout));
    const plain = await client.request(InspectDatasetRequest, { dataset });
    assert.deepEqual(plain, JSON.parse(cli("inspect", "--dataset", dataset, "--json").stdout));
  });

  test("a missing dataset is a request error that names it", async () => {
    await assert.rejects(
      client.request(ValidateDatasetRequest, { schemaUri: fixtureUri(SCHEMA), dataset: path.join(dir, "nope.jsonl") }),
      /nope\.jsonl/,
    );
  });

  test("an untrusted server refuses model calls and pulls", async () => {
    await assert.rejects(client.request(DraftSchemaRequest, { description: "x" }), /not trusted/);
    await assert.rejects(client.request(OllamaPullRequest, { model: "llama3.2:1b" }), /not trusted/);
    await assert.rejects(
      client.request(GenerateRequest, {
        uri: fixtureUri(SCHEMA),
        count: 2,
        seed: 1,
        outDir: path.join(dir, "x"),
        formats: ["jsonl"],
        llmMode: "fields",
      }),
      /not trusted/,
    );
    assert.ok(!fs.existsSync(path.join(dir, "x")));
  });
});

describe("Ollama requests (stand-in)", () => {
  let standin: Standin;
  let client: LspClient;
  before(async () => {
    standin = await startStandin({ models: [QWEN], pullable: [LLAMA], pullStepMs: 1 });
    client = await LspClient.start({
      trusted: true,
      settings: { ollama: { host: standin.url } },
      llmCacheDir: path.join(dir, "llm-cache"),
    });
  });
  after(async () => {
    await client.stop();
    await standin.close();
  });

  test("status is the doctor's report; a dead host is reported, not thrown", async () => {
    const s = await client.request<object, { reachable: boolean; found?: { name: string }; report: string; problem?: string }>(
      OllamaStatusRequest,
      {},
    );
    assert.equal(s.reachable, true);
    assert.equal(s.found?.name, "qwen2.5:latest");
    assert.equal(s.problem, undefined);
    assert.match(s.report, /^Ollama at http:\/\/127\.0\.0\.1:\d+\n/);
    const dead = await client.request<object, { reachable: boolean; problem?: string }>(OllamaStatusRequest, {
      host: "http://127.0.0.1:9",
    });
    assert.equal(dead.reachable, false);
    assert.match(dead.problem ?? "", /cannot reach Ollama/);
  });

  test("models, then a pull with work-done progress", async () => {
    const before = await client.request<object, { models: { name: string }[] }>(OllamaModelsRequest, {});
    assert.deepEqual(
      before.models.map((m) => m.name),
      ["qwen2.5:latest"],
    );
    const r = await client.request(OllamaPullRequest, { model: "llama3.2:1b", workDoneToken: "pull-1" });
    assert.deepEqual(r, { model: "llama3.2:1b", found: true });
    const notes = client.progress.filter((p) => (p as { token: string }).token === "pull-1") as { value: { kind: string } }[];
    assert.equal(notes[0]?.value.kind, "begin");
    assert.equal(notes.at(-1)?.value.kind, "end");
  });

  test("draftSchema answers a 2020-12 object schema", async () => {
    const { schema } = await client.request<object, { schema: Record<string, unknown> }>(DraftSchemaRequest, {
      description: "books with a title and a year",
    });
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
    assert.equal(schema.type, "object");
    assert.equal(typeof schema.properties, "object");
  });

  test("generate with the model writes a manifest with its calls", async () => {
    const outDir = path.join(dir, "llm");
    const r = await client.request<object, GenerateResult>(
      GenerateRequest,
      { uri: fixtureUri(SCHEMA), count: 4, seed: 1, outDir, formats: ["jsonl"], llmMode: "record" },
      60_000,
    );
    assert.equal(r.outDir, outDir);
    assert.deepEqual(fs.readdirSync(outDir).sort(), ["dataset.jsonl", "manifest.json"]);
    const m = JSON.parse(fs.readFileSync(path.join(outDir, "manifest.json"), "utf8")) as GenerateResult["manifest"];
    assert.equal(m.gen.mode, "record");
    assert.equal(m.llm?.model, "qwen2.5:latest");
    assert.ok(m.stats.llm_calls >= 4, JSON.stringify(m.stats));
    const check = cli("validate", "--schema", fixturePath(SCHEMA), "--dataset", outDir);
    assert.equal(check.status, 0, check.stdout);
  });
});
