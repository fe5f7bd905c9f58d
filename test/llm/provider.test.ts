// The provider check (exit 4 with the exact fix, before anything is written) and `specmint doctor`.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import { run, type CliContext } from "../../cli/run";
import { LLAMA, QWEN, startStandin, type Standin } from "../support/ollama-standin";
import { assertBuilt, LLM_SCHEMA, removeDir, runCliAsync, tempDir, writeJson } from "./helpers";

let dir: string;
let schema: string;
let standin: Standin;
/** A port nothing listens on: a server is started and closed to get one. */
let deadHost: string;

before(async () => {
  assertBuilt();
  dir = tempDir();
  schema = writeJson(path.join(dir, "customer.schema.json"), LLM_SCHEMA);
  standin = await startStandin({
    models: [QWEN, LLAMA],
    pullable: [{ ...LLAMA, name: "mistral:latest", digest: "f974a74358d62a017b37c6f424fcdf2744ca02926c4f952513ddf474b2fa5091" }],
  });
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  deadHost = `http://127.0.0.1:${port}`;
});
after(async () => {
  await standin.close();
  removeDir(dir);
});

describe("exit 4 when the host or the model is missing at start", () => {
  test("unreachable host: exit 4, 'ollama serve', nothing written, no model call", async () => {
    const out = path.join(dir, "dead");
    const r = await runCliAsync(["generate", "--schema", schema, "--out", out, "--llm-mode", "fields", "--ollama-host", deadHost], {
      cwd: dir,
    });
    assert.equal(r.status, 4, r.stderr);
    assert.match(r.stderr, /cannot reach Ollama at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(r.stderr, /start it with: ollama serve/);
    assert.match(r.stderr, /summary: 1 LLM provider unavailable, exit 4/);
    assert.equal(fs.existsSync(out), false);
    assert.equal(r.stdout, "");
  });

  test("OLLAMA_HOST is used when no flag is given", async () => {
    const r = await runCliAsync(["generate", "--schema", schema, "--stdout", "--llm-mode", "record"], {
      cwd: dir,
      env: { OLLAMA_HOST: deadHost },
    });
    assert.equal(r.status, 4);
    assert.ok(r.stderr.includes(deadHost), r.stderr);
    assert.equal(r.stdout, "", "nothing on stdout");
  });

  test("missing model: exit 4 with 'ollama pull <model>' and 'specmint doctor --pull'", async () => {
    const out = path.join(dir, "nomodel");
    const r = await runCliAsync(
      ["generate", "--schema", schema, "--out", out, "--llm-mode", "fields", "--ollama-host", standin.url, "--model", "mistral"],
      { cwd: dir },
    );
    assert.equal(r.status, 4, r.stderr);
    assert.match(r.stderr, /model 'mistral' is not available/);
    assert.match(r.stderr, /it has qwen2\.5:latest, llama3\.2:1b/);
    assert.match(r.stderr, /get it with: ollama pull mistral/);
    assert.match(r.stderr, /specmint doctor --pull --model mistral/);
    assert.equal(fs.existsSync(out), false);
    assert.equal(standin.chats().length, 0);
  });

  test("the default model qwen2.5:latest missing: the fix is 'ollama pull qwen2.5'", async () => {
    const only = await startStandin({ models: [LLAMA] });
    try {
      const r = await runCliAsync(["generate", "--schema", schema, "--stdout", "--llm-mode", "fields", "--ollama-host", only.url], {
        cwd: dir,
      });
      assert.equal(r.status, 4);
      assert.match(r.stderr, /ollama pull qwen2\.5[ ;)]/);
    } finally {
      await only.close();
    }
  });

  test("a model named without its tag matches :latest", async () => {
    const r = await runCliAsync(
      [
        "generate",
        "--schema",
        schema,
        "--count",
        "2",
        "--stdout",
        "--llm-mode",
        "fields",
        "--ollama-host",
        standin.url,
        "--model",
        "qwen2.5",
        "--no-cache",
      ],
      { cwd: dir },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim().split("\n").length, 2);
  });

  test("--llm-mode off never contacts a host", async () => {
    const r = await runCliAsync(["generate", "--schema", schema, "--stdout", "--count", "2", "--ollama-host", deadHost], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
  });
});

/** The CLI in this process, with captured streams (to see what a terminal would get). */
async function runInProcess(argv: string[], tty: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (d) => (stdout += d));
  err.on("data", (d) => (stderr += d));
  const ctx: CliContext = {
    cwd: dir,
    env: {},
    stdout: out as unknown as NodeJS.WriteStream,
    stderr: err as unknown as NodeJS.WriteStream,
    stderrIsTTY: tty,
    signal: new AbortController().signal,
  };
  let code: number;
  try {
    code = await run(argv, ctx);
  } catch (e) {
    const { describeFailure, exitCodeOf } = await import("../../cli/failure");
    stderr += describeFailure(e);
    code = exitCodeOf(e);
  }
  return { code, stdout, stderr };
}

