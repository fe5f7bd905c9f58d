// SIGINT and SIGTERM end the CLI within 1 s whatever it is doing (issue 12, "Always stoppable"):
// the command runs in a worker thread and the main thread answers the signal, terminating the worker
// when it is busy in synchronous work. Exit 130 (SIGINT) or 143 (SIGTERM), the earlier output folder
// byte for byte as it was, no temporary folder left beside it. Times are measured from the signal.
//
// The heavy inputs are ordinary-looking schemas within the default work limits: a wide schema whose
// compilation takes seconds, and a large uniqueItems array whose one record takes seconds to make.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { assertBuilt, cleanEnv, CLI, removeDir, runCli, spawnCli, tempDir, writeSchema } from "./helpers";

/** Signal to exit, at most (the bound). */
const STOP_BUDGET_MS = 1000;

let dir: string;
let small: string;
let wide: string;
let unique: string;

before(() => {
  assertBuilt();
  dir = tempDir();
  small = writeSchema(dir);
  // 60 objects of 1,000 string properties each: 60,000 schema nodes, within the limits, and seconds of compiling.
  const props: Record<string, unknown> = {};
  for (let i = 0; i < 60; i++) {
    const inner: Record<string, unknown> = {};
    for (let j = 0; j < 1000; j++) inner[`p${j}`] = { type: "string", pattern: "^[a-z]{3}$" };
    props[`o${i}`] = { type: "object", properties: inner, required: ["p0", "p1"] };
  }
  wide = writeSchema(dir, "wide.schema.json", {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: props,
  });
  // One record holds 20,000 distinct objects: seconds for each record, with no turn of the event loop in between.
  unique = writeSchema(dir, "unique.schema.json", {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "array",
    minItems: 20000,
    maxItems: 20000,
    uniqueItems: true,
    items: { type: "object", required: ["a", "b"], properties: { a: { type: "integer" }, b: { type: "string" } } },
  });
});
after(() => removeDir(dir));

/** Every file under `d` with its content's hash, in a stable order. */
function hashTree(d: string): string {
  const h = createHash("sha256");
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(d, rel)).sort()) {
      const p = path.join(rel, name);
      const st = fs.lstatSync(path.join(d, p));
      h.update(`${p}\0${st.isDirectory() ? "dir" : st.size}\0`);
      if (st.isDirectory()) walk(p);
      else h.update(fs.readFileSync(path.join(d, p)));
    }
  };
  walk("");
  return h.digest("hex");
}

/** SpecMint's temporary folders beside `out` (`.out.specmint-tmp-PID`, `.out.specmint-old-PID`). */
function leftovers(out: string): string[] {
  return fs.readdirSync(path.dirname(out)).filter((n) => n.startsWith(`.${path.basename(out)}.specmint-`));
}

/** A previous, complete output folder of the small schema. */
function previousOutput(name: string): { out: string; hash: string } {
  const out = path.join(dir, name);
  const r = runCli(["generate", "--schema", small, "--count", "5", "--out", out], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  return { out, hash: hashTree(out) };
}

interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Milliseconds from the (last) signal to the exit. */
  ms: number;
  stderr: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, cond: () => boolean, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    assert.equal(child.exitCode, null, `the run ended before ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * Starts the CLI, waits for `ready`, sends `signals` (20 ms apart) and measures from the last one
 * to the exit. The run must still be going when the signal is sent: otherwise the input is no longer
 * heavy and the test proves nothing.
 */
async function stopDuring(args: string[], ready: (child: ChildProcess) => Promise<void>, signals: NodeJS.Signals[]): Promise<Stopped> {
  const child = spawnCli(args, { cwd: dir });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  const killer = setTimeout(() => child.kill("SIGKILL"), 120_000);
  try {
    await ready(child);
    assert.equal(child.exitCode, null, `the run ended before the signal (input not heavy enough):\n${stderr}`);
    let sent = 0;
    for (const [k, s] of signals.entries()) {
      if (k > 0) await sleep(20);
      sent = performance.now();
      child.kill(s);
    }
    const r = await exited;
    // The stderr pipe may still hold the last lines.
    await new Promise<void>((resolve) => (child.stderr.readableEnded ? resolve() : child.stderr.on("end", resolve)));
    return { code: r.code, signal: r.signal, ms: r.at - sent, stderr };
  } finally {
    clearTimeout(killer);
  }
}

function assertStopped(r: Stopped, code: number, out?: { out: string; hash: string }): void {
  assert.equal(r.signal, null, `ended by ${r.signal}, not by exiting:\n${r.stderr}`);
  assert.equal(r.code, code, r.stderr);
  assert.ok(r.ms <= STOP_BUDGET_MS, `exit ${Math.round(r.ms)} ms after the signal (at most ${STOP_BUDGET_MS})`);
  assert.match(r.stderr, new RegExp(`summary: interrupted, exit ${code}\\n$`));
  if (out) {
    assert.equal(hashTree(out.out), out.hash, "the previous output changed");
    assert.deepEqual(leftovers(out.out), []);
  }
}

/** Waits until the run has created its temporary folder beside `out`, then lets it get busy. */
const whenWriting = (out: string, busyMs: number) => async (child: ChildProcess) => {
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.specmint-tmp-${child.pid}`);
  await until("the temporary folder appeared", () => fs.existsSync(tmp), child);
  await sleep(busyMs);
};

