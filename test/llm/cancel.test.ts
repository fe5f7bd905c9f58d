// Cancellation: Ctrl-C aborts the requests in flight and leaves no half-written output; the library
// entry (what the language server calls) stops on its AbortSignal the same way.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Generator } from "../../core/engine/generator";
import { enrichRecords } from "../../core/enrich/enrich";
import { AbortedError } from "../../core/output/writer";
import { loadSchemaFile } from "../../core/schema/load";
import { startStandin, type Standin } from "../support/ollama-standin";
import { assertBuilt, LLM_SCHEMA, llmArgs, removeDir, runCliAsync, tempDir, writeJson } from "./helpers";

let dir: string;
let schema: string;
let standin: Standin;

before(async () => {
  assertBuilt();
  dir = tempDir();
  schema = writeJson(path.join(dir, "customer.schema.json"), LLM_SCHEMA);
  standin = await startStandin({ latencyMs: 10_000 });
});
after(async () => {
  await standin.close();
  removeDir(dir);
});

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("cancellation", () => {
  test("SIGINT while requests are in flight: exit 130, requests aborted, no output folder, no temporary files", async () => {
    const out = path.join(dir, "cancelled");
    const started = Date.now();
    const r = await runCliAsync(
      [
        "generate",
        "--schema",
        schema,
        "--count",
        "20",
        "--out",
        out,
        ...llmArgs(standin.url, path.join(dir, "cache"), ["--llm-workers", "3"]),
      ],
      {
        cwd: dir,
        onStart: (child) => {
          void until(() => standin.chats().length >= 3).then(() => child.kill("SIGINT"));
        },
      },
    );
    assert.equal(r.status, 130, r.stderr);
    assert.ok(Date.now() - started < 8_000, "did not wait for the slow model");
    assert.match(r.stderr, /interrupted/);
    assert.equal(fs.existsSync(out), false);
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.includes("specmint-tmp")),
      [],
    );
    assert.equal(standin.chats().length, 3, "no request started after the interrupt");
    await until(() => standin.chats().every((c) => c.aborted));
    // Nothing half-written in the cache either.
    const cached = fs.existsSync(path.join(dir, "cache")) ? (fs.readdirSync(path.join(dir, "cache"), { recursive: true }) as string[]) : [];
    assert.deepEqual(
      cached.filter((f) => f.endsWith(".tmp")),
      [],
    );
  });

  test("enrichRecords rejects with AbortedError when its signal aborts, and aborts its requests", async () => {
    const loaded = loadSchemaFile(schema);
    const gen = new Generator(loaded, { seed: 5 });
    const drafts = [1, 2, 3, 4].map((i) => gen.record(i));
    const before = standin.chats().length;
    const controller = new AbortController();
    const pending = enrichRecords(
      loaded,
      drafts,
      {
        mode: "fields",
        host: standin.url,
        model: "qwen2.5:latest",
        temperature: 0.2,
        seed: 5,
        workers: 2,
        maxRps: 100,
        timeoutMs: 30_000,
        validator: gen.validator,
      },
      controller.signal,
    );
    await until(() => standin.chats().length >= before + 2);
    controller.abort();
    await assert.rejects(pending, (e) => e instanceof AbortedError);
    await until(() =>
      standin
        .chats()
        .slice(before)
        .every((c) => c.aborted),
    );
    assert.equal(standin.chats().length, before + 2);
  });
});
