// With a model, the same run twice gives byte-identical files and the second run asks the model
// nothing (cache); a changed seed or model asks again, differently.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Generator } from "../../core/engine/generator";
import { enrichRecords } from "../../core/enrich/enrich";
import { llmSeed } from "../../core/enrich/seed";
import { loadSchemaFile } from "../../core/schema/load";
import { LLAMA, QWEN, startStandin, type ChatBody, type RecordedRequest, type Standin } from "../support/ollama-standin";
import {
  assertBuilt,
  invalidRecords,
  LLM_SCHEMA,
  llmArgs,
  readLines,
  readOutput,
  removeDir,
  runCliAsync,
  snapshot,
  stableManifest,
  tempDir,
  writeJson,
  type Customer,
} from "./helpers";

const N = 8;
let dir: string;
let schema: string;
let standin: Standin;

before(async () => {
  assertBuilt();
  dir = tempDir();
  schema = writeJson(path.join(dir, "customer.schema.json"), LLM_SCHEMA);
  standin = await startStandin({ models: [QWEN, LLAMA] });
});
after(async () => {
  await standin.close();
  removeDir(dir);
});

async function generate(out: string, cache: string | undefined, extra: string[] = [], mode = "fields") {
  const before = standin.chats().length;
  const args = ["generate", "--schema", schema, "--count", String(N), "--out", path.join(dir, out), ...llmArgs(standin.url, cache, extra)];
  args[args.indexOf("--llm-mode") + 1] = mode;
  const r = await runCliAsync(args, { cwd: dir, env: { SOURCE_DATE_EPOCH: "1767225600" } });
  assert.equal(r.status, 0, r.stderr);
  return { ...readOutput<Customer>(path.join(dir, out)), chats: standin.chats().slice(before), stderr: r.stderr };
}

