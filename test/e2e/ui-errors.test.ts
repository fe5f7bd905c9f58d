// Failures as a person meets them in the real workbench (code-server + Chromium): a failing command is
// ONE notification naming the setting, with its buttons, and no modal "Command … resulted in an error";
// what would stop a run is found before any question; Retry brings back what was typed (a description,
// a count). The failure notification's screenshot is docs/images/failure.png (SPECMINT_DOC_IMAGES=1).
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { openWorkbench } from "./support/workbench";
import { freePort } from "./support/codeServer";
import { startStandin, type Standin } from "../support/ollama-standin";

/** Notifications on screen (toasts, or the list when the center is open) whose text matches. */
const notifications = (page: Page, text: string | RegExp): Locator =>
  page.locator(".notification-toast .notification-list-item, .notifications-center .notification-list-item", { hasText: text });

/**
 * Under the smoke-test driver (what loads the extension from this folder) VS Code shows no toasts:
 * a new notification only puts a dot on the bell. Waits for the dot (or `instead`), then opens the
 * notification center, where each notification is one list item.
 */
async function nextNotification(page: Page, instead?: Locator): Promise<void> {
  const dot = page.locator("#status\\.notifications .codicon-bell-dot");
  await (instead ? dot.or(instead) : dot).first().waitFor({ timeout: 60_000 });
  if (instead && (await instead.isVisible())) return;
  if (!(await page.locator(".notifications-center").isVisible())) await page.locator("#status\\.notifications").click({ timeout: 10_000 });
  await page.locator(".notifications-center .notification-list-item").first().waitFor({ timeout: 10_000 });
  await page.mouse.move(700, 300); // no hover tooltip over the buttons
}

/** What is on screen now: the notifications matching `text` and the modal dialogs. */
async function census(page: Page, text: string | RegExp): Promise<{ notifications: number; dialogs: number }> {
  const visible = async (l: Locator) => (await Promise.all((await l.all()).map((x) => x.isVisible()))).filter(Boolean).length;
  return { notifications: await visible(notifications(page, text)), dialogs: await visible(page.locator(".monaco-dialog-box")) };
}

const buttonsOf = async (n: Locator) => (await n.locator(".monaco-button").allInnerTexts()).map((s) => s.trim()).filter(Boolean);