/** Waits `ms` after the start: long enough to be past start-up and in the first seconds of compiling. */
const after_ = (ms: number) => async (child: ChildProcess) => {
  await sleep(ms);
  assert.equal(child.exitCode, null);
};

describe("a signal while the schema is compiling (synchronous, seconds)", () => {
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    test(`${signal} → exit ${code} within 1 s, the previous output untouched`, async () => {
      const prev = previousOutput(`compile-${signal}`);
      const r = await stopDuring(["generate", "--schema", wide, "--count", "3", "--out", prev.out], after_(700), [signal]);
      assertStopped(r, code, prev);
    });
  }
});

describe("a signal while one record takes seconds to make", () => {
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    test(`${signal} → exit ${code} within 1 s, the previous output untouched, the temporary folder removed`, async () => {
      const prev = previousOutput(`record-${signal}`);
      const r = await stopDuring(["generate", "--schema", unique, "--count", "3", "--out", prev.out], whenWriting(prev.out, 300), [signal]);
      assertStopped(r, code, prev);
    });
  }

  test("SIGTERM with --stdout → exit 143 within 1 s", async () => {
    const r = await stopDuring(["generate", "--schema", unique, "--count", "3", "--stdout"], after_(1200), ["SIGTERM"]);
    assertStopped(r, 143);
  });

  test("a second signal does not wait for the grace period", async () => {
    const prev = previousOutput("twice");
    const r = await stopDuring(["generate", "--schema", unique, "--count", "3", "--out", prev.out], whenWriting(prev.out, 100), [
      "SIGINT",
      "SIGTERM",
    ]);
    assertStopped(r, 143, prev);
    assert.match(r.stderr, /a second signal: not waiting/);
  });
});

describe("a signal during ordinary generation (the run stops by itself)", () => {
  test("Ctrl-C while writing many records → exit 130, the previous output kept, its own message", async () => {
    const prev = previousOutput("ordinary-int");
    const r = await stopDuring(
      ["generate", "--schema", small, "--count", "5000000", "--format", "jsonl", "--out", prev.out],
      whenWriting(prev.out, 300),
      ["SIGINT"],
    );
    assertStopped(r, 130, prev);
    assert.match(r.stderr, /interrupted; nothing was written and ordinary-int is as it was/);
  });

  test("SIGTERM while writing record files → exit 143, the previous output kept", async () => {
    const prev = previousOutput("ordinary-term");
    const r = await stopDuring(["generate", "--schema", small, "--count", "5000000", "--out", prev.out], whenWriting(prev.out, 300), [
      "SIGTERM",
    ]);
    assertStopped(r, 143, prev);
  });

  test("SIGTERM while streaming to stdout → exit 143, every line printed is whole", async () => {
    const child = spawnCli(["generate", "--schema", small, "--count", "50000000", "--stdout"], { cwd: dir });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    await until("records arrived", () => stdout.length > 100_000, child);
    const sent = performance.now();
    child.kill("SIGTERM");
    const code = await closed;
    assert.ok(performance.now() - sent <= STOP_BUDGET_MS);
    assert.equal(code, 143, stderr);
    assert.ok(stdout.endsWith("\n"));
    for (const line of stdout.slice(0, -1).split("\n")) JSON.parse(line);
  });
});

