// Validate Dataset as a person meets it in the real workbench (code-server + Chromium): a dataset with
// no manifest.json and no schema in the active editor makes it ask, with a quick pick of the
// workspace's schema files; the summary names the schema and how it was chosen; the next run uses the
// remembered choice without asking; a schema no record fits says so and offers Choose Schema….
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { openWorkbench } from "./support/workbench";

/**
 * The notification holding `text`. Under the smoke-test driver VS Code shows no toasts (a new one only
 * puts a dot on the bell): it is read in the notification center.
 */
async function notification(page: Page, text: string): Promise<Locator> {
  if (!(await page.locator(".notifications-center").isVisible())) {
    await page.locator("#status\\.notifications .codicon-bell-dot").waitFor({ timeout: 60_000 });
    await page.locator("#status\\.notifications").click();
  }
  const item = page.locator(".notifications-center .notification-list-item", { hasText: text }).first();
  await item.waitFor({ timeout: 60_000 });
  await page.mouse.move(700, 300); // no hover tooltip over the buttons
  return item;
}

/** The Open dialog of code-server (a quick input holding a path, titled `title`): the dataset's path, then OK. */
async function openInDialog(page: Page, title: string, file: string): Promise<void> {
  await page.locator(".quick-input-widget", { hasText: title }).waitFor({ state: "visible" });
  const input = page.locator(".quick-input-widget input");
  // The dialog fills in its folder a moment after it shows: type the path once that is there.
  await page.locator(".quick-input-list .monaco-list-row", { hasText: ".." }).first().waitFor();
  for (const deadline = Date.now() + 30_000; !(await input.inputValue()).endsWith("/");) {
    if (Date.now() > deadline) throw new Error(`the Open dialog shows no folder: ${await input.inputValue()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await input.fill(file);
  await page
    .locator(".quick-input-list .monaco-list-row", { hasText: file.split("/").pop() })
    .first()
    .waitFor();
  await page.keyboard.press("Enter");
}

/** Clears the notification center (and so the bell's dot) and closes it. */
async function clearNotifications(page: Page): Promise<void> {
  await page.locator(".notifications-center .codicon-notifications-clear-all").click();
  await page.locator(".notifications-center").waitFor({ state: "hidden" });
}

test("Validate Dataset asks for the schema, says which it used, remembers it, and flags a wrong one", { timeout: 300_000 }, async (t) => {
  const wb = await openWorkbench(t);
  if (!wb) return;
  const { page, ws, shot } = wb;
  const dataset = `${ws}/data/people-bad.jsonl`;
  try {
    // The dataset in the active editor: a JSON file that is no schema.
    await wb.quickOpen("people-bad.jsonl");

    await wb.runCommand("SpecMint: Validate Dataset");
    await openInDialog(page, "dataset to validate", dataset);
    const picker = page.locator(".quick-input-widget", { hasText: "SpecMint: schema for data/people-bad.jsonl" });
    await picker.waitFor({ timeout: 30_000 });
    const rows = page.locator(".quick-input-list .monaco-list-row");
    const labels = (await rows.allInnerTexts()).map((r) => r.replace(/\s+/g, " ").trim());
    await shot("validate-pick-schema.png");
    for (const name of ["people.schema.json", "story.schema.json", "good.schema.json"]) {
      assert.ok(
        labels.some((l) => l.startsWith(name)),
        `${name} offered: ${labels.join(" | ")}`,
      );
    }
    assert.ok(!labels.some((l) => l.includes("people-bad.jsonl")), "the dataset is not offered as its own schema");
    assert.ok(
      labels.some((l) => l.includes("Open…")),
      labels.join(" | "),
    );
    await rows.filter({ hasText: "people.schema.json" }).first().click();
    await notification(page, "against people.schema.json (chosen)");
    await shot("validate-summary.png");
    assert.match(wb.extensionLog(), /schema 50\.00 .* against people\.schema\.json \(chosen\) \(data\/people-bad\.jsonl\)/);
    await clearNotifications(page);

    // Again: no question, the remembered schema, said so.
    await wb.runCommand("SpecMint: Validate Dataset");
    await openInDialog(page, "dataset to validate", dataset);
    await notification(page, "against people.schema.json (chosen earlier for this dataset)");
    await clearNotifications(page);

    // A schema no record fits: the summary says so and offers Choose Schema….
    await wb.runCommand("SpecMint: Choose Schema for Dataset…");
    await openInDialog(page, "dataset to choose a schema for", dataset);
    await picker.waitFor({ timeout: 30_000 });
    await rows.filter({ hasText: "story.schema.json" }).first().click();
    const wrong = await notification(page, "no record is valid against story.schema.json (chosen) — is it this dataset's schema?");
    assert.deepEqual(await wrong.locator(".monaco-button").allInnerTexts(), ["Show Problems", "Choose Schema…"]);
    await shot("validate-wrong-schema.png");
    await wrong.locator(".monaco-button", { hasText: "Choose Schema…" }).click();
    await picker.waitFor({ timeout: 30_000 });
    // The schema used now comes first and says why it is used.
    assert.match((await rows.first().innerText()).replace(/\s+/g, " "), /^story\.schema\.json .*used now: chosen/);
    await rows.filter({ hasText: "people.schema.json" }).first().click();
    await notification(page, "against people.schema.json (chosen)");
  } catch (e) {
    await shot("validate-failure.png").catch(() => {});
    throw new Error(`${(e as Error).message}\n--- SpecMint log ---\n${wb.extensionLog().slice(-3000)}`);
  } finally {
    await wb.close();
  }
});
