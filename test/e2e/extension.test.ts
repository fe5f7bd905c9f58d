// The extension inside a real VS Code (code-server + Debian Chromium + playwright-core): the
// mocha suites under test/e2e/suite run in the real extension host; the Ollama commands talk to
// the stand-in server started here; a second run opens a never-trusted folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { build } from "esbuild";
import { buildOptions } from "../../scripts/build.mjs";
import { requireRealTools } from "../support/tiers";
import { LLAMA, QWEN, startStandin } from "../support/ollama-standin";
import { findE2eTools, type E2eTools } from "./support/tools";
import { runExtensionTests } from "./support/extensionTests";
// Shared with scripts/test-electron.mjs, plain JavaScript; typed by workspace.d.mts.
import { writeWorkspace } from "./workspace.mjs";

const ROOT = path.resolve(__dirname, "../..");

function toolsOrSkip(t: { skip(why: string): void }): E2eTools | undefined {
  const tools = findE2eTools();
  if (typeof tools !== "string") return tools;
  if (requireRealTools()) assert.fail(`real VS Code tests are required under CI: ${tools}`);
  t.skip(`skipped: ${tools}`);
  return undefined;
}

async function bundle(entry: string, outfile: string): Promise<void> {
  // The extension's own bundle options (scripts/build.mjs), so the suite sees modules as the extension does.
  await build(buildOptions({ entryPoints: [path.join(__dirname, "suite", entry)], outfile, external: ["vscode"], logLevel: "error" }));
}

test("extension tests in a real VS Code", { timeout: 600_000 }, async (t) => {
  const tools = toolsOrSkip(t);
  if (!tools) return;
  const work = mkdtempSync(path.join(tmpdir(), "specmint-e2e-"));
  const standin = await startStandin({ models: [QWEN], pullable: [LLAMA], pullStepMs: 5 });
  try {
    const suite = path.join(work, "suite", "index.js");
    await bundle("index.ts", suite);
    const ws = writeWorkspace(path.join(work, "ws"));
    const run = await runExtensionTests(tools, {
      workspace: ws,
      extensionPath: ROOT,
      testsPath: suite,
      settings: { "specmint.ollama.host": standin.url, "specmint.llm.timeoutMs": 20_000 },
      timeoutMs: 300_000,
    });
    for (const line of run.output) t.diagnostic(line);
    assert.equal(run.exitCode, 0, `extension tests failed:\n${run.output.join("\n")}`);
    // The model was asked from the language server: chat requests reached the stand-in.
    assert.ok(standin.chats().length >= 3, `chat requests: ${standin.chats().length}`);
    assert.ok(standin.requests.some((r) => r.path === "/api/pull"));
  } finally {
    await standin.close();
    rmSync(work, { recursive: true, force: true });
  }
});

test("an untrusted workspace previews but refuses to generate", { timeout: 300_000 }, async (t) => {
  const tools = toolsOrSkip(t);
  if (!tools) return;
  const work = mkdtempSync(path.join(tmpdir(), "specmint-e2e-untrusted-"));
  try {
    const suite = path.join(work, "suite", "untrusted.js");
    await bundle("untrusted.ts", suite);
    const ws = writeWorkspace(path.join(work, "ws"));
    const run = await runExtensionTests(tools, { workspace: ws, extensionPath: ROOT, testsPath: suite, trust: true, timeoutMs: 180_000 });
    for (const line of run.output) t.diagnostic(line);
    assert.equal(run.exitCode, 0, `untrusted-workspace tests failed:\n${run.output.join("\n")}`);
    assert.ok(!existsSync(path.join(ws, "out")), `written: ${readdirSync(ws).join(", ")}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