describe("specmint doctor", () => {
  test("reachable host: version, models with size and quantisation, the model's availability; exit 0", async () => {
    const r = await runCliAsync(["doctor", "--ollama-host", standin.url], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Ollama at http:\/\/127\.0\.0\.1:\d+\n/);
    assert.match(r.stdout, /host +reachable, Ollama 0\.6\.5/);
    assert.match(r.stdout, /models +2/);
    assert.match(r.stdout, /qwen2\.5:latest +4\.7 GB +Q4_K_M +7\.6B +qwen2/);
    assert.match(r.stdout, /llama3\.2:1b +1\.3 GB +Q8_0 +1\.2B +llama/);
    assert.match(r.stdout, /model +qwen2\.5:latest: available \(qwen2\.5:latest, 4\.7 GB, Q4_K_M, digest 845dbda0ea48\)/);
    assert.match(r.stdout, /^ready: /m);
  });

  test("unreachable host: exit 4 with 'ollama serve'", async () => {
    const r = await runCliAsync(["doctor"], { cwd: dir, env: { OLLAMA_HOST: deadHost } });
    assert.equal(r.status, 4);
    assert.match(r.stdout, /host +not reachable/);
    assert.match(r.stderr, /start it with: ollama serve/);
  });

  test("missing model: exit 4 with the pull command", async () => {
    const r = await runCliAsync(["doctor", "--ollama-host", standin.url, "--model", "phi3:mini"], { cwd: dir });
    assert.equal(r.status, 4);
    assert.match(r.stdout, /phi3:mini: missing; get it with: ollama pull phi3:mini, or: specmint doctor --pull/);
  });

  test("--pull without a terminal: one plain line per stage, then the model is there (exit 0)", async () => {
    const local = await startStandin({ models: [QWEN], pullable: [{ ...LLAMA }] });
    try {
      const r = await runCliAsync(["doctor", "--ollama-host", local.url, "--model", "llama3.2:1b", "--pull"], { cwd: dir });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.stderr.split("\n").filter(Boolean), [
        "pulling manifest",
        "pulling baf6a787fdff (1.3 GB)",
        "verifying sha256 digest",
        "writing manifest",
        "success",
      ]);
      // eslint-disable-next-line no-control-regex -- the check is that no carriage return or terminal escape (ESC) is written
      assert.doesNotMatch(r.stderr, /\r|\u001b/);
      assert.match(r.stdout, /llama3\.2:1b: pulled and available/);
      const pull = local.requests.find((q) => q.path === "/api/pull")!;
      const body = pull.body as { name?: unknown; stream?: unknown };
      assert.equal(body.name, "llama3.2:1b");
      assert.equal(body.stream, true);
    } finally {
      await local.close();
    }
  });

  test("--pull on a terminal draws a progress bar", async () => {
    const local = await startStandin({ models: [], pullable: [{ ...QWEN }] });
    try {
      const r = await runInProcess(["doctor", "--ollama-host", local.url, "--pull"], true);
      assert.equal(r.code, 0, r.stderr);
      // eslint-disable-next-line no-control-regex -- the progress bar is drawn with the terminal escape ESC [2K (erase line)
      assert.match(r.stderr, /\r\u001b\[2Kpulling 845dbda0ea48 +\d+% [█░]{24} /);
      assert.match(r.stderr, /100% █{24} 4\.7 GB\/4\.7 GB/);
      assert.match(r.stdout, /qwen2\.5:latest: pulled and available/);
    } finally {
      await local.close();
    }
  });

  test("--pull of a name the registry does not have: exit 4", async () => {
    const r = await runCliAsync(["doctor", "--ollama-host", standin.url, "--model", "no-such-model:7b", "--pull"], { cwd: dir });
    assert.equal(r.status, 4);
    assert.match(r.stderr, /cannot pull no-such-model:7b.*file does not exist/);
  });

  test("doctor --help documents the flags; unknown flags are usage errors", async () => {
    const help = await runCliAsync(["doctor", "--help"], { cwd: dir });
    assert.equal(help.status, 0);
    for (const f of ["--ollama-host", "--model", "--pull"]) assert.ok(help.stdout.includes(f));
    const bad = await runCliAsync(["doctor", "--pul"], { cwd: dir });
    assert.equal(bad.status, 64);
    assert.match(bad.stderr, /did you mean --pull/);
  });
});
