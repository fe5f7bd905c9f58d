// The extension inside a real VS Code (code-server + Debian Chromium + playwright-core): the
// mocha suite under test/e2e/suite runs in the real extension host.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { build } from "esbuild";
import { requireRealTools } from "../support/tiers";
import { findE2eTools } from "./support/tools";
import { runExtensionTests } from "./support/extensionTests";
// @ts-expect-error: shared with scripts/test-electron.mjs, plain JavaScript
import { writeWorkspace } from "./workspace.mjs";

const ROOT = path.resolve(__dirname, "../..");

test("extension tests in a real VS Code", { timeout: 600_000 }, async (t) => {
  const tools = findE2eTools();
  if (typeof tools === "string") {
    if (requireRealTools()) assert.fail(`real VS Code tests are required under CI: ${tools}`);
    t.skip(`skipped: ${tools}`);
    return;
  }
  const work = mkdtempSync(path.join(tmpdir(), "specmint-e2e-"));
  try {
    const suite = path.join(work, "suite", "index.js");
    await build({
      entryPoints: [path.join(__dirname, "suite", "index.ts")], outfile: suite, bundle: true, platform: "node",
      format: "cjs", target: "node20", external: ["vscode"], logLevel: "error", mainFields: ["module", "main"],
    });
    const ws = writeWorkspace(path.join(work, "ws"));
    const run = await runExtensionTests(tools, { workspace: ws, extensionPath: ROOT, testsPath: suite });
    for (const line of run.output) t.diagnostic(line);
    assert.equal(run.exitCode, 0, `extension tests failed:\n${run.output.join("\n")}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