test(
  "a failing command is one notification with its buttons, no modal, no question first; Retry keeps the typed text",
  { timeout: 300_000 },
  async (t) => {
    // Ollama "down": the host setting points at a port nothing listens on (the stand-in opens it later).
    const port = await freePort();
    const wb = await openWorkbench(t, { settings: { "specmint.ollama.host": `http://127.0.0.1:${port}` } });
    if (!wb) return;
    const { page, shot, quickOpen } = wb;
    let standin: Standin | undefined;
    try {
      await quickOpen("people.schema.json");
      await page.locator(".statusbar-item", { hasText: "SpecMint: seed 1" }).first().waitFor({ timeout: 60_000 });
      await page.locator(".monaco-editor .view-lines").first().click();

      // 1. Generate with Ollama, Ollama down: the failure comes before the count/seed prompt.
      await wb.runCommand("SpecMint: Generate Fixtures with Ollama");
      const question = page.locator(".quick-input-widget", { hasText: /generate fixtures for/i });
      await nextNotification(page, question);
      assert.equal(await question.isVisible(), false, "asked for count and seed before finding Ollama down");
      const failure = notifications(page, "cannot reach Ollama").first();
      assert.deepEqual(await census(page, /./), { notifications: 1, dialogs: 0 });
      const text = await failure.innerText();
      assert.match(text, /specmint\.ollama\.host/, text);
      assert.doesNotMatch(text, /--ollama-host|specmint doctor/, text);
      assert.deepEqual(await buttonsOf(failure), ["Open Settings", "Check Ollama", "Retry", "Show Output"]);
      const logged = /^\S+ \S+ \[error\] SpecMint: cannot reach Ollama at /m;
      for (const end = Date.now() + 10_000; !logged.test(wb.extensionLog()) && Date.now() < end;) await page.waitForTimeout(100);
      assert.match(wb.extensionLog(), logged, "the failure is an error in the log");
      await wb.docImage("failure.png");
      // A modal would take the click; the Settings editor opening on the setting proves there is none.
      await failure.locator(".monaco-button", { hasText: "Open Settings" }).click({ timeout: 10_000 });
      const setting = page.locator(".settings-editor .setting-item-contents", { hasText: "Ollama server the language server calls" });
      await setting.first().waitFor({ timeout: 30_000 });
      assert.deepEqual(await census(page, /Ollama|SpecMint/), { notifications: 0, dialogs: 0 });
      // markdownDescription: the setting's description is rendered, its backticks are not shown.
      const description = await setting.first().locator(".setting-item-description").innerText();
      assert.doesNotMatch(description, /`/, description);

      // 2. New Schema from Description: Ollama answers, the model fails on the first draft.
      let failing = true;
      standin = await startStandin({
        port,
        fault: () => (failing ? { kind: "status", status: 500, error: "llama runner process has terminated" } : undefined),
      });
      await page.keyboard.press("Control+W");
      await wb.runCommand("SpecMint: New Schema from Description");
      const input = page.locator(".quick-input-widget input");
      await page.locator(".quick-input-widget", { hasText: /new schema from a description/i }).waitFor({ timeout: 30_000 });
      const typed = "library members with a name and a join date";
      await page.keyboard.type(typed);
      await page.keyboard.press("Enter");
      await nextNotification(page);
      const draftFailure = notifications(page, "llama runner process has terminated").first();
      // The progress notification of the failed draft closes with it.
      await notifications(page, "drafting a schema").first().waitFor({ state: "hidden", timeout: 10_000 });
      assert.deepEqual(await census(page, /./), { notifications: 1, dialogs: 0 });
      assert.ok((await buttonsOf(draftFailure)).includes("Retry"));
      failing = false;
      await draftFailure.locator(".monaco-button", { hasText: "Retry" }).click({ timeout: 10_000 });
      await page.locator(".quick-input-widget", { hasText: /new schema from a description/i }).waitFor({ timeout: 30_000 });
      assert.equal(await input.inputValue(), typed, "Retry offers the description typed before");
      assert.deepEqual(await census(page, /SpecMint|llama runner/), { notifications: 0, dialogs: 0 });
      await page.keyboard.press("Enter");
      await page.locator(".tab.active", { hasText: /Untitled/ }).waitFor({ timeout: 60_000 });
      assert.equal(standin.chats().length, 2);

      // 3. Generate Fixtures on a schema that cannot be generated: the count typed in the prompt
      // comes back with Retry.
      await quickOpen("bad.schema.json");
      await page.locator(".monaco-editor .view-lines").first().click();
      await wb.runCommand("SpecMint: Generate Fixtures");
      const row = (text: string) => page.locator(".quick-input-list .monaco-list-row", { hasText: text }).first();
      await row("records that satisfy the schema").waitFor({ timeout: 30_000 });
      await page.keyboard.press("Enter");
      await row("Generate 10 records, seed 1").waitFor({ timeout: 30_000 });
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await page.locator(".quick-input-widget", { hasText: "Number of records" }).waitFor({ timeout: 10_000 });
      await page.keyboard.press("Control+A");
      await page.keyboard.type("7");
      await page.keyboard.press("Enter");
      await row("Generate 7 records, seed 1").waitFor({ timeout: 10_000 });
      await page.keyboard.press("Enter");
      await nextNotification(page);
      const generateFailure = notifications(page, "minimum 10 is greater than maximum 5").first();
      await notifications(page, "generating fixtures").first().waitFor({ state: "hidden", timeout: 10_000 });
      assert.deepEqual(await census(page, /./), { notifications: 1, dialogs: 0 });
      assert.deepEqual(await buttonsOf(generateFailure), ["Show Problems", "Retry", "Show Output"]);
      await generateFailure.locator(".monaco-button", { hasText: "Retry" }).click({ timeout: 10_000 });
      await row("Generate 7 records, seed 1").waitFor({ timeout: 30_000 });
      await page.keyboard.press("Escape");
    } catch (e) {
      await shot("failure-fail.png").catch(() => undefined);
      t.diagnostic(wb.log());
      throw e;
    } finally {
      await standin?.close();
      await wb.close();
    }
  },
);
