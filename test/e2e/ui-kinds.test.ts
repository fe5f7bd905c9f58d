// The kinds of records as a person meets them in the real workbench (code-server + Chromium):
// "Generate Fixtures" asks which records first (valid preselected), and choosing invalid writes
// violations.jsonl beside the records; the preview's Preview Kind… button switches it to invalid
// records, each with its label (keyword, instance path, message) in a comment above it — the CLI's
// invalid records and labels — and to boundary records. The screenshot is
// docs/images/preview-invalid.png (SPECMINT_DOC_IMAGES=1).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { openWorkbench } from "./support/workbench";

const CLI = path.resolve(__dirname, "../../bin/specmint.js");

interface Label {
  index: number;
  instance_path: string;
  keyword: string;
  message: string;
}

test(
  "Generate Fixtures asks for the kind; the preview shows invalid records with their labels, and boundary ones",
  { timeout: 300_000 },
  async (t) => {
    const wb = await openWorkbench(t, {
      settings: { "workbench.secondarySideBar.defaultVisibility": "hidden", "workbench.reduceMotion": "on" },
    });
    if (!wb) return;
    const { page, ws, shot, quickOpen } = wb;
    const row = (text: string | RegExp) => page.locator(".quick-input-list .monaco-list-row", { hasText: text }).first();
    try {
      await quickOpen("people.schema.json");
      await page.locator(".statusbar-item", { hasText: "SpecMint: seed 1 · off" }).first().waitFor({ timeout: 60_000 });
      await page.locator(".monaco-editor .view-lines").first().click();

      // 1. Generate Fixtures: the kind pick, each kind with its line; invalid, then the usual prompt.
      await wb.runCommand("SpecMint: Generate Fixtures");
      await row("each record breaks one constraint").waitFor({ timeout: 30_000 });
      assert.equal(await page.locator(".quick-input-list .monaco-list-row").count(), 3, "valid, invalid, boundary");
      await row("records on the schema's edges").waitFor({ timeout: 5_000 });
      await shot("kind-pick.png");
      await row("each record breaks one constraint").click();
      await row("Generate 10 invalid records, seed 1").waitFor({ timeout: 30_000 });
      await page.keyboard.press("Enter");
      const out = path.join(ws, "fixtures", "people");
      const deadline = Date.now() + 60_000;
      while (!existsSync(path.join(out, "manifest.json"))) {
        if (Date.now() > deadline) throw new Error("fixtures/people/manifest.json was not written");
        await new Promise((r) => setTimeout(r, 100));
      }
      const schema = path.join(ws, "people.schema.json");
      const cli = execFileSync(process.execPath, [CLI, "generate", "--schema", schema, "--kind", "invalid", "--count", "10", "--stdout"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      assert.equal(readFileSync(path.join(out, "dataset.jsonl"), "utf8"), cli, "the CLI's invalid records");
      const labels = readFileSync(path.join(out, "violations.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Label);
      assert.deepEqual(
        labels.map((l) => l.index),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );

      // 2. The preview: valid first, then Preview Kind… → invalid, a label above each record.
      await page.locator(".tabs-container .tab", { hasText: "people.schema.json" }).click();
      await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().click();
      await wb.runCommand("SpecMint: Preview Samples");
      const validTab = page.locator(".tabs-container .tab", { hasText: "people · seed 1 · 5 records" });
      await validTab.waitFor({ timeout: 60_000 });
      // Its title bar's buttons show once its group is the active one.
      await validTab.click();
      await page.locator(".editor-group-container.active .editor-actions .action-label[aria-label^='Preview Kind']").first().click();
      await row("each record breaks one constraint").waitFor({ timeout: 30_000 });
      await row("each record breaks one constraint").click();
      const invalidTab = page.locator(".tabs-container .tab", { hasText: "people · invalid · seed 1 · 5 records" });
      await invalidTab.waitFor({ timeout: 60_000 });
      // The old title's tab closes once the new one shows.
      const previewTabs = page.locator(".tabs-container .tab", { hasText: /people · (invalid · )?seed/ });
      const oneBy = Date.now() + 10_000;
      while ((await previewTabs.count()) !== 1 && Date.now() < oneBy) await new Promise((r) => setTimeout(r, 100));
      assert.equal(await previewTabs.count(), 1, "one preview editor");
      const first = labels[0];
      const comment = `#1 ${first.keyword}${first.instance_path ? ` at ${first.instance_path}` : ""}: ${first.message}`;
      const lines = page.locator(".editor-group-container.active .monaco-editor .view-lines");
      await lines.filter({ hasText: comment }).first().waitFor({ timeout: 30_000 });
      const text = await lines.first().innerText();
      t.diagnostic(text);
      // The label sits right above its record.
      const shown = text.split("\n").map((l) => l.replace(/\u00a0/g, " ").trim());
      const at = shown.indexOf(`// ${comment}`);
      assert.ok(at > 0, text);
      const record1 = JSON.stringify(JSON.parse(cli.split("\n")[0]), null, 2).split("\n")[0];
      assert.ok(shown[at + 1].startsWith(record1), `${shown[at + 1]} starts record 1, ${record1}`);
      await page.mouse.move(700, 300);
      await wb.docImage("preview-invalid.png");

      // 3. Preview Kind… → boundary: the CLI's boundary records, plain JSON.
      await page.locator(".editor-group-container.active .editor-actions .action-label[aria-label^='Preview Kind']").first().click();
      await row("records on the schema's edges").waitFor({ timeout: 30_000 });
      await row("records on the schema's edges").click();
      await page.locator(".tabs-container .tab", { hasText: "people · boundary · seed 1 · 5 records" }).waitFor({ timeout: 60_000 });
      const boundary = execFileSync(
        process.execPath,
        [CLI, "generate", "--schema", schema, "--kind", "boundary", "--count", "5", "--stdout"],
        {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      const firstBoundary = JSON.stringify(JSON.parse(boundary.split("\n")[0]), null, 2)
        .split("\n")[1]
        .trim();
      await lines.filter({ hasText: firstBoundary }).first().waitFor({ timeout: 30_000 });
      assert.doesNotMatch(await lines.first().innerText(), /\/\/ #1/, "no labels on boundary records");
    } catch (e) {
      await shot("kinds-fail.png").catch(() => undefined);
      t.diagnostic(wb.log());
      throw e;
    } finally {
      await wb.close();
    }
  },
);
