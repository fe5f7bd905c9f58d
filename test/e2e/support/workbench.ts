// A real VS Code workbench (code-server + Debian Chromium) with the extension loaded from this
// folder and the test workspace open, driven as a person would: Ctrl+P, F1, clicks. Each UI test
// file opens one with openWorkbench and closes it in `finally`.
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { requireRealTools } from "../../support/tiers";
import { findE2eTools } from "./tools";
import { startCodeServer } from "./codeServer";
import { openBrowser } from "./browser";
// Shared with scripts/test-electron.mjs, plain JavaScript; typed by workspace.d.mts.
import { writeWorkspace } from "../workspace.mjs";

const ROOT = path.resolve(__dirname, "../../..");
/** Screenshots of every UI test (git-ignored); the ones the README shows are copied to docs/images. */
export const ARTIFACTS = path.resolve(__dirname, "../artifacts");
const DOCS_IMAGES = path.resolve(__dirname, "../../../docs/images");

/**
 * F1, the command's title, then a click on the row whose label is exactly the title: a row's text
 * also holds "recently used" / "other commands", and "Generate Fixtures" is a prefix of another title.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  await page.waitForSelector(".quick-input-widget input", { state: "visible" });
  await page.keyboard.type(title);
  const rows = page.locator(".quick-input-list .monaco-list-row", { hasText: title });
  await rows.first().waitFor();
  for (const r of await rows.all()) {
    const label = (await r.innerText()).replace(/\s*(recently used|other commands|commonly used)\s*$/, "").trim();
    if (label === title) return r.click();
  }
  throw new Error(`no command titled ${title}`);
}

export interface Workbench {
  page: Page;
  /** The workspace folder (test/e2e/workspace.mjs's files, written afresh). */
  ws: string;
  /** Saves a screenshot of the whole window to test/e2e/artifacts/<name>. */
  shot: (name: string) => Promise<void>;
  /** Opens a workspace file with Ctrl+P and waits for its tab. */
  quickOpen: (name: string) => Promise<void>;
  /** Runs a command from F1 by its full title ("SpecMint: Generate Fixtures"). */
  runCommand: (title: string) => Promise<void>;
  /**
   * A screenshot the README shows: saved to test/e2e/artifacts/<name>, and copied to docs/images/<name>
   * when SPECMINT_DOC_IMAGES=1 (so that a test run leaves the committed images alone).
   */
  docImage: (name: string) => Promise<void>;
  /** The last lines of code-server's log, for a failure message. */
  log: () => string;
  /** The "SpecMint" output channel as VS Code wrote it (its log file; "" before it exists). */
  extensionLog: () => string;
  /** The user settings.json of the VS Code instance, as it is on disk now. */
  userSettings: () => string;
  close: () => Promise<void>;
}

export interface WorkbenchOptions {
  /** User settings of the VS Code instance. */
  settings?: Record<string, unknown>;
  /** More workspace files (path relative to the workspace → text), there before VS Code starts (workspaceContains activation sees them). */
  files?: Record<string, string>;
}

/** Opens the workbench, or skips the test (fails it under CI) when code-server or Chromium is missing. */
export async function openWorkbench(t: { skip(why: string): void }, opts: WorkbenchOptions = {}): Promise<Workbench | undefined> {
  const tools = findE2eTools();
  if (typeof tools === "string") {
    if (requireRealTools()) assert.fail(`real VS Code tests are required under CI: ${tools}`);
    t.skip(`skipped: ${tools}`);
    return undefined;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), "specmint-ui-"));
  const ws = writeWorkspace(path.join(work, "ws"));
  for (const [rel, text] of Object.entries(opts.files ?? {})) {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    writeFileSync(path.join(ws, rel), text);
  }
  const server = await startCodeServer(tools, {
    // The smoke-test driver is what lets the payload load the extension from its folder.
    testDriver: true,
    // No empty secondary side bar on the right of every screenshot.
    settings: {
      "workbench.colorTheme": "Default Dark Modern",
      "window.commandCenter": false,
      "workbench.secondarySideBar.defaultVisibility": "hidden",
      ...opts.settings,
    },
  });
  const browser = await openBrowser(tools.chromium);
  const { page } = browser;
  const close = async () => {
    await browser.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const authority = `127.0.0.1:${server.port}`;
    const payload = [
      ["extensionDevelopmentPath", `vscode-remote://${authority}${ROOT}`],
      ["skipWelcome", "true"],
    ];
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    await page.waitForSelector(".monaco-workbench", { timeout: 60_000 });
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "people.schema.json" }).first().waitFor({ timeout: 60_000 });
  } catch (e) {
    await close();
    throw e;
  }
  return {
    page,
    ws,
    shot: async (name) => {
      await page.screenshot({ path: path.join(ARTIFACTS, name) });
    },
    quickOpen: async (name) => {
      await page.keyboard.press("Control+P");
      await page.waitForSelector(".quick-input-widget input", { state: "visible" });
      await page.keyboard.type(name);
      await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().waitFor();
      await page.keyboard.press("Enter");
      await page.locator(".tab.active", { hasText: name }).waitFor({ timeout: 30_000 });
    },
    runCommand: (title) => runCommand(page, title),
    docImage: async (name) => {
      await page.screenshot({ path: path.join(ARTIFACTS, name) });
      if (process.env.SPECMINT_DOC_IMAGES !== "1") return;
      mkdirSync(DOCS_IMAGES, { recursive: true });
      copyFileSync(path.join(ARTIFACTS, name), path.join(DOCS_IMAGES, name));
    },
    log: () => server.log().slice(-3000),
    extensionLog: () => {
      // user-data/logs/<session>/exthost<N>/specmint.specmint/SpecMint.log
      const logs = path.join(server.dir, "user-data", "logs");
      const files = existsSync(logs)
        ? readdirSync(logs, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(path.join("specmint.specmint", "SpecMint.log")))
        : [];
      return files.map((f) => readFileSync(path.join(logs, f), "utf8")).join("");
    },
    userSettings: () => readFileSync(path.join(server.dir, "user-data", "User", "settings.json"), "utf8"),
    close,
  };
}
