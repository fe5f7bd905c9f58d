// One UI-driven test: a person's path through the real VS Code workbench (code-server + Chromium):
// open a schema with Ctrl+P, see the squiggle and the Problems panel, run "SpecMint: Generate
// Fixtures" from F1, accept the prompt, and find the files on disk. Screenshots go to
// test/e2e/artifacts/ (git-ignored).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { requireRealTools } from "../support/tiers";
import { findE2eTools } from "./support/tools";
import { startCodeServer } from "./support/codeServer";
import { openBrowser } from "./support/browser";
// Shared with scripts/test-electron.mjs, plain JavaScript; typed by workspace.d.mts.
import { writeWorkspace } from "./workspace.mjs";

const ROOT = path.resolve(__dirname, "../..");
const ARTIFACTS = path.join(__dirname, "artifacts");

test("a user generates fixtures from the command palette", { timeout: 300_000 }, async (t) => {
  const tools = findE2eTools();
  if (typeof tools === "string") {
    if (requireRealTools()) assert.fail(`real VS Code tests are required under CI: ${tools}`);
    t.skip(`skipped: ${tools}`);
    return;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), "specmint-ui-"));
  const ws = writeWorkspace(path.join(work, "ws"));
  const server = await startCodeServer(tools, {
    // The smoke-test driver is what lets the payload load the extension from its folder.
    testDriver: true,
    settings: { "specmint.count": 12, "workbench.colorTheme": "Default Dark Modern", "window.commandCenter": false },
  });
  const browser = await openBrowser(tools.chromium);
  const { page } = browser;
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, name) });
  try {
    const authority = `127.0.0.1:${server.port}`;
    const payload = [
      ["extensionDevelopmentPath", `vscode-remote://${authority}${ROOT}`],
      ["skipWelcome", "true"],
    ];
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    await page.waitForSelector(".monaco-workbench", { timeout: 60_000 });
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "people.schema.json" }).first().waitFor({ timeout: 60_000 });

    const quickOpen = async (name: string) => {
      await page.keyboard.press("Control+P");
      await page.waitForSelector(".quick-input-widget input", { state: "visible" });
      await page.keyboard.type(name);
      await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().waitFor();
      await page.keyboard.press("Enter");
      await page.locator(".tab.active", { hasText: name }).waitFor({ timeout: 30_000 });
    };

    await quickOpen("bad.schema.json");
    await page.waitForSelector(".monaco-editor .squiggly-error", { timeout: 60_000 });
    await page.keyboard.press("Control+Shift+M");
    await page.locator(".markers-panel", { hasText: "minimum 10 is greater than maximum 5" }).first().waitFor({ timeout: 30_000 });

    await quickOpen("people.schema.json");
    await page.locator(".statusbar-item", { hasText: "SpecMint: seed 1 · off" }).first().waitFor({ timeout: 30_000 });
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("F1");
    await page.waitForSelector(".quick-input-widget input", { state: "visible" });
    await page.keyboard.type("SpecMint: Generate Fixtures");
    await page
      .locator(".quick-input-list .monaco-list-row", { hasText: /^.*SpecMint: Generate Fixtures$/ })
      .first()
      .waitFor();
    await page.keyboard.press("Enter");
    // The prompt: generate with the settings (12 records, seed 1) into fixtures/people.
    await page
      .locator(".quick-input-list .monaco-list-row", { hasText: "Generate 12 records, seed 1" })
      .first()
      .waitFor({ timeout: 30_000 });
    await page.keyboard.press("Enter");
    const out = path.join(ws, "fixtures", "people");
    const deadline = Date.now() + 60_000;
    while (!existsSync(path.join(out, "manifest.json"))) {
      if (Date.now() > deadline) throw new Error("fixtures/people/manifest.json was not written");
      await new Promise((r) => setTimeout(r, 100));
    }
    // The closing message ("wrote 14 files …", Open Folder / Open Manifest); toasts may be muted under
    // the smoke-test driver, so the notification list is opened when no toast shows.
    const toast = page.locator(".notification-list-item", { hasText: "wrote 14 files" }).first();
    if (!(await toast.isVisible().catch(() => false))) {
      await page.waitForTimeout(1000);
      if (!(await toast.isVisible().catch(() => false)))
        await page
          .locator(".statusbar-item", { has: page.locator(".codicon-bell, .codicon-bell-dot") })
          .first()
          .click()
          .catch(() => undefined);
    }
    await toast.waitFor({ timeout: 15_000 }).catch(() => t.diagnostic("no closing message seen"));
    await shot("vscode-generate.png");
    const names = readdirSync(out);
    assert.equal(names.filter((n) => /^record_\d+\.json$/.test(n)).length, 12);
    assert.ok(names.includes("dataset.jsonl"));
  } catch (e) {
    await shot("vscode-generate-fail.png").catch(() => undefined);
    t.diagnostic(server.log().slice(-3000));
    throw e;
  } finally {
    await browser.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