describe("hostile inputs of issue 12", () => {
  test("SIGTERM during a 1,000,000-value enum: exit within 1 s (143, or 2 when a work limit refused it first)", async () => {
    const file = path.join(dir, "enum.schema.json");
    fs.writeFileSync(file, JSON.stringify({ enum: Array.from({ length: 1_000_000 }, (_, i) => `v${i}`) }));
    const child = spawnCli(["generate", "--schema", file, "--count", "2", "--out", path.join(dir, "enum-out")], { cwd: dir });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      child.on("exit", (code) => resolve({ code, at: performance.now() })),
    );
    await sleep(800);
    const sent = performance.now();
    const running = child.exitCode === null;
    child.kill("SIGTERM");
    const r = await exited;
    if (running) {
      assert.equal(r.code, 143, stderr);
      assert.ok(r.at - sent <= STOP_BUDGET_MS, `exit ${Math.round(r.at - sent)} ms after the signal`);
    } else assert.equal(r.code, 2, stderr);
    assert.equal(fs.existsSync(path.join(dir, "enum-out")), false);
    assert.deepEqual(leftovers(path.join(dir, "enum-out")), []);
  });

  /** `specmint generate --schema S --stdout` under `timeout -s TERM 1`: what it returned, and how long it took. */
  const generateUnderTimeout = (schema: string) => {
    const started = performance.now();
    const r = spawnSync(
      "timeout",
      ["--preserve-status", "-s", "TERM", "1", process.execPath, CLI, "generate", "--schema", schema, "--stdout"],
      { cwd: dir, env: cleanEnv(), encoding: "utf8" },
    );
    return { r, ms: performance.now() - started };
  };

  test("a FIFO as --schema is exit 6 at once, before `timeout -s TERM 1` would stop it", { skip: process.platform === "win32" }, () => {
    const fifo = path.join(dir, "pipe.json");
    assert.equal(spawnSync("mkfifo", [fifo]).status, 0);
    const { r, ms } = generateUnderTimeout(fifo);
    assert.equal(r.status, 6, r.stderr);
    assert.ok(ms < 1000, `${ms} ms`);
    assert.match(r.stderr, /named pipe/);
  });

  test("a FIFO referenced by $ref is reported, not read (exit 2 at once)", { skip: process.platform === "win32" }, () => {
    const sub = path.join(dir, "reffifo");
    fs.mkdirSync(sub);
    assert.equal(spawnSync("mkfifo", [path.join(sub, "fifo.json")]).status, 0);
    const schema = writeSchema(sub, "main.schema.json", { $ref: "fifo.json" });
    const { r, ms } = generateUnderTimeout(schema);
    assert.equal(r.status, 2, r.stderr);
    assert.ok(ms < 1000, `${ms} ms`);
    assert.match(r.stderr, /fifo\.json is a named pipe \(FIFO\), not a regular file; it was not read/);
  });

  test("`timeout -s TERM 1` stops a busy run: 143, within 1 s of the signal", { skip: process.platform === "win32" }, async () => {
    const prev = previousOutput("timeout");
    const started = performance.now();
    const child = spawn(
      "timeout",
      ["--preserve-status", "-s", "TERM", "1", process.execPath, CLI, "generate", "--schema", wide, "--out", prev.out],
      {
        cwd: dir,
        env: cleanEnv(),
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    const total = performance.now() - started;
    assert.equal(code, 143, stderr);
    assert.ok(total <= 1000 + STOP_BUDGET_MS, `ended ${Math.round(total)} ms after the start`);
    assert.equal(hashTree(prev.out), prev.hash);
    assert.deepEqual(leftovers(prev.out), []);
  });
});

describe("stdout written from the worker thread", () => {
  test("a reader that goes away (`| head -n 3`) ends the run at once with exit 0 and no error", async () => {
    const child = spawnCli(["generate", "--schema", small, "--count", "10000000", "--stdout"], { cwd: dir });
    let stdout = "";
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        stdout += d;
        if (stdout.split("\n").length > 3) resolve();
      }),
    );
    const closed = performance.now();
    child.stdout.destroy();
    const code = await exited;
    assert.equal(code, 0, stderr);
    assert.ok(performance.now() - closed < STOP_BUDGET_MS);
    assert.doesNotMatch(stderr, /error/);
    for (const line of stdout.split("\n").slice(0, 3)) JSON.parse(line);
  });
});
