// The same extension suite under @vscode/test-electron, for machines that can download VS Code
// (this project's CI cannot, and runs the suite in code-server instead: test/e2e/extension.test.ts).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { buildOptions } from "./build.mjs";
import { runTests } from "@vscode/test-electron";
import { writeWorkspace } from "../test/e2e/workspace.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(path.join(tmpdir(), "specmint-electron-"));
const suite = path.join(work, "suite", "index.js");
await build(
  buildOptions({ entryPoints: [path.join(root, "test/e2e/suite/index.ts")], outfile: suite, external: ["vscode"], logLevel: "error" }),
);
const ws = writeWorkspace(path.join(work, "ws"));
try {
  await runTests({ extensionDevelopmentPath: root, extensionTestsPath: suite, launchArgs: [ws, "--disable-extensions"] });
} catch (e) {
  console.error(`test:vscode failed: ${e.message}`);
  process.exit(1);
}
