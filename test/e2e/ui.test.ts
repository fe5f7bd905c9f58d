// One UI-driven test: a person's path through the real VS Code workbench (code-server + Chromium):
// open a schema with Ctrl+P, see the squiggle and the Problems panel, run "SpecMint: Generate
// Fixtures" from F1, take the kind offered and accept the prompt, and find the files on disk. Screenshots go to
// test/e2e/artifacts/ (git-ignored).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { openWorkbench } from "./support/workbench";

test("a user generates fixtures from the command palette", { timeout: 300_000 }, async (t) => {
  const wb = await openWorkbench(t, { settings: { "specmint.count": 12 } });
  if (!wb) return;
  const { page, ws, shot, quickOpen } = wb;
  try {
    await quickOpen("bad.schema.json");
    await page.waitForSelector(".monaco-editor .squiggly-error", { timeout: 60_000 });
    await page.keyboard.press("Control+Shift+M");
    await page.locator(".markers-panel", { hasText: "minimum 10 is greater than maximum 5" }).first().waitFor({ timeout: 30_000 });

    await quickOpen("people.schema.json");
    await page.locator(".statusbar-item", { hasText: "SpecMint: seed 1 · off" }).first().waitFor({ timeout: 30_000 });
    await page.locator(".monaco-editor .view-lines").first().click();
    await wb.runCommand("SpecMint: Generate Fixtures");
    // The kind first, valid preselected (specmint.generate.kind): Enter takes it.
    await page
      .locator(".quick-input-list .monaco-list-row", { hasText: "records that satisfy the schema" })
      .first()
      .waitFor({ timeout: 30_000 });
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
    // The closing message counts records ("wrote 12 records to fixtures/people in 40 ms", Open Folder /
    // Open Manifest). The smoke-test driver that loads the extension shows no toasts: the message puts a
    // dot on the bell, and the notification list shows it.
    await page.locator("#status\\.notifications .codicon-bell-dot").waitFor({ timeout: 30_000 });
    await page.locator("#status\\.notifications").click();
    const finished = page.locator(".notifications-center .notification-list-item", { hasText: "wrote 12 records to fixtures/people in" });
    await finished.first().waitFor({ timeout: 15_000 });
    assert.deepEqual(await finished.first().locator(".monaco-button").allInnerTexts(), ["Open Folder", "Open Manifest"]);
    await shot("vscode-generate.png");
    // The "SpecMint" log: one timestamp a line, the run as [info], no error (Node's DEP0040 from the
    // built-in punycode was one on every generation).
    const deadline2 = Date.now() + 10_000;
    while (!/wrote 12 records/.test(wb.extensionLog()) && Date.now() < deadline2) await new Promise((r) => setTimeout(r, 100));
    const logged = wb.extensionLog();
    assert.match(logged, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[info\] wrote 12 records to fixtures\/people in /m, logged);
    assert.doesNotMatch(logged, /DeprecationWarning|\[error\]/, logged);
    assert.doesNotMatch(logged, /\] \[\d{4}-\d\d-\d\dT/, logged);
    const names = readdirSync(out);
    assert.equal(names.filter((n) => /^record_\d+\.json$/.test(n)).length, 12);
    assert.ok(names.includes("dataset.jsonl"));
  } catch (e) {
    await shot("vscode-generate-fail.png").catch(() => undefined);
    t.diagnostic(wb.log());
    throw e;
  } finally {
    await wb.close();
  }
});