describe("determinism with a model", () => {
  test("the same run twice: byte-identical files, the second run makes zero model calls", async () => {
    const cache = path.join(dir, "cache-a");
    const first = await generate("a1", cache);
    const second = await generate("a2", cache);
    assert.equal(first.chats.length, N);
    assert.equal(first.manifest.stats.llm_calls, N);
    assert.equal(second.chats.length, 0, "no request reached the model");
    assert.equal(second.manifest.stats.llm_calls, 0);
    assert.equal(second.manifest.stats.cache_hits, N);
    const a = snapshot(path.join(dir, "a1"), ["manifest.json"]);
    const b = snapshot(path.join(dir, "a2"), ["manifest.json"]);
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [name, bytes] of a) assert.ok(bytes.equals(b.get(name)!), `${name} is byte-identical`);
    assert.deepEqual(stableManifest(first.manifest), stableManifest(second.manifest));
    assert.equal(first.manifest.created_at, "2026-01-01T00:00:00Z");
    assert.deepEqual(invalidRecords(schema, first.records), []);
    // The cache is a folder of files under the configured directory, written atomically (no leftovers).
    const files = fs.readdirSync(cache, { recursive: true }) as string[];
    assert.equal(files.filter((f) => f.endsWith(".json")).length, N);
    assert.equal(files.filter((f) => f.endsWith(".tmp")).length, 0);
  });

  test("each record asks with its own seed, derived from (seed, index)", async () => {
    const r = await generate("seeds", undefined);
    const seeds = r.chats.map((c) => (c.body as ChatBody).options.seed).sort((x, y) => x - y);
    const expected = Array.from({ length: N }, (_, k) => llmSeed(1, k + 1)).sort((x, y) => x - y);
    assert.deepEqual(seeds, expected);
    for (const c of r.chats) {
      const body = c.body as ChatBody;
      assert.equal(body.stream, true, "streamed");
      assert.equal(body.options.temperature, 0.2);
      assert.equal(body.model, "qwen2.5:latest");
      assert.deepEqual(Object.keys(body.format.properties), ["name", "bio", "score", "tags"]);
    }
  });

  test("a changed seed asks again, with other seeds and other drafts", async () => {
    const cache = path.join(dir, "cache-b");
    const one = await generate("b1", cache);
    const two = await generate("b2", cache, ["--seed", "2"]);
    assert.equal(two.chats.length, N, "seed 2 is not answered from seed 1's cache");
    const seedsOne = new Set(one.chats.map((c) => (c.body as ChatBody).options.seed));
    for (const c of two.chats) assert.equal(seedsOne.has((c.body as ChatBody).options.seed), false);
    assert.notDeepEqual(one.lines, two.lines);
    assert.equal(two.manifest.llm?.seed, 2);
  });

  test("a changed model asks again; its answers differ", async () => {
    const cache = path.join(dir, "cache-c");
    const qwen = await generate("c1", cache);
    const llama = await generate("c2", cache, ["--model", "llama3.2:1b"]);
    assert.equal(llama.chats.length, N);
    for (const c of llama.chats) assert.equal((c.body as ChatBody).model, "llama3.2:1b");
    assert.notDeepEqual(qwen.lines, llama.lines);
    assert.equal(llama.manifest.llm?.model, "llama3.2:1b");
    // Same seed and same drafts: only the model differs between the two sets of requests.
    const strip = (c: RecordedRequest) => JSON.stringify({ ...(c.body as ChatBody), model: undefined });
    assert.deepEqual(new Set(qwen.chats.map(strip)), new Set(llama.chats.map(strip)));
  });

  test("a changed temperature or mode is a different cache entry", async () => {
    const cache = path.join(dir, "cache-d");
    await generate("d1", cache);
    const warmer = await generate("d2", cache, ["--temperature", "0.7"]);
    assert.equal(warmer.chats.length, N);
    const record = await generate("d3", cache, [], "record");
    assert.equal(record.chats.length, N);
  });

  test("--no-cache asks every time; the stand-in being deterministic, the files are the same", async () => {
    const one = await generate("e1", undefined);
    const two = await generate("e2", undefined);
    assert.equal(one.chats.length, N);
    assert.equal(two.chats.length, N);
    assert.deepEqual(one.lines, two.lines);
  });

  test("record i does not depend on --count; --stdout is byte-identical to dataset.jsonl", async () => {
    const cache = path.join(dir, "cache-f");
    const full = await generate("f1", cache);
    const short = await generate("f2", cache, ["--count", "3"]);
    assert.deepEqual(short.lines, full.lines.slice(0, 3));
    assert.equal(short.chats.length, 0, "the first 3 records are already cached");
    const r = await runCliAsync(["generate", "--schema", schema, "--count", String(N), "--stdout", ...llmArgs(standin.url, cache)], {
      cwd: dir,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, readLines(path.join(dir, "f1", "dataset.jsonl")).join("\n") + "\n");
  });

  test("record mode rewrites values across the record but never keys, types or structure", async () => {
    const off = await runCliAsync(["generate", "--schema", schema, "--count", String(N), "--out", path.join(dir, "g0")], { cwd: dir });
    assert.equal(off.status, 0);
    const base = readOutput<Customer>(path.join(dir, "g0"));
    const rec = await generate("g1", undefined, [], "record");
    assert.deepEqual(invalidRecords(schema, rec.records), []);
    const props = Object.keys((rec.chats[0].body as ChatBody).format.properties);
    // Everything but the x-unique id (and the pattern-bound zip, which is offered but falls back).
    for (const key of ["name", "bio", "score", "tags", "age", "plan", "address.city", "address.zip"]) assert.ok(props.includes(key), key);
    assert.equal(props.includes("id"), false, "x-unique values are never rewritten");
    rec.records.forEach((r, k) => {
      const b = base.records[k];
      assert.deepEqual(Object.keys(r), Object.keys(b));
      assert.deepEqual(Object.keys(r.address), Object.keys(b.address));
      assert.equal(r.id, b.id);
      assert.equal(typeof r.age, "number");
    });
    const changedAges = rec.records.filter((r, k) => r.age !== base.records[k].age).length;
    assert.ok(changedAges > 0, "unmarked values change in record mode");
    assert.equal(rec.manifest.gen.mode, "record");
  });

  test("library entry (what the language server calls): records in, enriched records and stats out, same as the CLI", async () => {
    const cache = path.join(dir, "cache-h");
    const cli = await generate("h1", cache);
    const loaded = loadSchemaFile(schema);
    const gen = new Generator(loaded, { seed: 1 });
    const drafts = Array.from({ length: N }, (_, k) => gen.record(k + 1));
    const settings = {
      mode: "fields" as const,
      host: standin.url,
      model: "qwen2.5:latest",
      digest: QWEN.digest,
      temperature: 0.2,
      seed: 1,
      workers: 3,
      maxRps: 1000,
      timeoutMs: 5000,
      validator: gen.validator,
    };
    const fresh = await enrichRecords(loaded, drafts, settings);
    assert.equal(fresh.stats.llm_calls, N);
    assert.deepEqual(
      fresh.records.map((r) => JSON.stringify(r)),
      cli.lines,
    );
    const cached = await enrichRecords(loaded, drafts, { ...settings, cacheDir: cache });
    assert.equal(cached.stats.llm_calls, 0, "the CLI's cache answers the library too");
    assert.equal(cached.stats.cache_hits, N);
    assert.equal(cached.degraded, false);
    // Records 5..8 alone: the same as in the full run (the request depends on the index, not the batch).
    const tail = await enrichRecords(loaded, drafts.slice(4), { ...settings, cacheDir: cache, firstIndex: 5 });
    assert.deepEqual(
      tail.records.map((r) => JSON.stringify(r)),
      cli.lines.slice(4),
    );
    assert.equal(tail.stats.cache_hits, N - 4);
  });
});
