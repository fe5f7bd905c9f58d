// The Inspect Dataset view as a person meets it in the real workbench (code-server + Chromium): run
// from F1 on a dataset whose histogram counts are known, its bars are drawn (heights in proportion to
// the counts, measured in the webview's DOM: the old CSS bars were blocked by the CSP and 0 px tall),
// with bars for the top values and a date histogram labelled with ISO dates; no column is cut off, at
// full width nor in a narrow window; the bars take the theme's colours (dark, light, high contrast);
// inspecting the dataset again refreshes the same view.
// The screenshot is docs/images/inspect.png (SPECMINT_DOC_IMAGES=1).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { Frame, Page } from "playwright-core";
import { openWorkbench } from "./support/workbench";

/**
 * 16 orders. `amount` spans 0…100, so the server's 10 bins are 10 wide and hold 5, 3, 1, 0, 2, 0, 0,
 * 4, 0, 1 values; `plan` is pro 7, free 5, team 3 and one null; `created` is a date.
 */
const AMOUNTS = [0, 2.5, 4, 6.75, 8.2, 12, 14.5, 16, 25, 41, 47.9, 72, 74.25, 75, 78, 100];
const AMOUNT_BINS = [5, 3, 1, 0, 2, 0, 0, 4, 0, 1];
const PLANS = ["pro", "free", "pro", "team", "pro", "free", "pro", null, "free", "pro", "team", "free", "pro", "team", "free", "pro"];
const PLAN_COUNTS = [7, 5, 3, 1]; // pro, free, team, null: the order of the top values
const CUSTOMERS = [
  "Ada Lovelace",
  "Alan Turing",
  "Grace Hopper",
  "Edsger Dijkstra",
  "Barbara Liskov",
  "Ken Thompson",
  "Donald Knuth",
  "Frances Allen",
];

/** The orders' schema: inspected from its editor, the view lists the fields in its order. */
const ORDERS_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["id", "customer", "amount", "created"],
  properties: {
    id: { type: "integer", minimum: 1000 },
    customer: { type: "string", minLength: 2, maxLength: 40 },
    amount: { type: "number", minimum: 0, maximum: 100 },
    plan: { enum: ["free", "pro", "team", null] },
    created: { type: "string", format: "date" },
    tags: { type: "array", items: { type: "string" }, maxItems: 3 },
  },
};

function writeOrders(ws: string): string {
  writeFileSync(path.join(ws, "orders.schema.json"), JSON.stringify(ORDERS_SCHEMA, null, 2) + "\n");
  const file = path.join(ws, "data", "orders.jsonl");
  mkdirSync(path.dirname(file), { recursive: true });
  const lines = AMOUNTS.map((amount, k) => ({
    id: 1001 + k,
    customer: CUSTOMERS[k % CUSTOMERS.length],
    amount,
    plan: PLANS[k],
    // 2024-01-03 … 2024-12-13: one order every 23 days
    created: new Date(Date.UTC(2024, 0, 3) + k * 23 * 86_400_000).toISOString().slice(0, 10),
    tags: ["gift", "express", "bulk"].slice(0, k % 4),
  }));
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  return file;
}

/**
 * The webview's inner frame: the one whose document holds the statistics table (webviews are nested
 * iframes). Found, like a field's row below, by what the view shows rather than by this version's ids,
 * so that the test measures the old view's bars too (0 px).
 */
async function statsFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame
        .locator("table th", { hasText: /^histogram$/ })
        .count()
        .catch(() => 0);
      if (found > 0) return frame;
    }
    await page.waitForTimeout(200);
  }
  throw new Error("no webview frame holds the statistics table");
}

/** The DOM the page functions below use, typed here: the project's TypeScript has no DOM library. */
interface DomElement {
  getBoundingClientRect(): { width: number; height: number; right: number };
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  ownerDocument: {
    documentElement: { scrollWidth: number; clientWidth: number };
    body: { className: string };
    defaultView: { getComputedStyle(element: DomElement): { fill: string } };
  };
}

/** The table row of a field: the one whose first cell names it. */
const row = (frame: Frame, field: string) =>
  frame.locator("tr", { has: frame.locator("td:first-child code", { hasText: new RegExp(`^${field}$`) }) });

/** Rendered heights (px) of the bars of a field's histogram, in order. */
const barHeights = (frame: Frame, field: string) =>
  row(frame, field).evaluate((tr: DomElement) => [...tr.querySelectorAll(".hist .bar")].map((r) => r.getBoundingClientRect().height));

/** Heights proportional to counts: height / count is one scale, within 0.5 px, and the largest bar is tall enough to see. */
function assertProportional(heights: number[], counts: number[], what: string) {
  assert.equal(heights.length, counts.length, `${what}: ${heights.length} bars`);
  const peak = Math.max(...counts);
  const scale = Math.max(...heights) / peak;
  assert.ok(scale * peak >= 20, `${what}: the tallest bar is ${scale * peak} px`);
  counts.forEach((c, k) =>
    assert.ok(Math.abs(heights[k] - c * scale) <= 0.5, `${what}: bar ${k} is ${heights[k]} px for ${c} (${heights.join(", ")})`),
  );
}

/** No horizontal scrolling in the view, and the last column's right edge inside it. */
async function assertNothingCutOff(frame: Frame, what: string) {
  const fit = await row(frame, "/amount").evaluate((tr: DomElement) => {
    const hist = tr.querySelector("svg.hist")!.getBoundingClientRect();
    const view = tr.ownerDocument.documentElement;
    return { scroll: view.scrollWidth, width: view.clientWidth, histRight: hist.right, histWidth: hist.width };
  });
  assert.ok(fit.scroll <= fit.width, `${what}: the page is ${fit.scroll} px wide in a ${fit.width} px view`);
  assert.ok(fit.histRight <= fit.width && fit.histWidth >= 100, `${what}: ${JSON.stringify(fit)}`);
}

/**
 * The computed fill of the first histogram bar once the view has the theme of `kind` (the class VS Code
 * puts on the webview's body; while the theme picker is open it previews other themes).
 */
async function barFill(page: Page, frame: Frame, kind: "vscode-dark" | "vscode-light" | "vscode-high-contrast"): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const seen = await row(frame, "/amount").evaluate((tr: DomElement) => ({
      themed: tr.ownerDocument.body.className.split(/\s+/).filter((c) => c.startsWith("vscode-")),
      fill: tr.ownerDocument.defaultView.getComputedStyle(tr.querySelector("svg.hist rect.bar")!).fill,
    }));
    if (seen.themed.includes(kind)) return seen.fill;
    if (Date.now() > deadline) assert.fail(`the view's theme is ${seen.themed.join(" ")}, not ${kind}`);
    await page.waitForTimeout(200);
  }
}

const transparent = (fill: string) => fill === "none" || /rgba\(.*,\s*0\)$/.test(fill) || fill === "transparent";

/** F1 → Preferences: Color Theme (its row also shows its key binding, so it is picked by its start) → the theme. */
async function pickTheme(page: Page, theme: string) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await page.keyboard.type("Preferences: Color Theme");
  await page
    .locator(".quick-input-list .monaco-list-row", { hasText: /^Preferences: Color Theme/ })
    .first()
    .click();
  await page.locator(".quick-input-list .monaco-list-row", { hasText: "Dark Modern" }).first().waitFor();
  await page.keyboard.type(theme);
  await page.locator(".quick-input-list .monaco-list-row.focused", { hasText: theme }).first().waitFor();
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "hidden" });
}

test("Inspect Dataset draws histograms and top-value bars to scale, in the theme's colours", { timeout: 300_000 }, async (t) => {
  const wb = await openWorkbench(t);
  if (!wb) return;
  const { page, ws, shot, quickOpen } = wb;
  try {
    const dataset = writeOrders(ws);
    // The empty secondary side bar would only narrow the editor area.
    if (await page.locator(".part.auxiliarybar").isVisible()) await wb.runCommand("View: Hide Secondary Side Bar");
    // From the schema's editor, once the extension is active (its status item shows).
    await quickOpen("orders.schema.json");
    await page.locator(".statusbar-item", { hasText: "SpecMint: seed" }).first().waitFor({ timeout: 60_000 });
    await page.locator(".monaco-editor .view-lines").first().click();
    await wb.runCommand("SpecMint: Inspect Dataset");
    // The open dialog (VS Code's own, in the quick input): the dataset's path, then OK.
    const dialog = page.locator(".quick-input-widget", { hasText: "SpecMint: dataset to inspect" });
    const input = dialog.locator("input");
    // It fills in the workspace folder first (a value typed before that is replaced).
    await dialog.locator(".quick-input-list .monaco-list-row", { hasText: "people.schema.json" }).waitFor();
    await input.fill(dataset);
    await dialog.locator(".quick-input-list .monaco-list-row", { hasText: "people-bad.jsonl" }).waitFor();
    await dialog.locator(".monaco-button", { hasText: "OK" }).click();
    await page.locator(".tabs-container .tab", { hasText: "Inspect orders.jsonl" }).waitFor({ timeout: 60_000 });
    const frame = await statsFrame(page);
    assert.equal((await frame.locator("#summary").innerText()).trim(), "16 records, 7 fields");

    // The histogram of /amount: bars in proportion to the known counts, with a tooltip per bar.
    assertProportional(await barHeights(frame, "/amount"), AMOUNT_BINS, "/amount histogram");
    const tips = await row(frame, "/amount").locator("svg.hist .bin title").allTextContents();
    assert.equal(tips[0], "0 – 10: 5 values");
    assert.equal(tips[9], "90 – 100: 1 value");
    const axis = await row(frame, "/amount").locator(".axis span").allTextContents();
    assert.deepEqual(axis, ["0", "100"]);

    // The top values of /plan: bars whose lengths are in proportion to 7, 5, 3, 1.
    const shares = await row(frame, "/plan").evaluate((tr: DomElement) =>
      [...tr.querySelectorAll("svg.share rect.bar")].map((r) => r.getBoundingClientRect().width),
    );
    assert.equal(shares.length, PLAN_COUNTS.length);
    PLAN_COUNTS.forEach((c, k) =>
      assert.ok(Math.abs(shares[k] - (shares[0] * c) / 7) <= 0.5, `/plan top value ${k}: ${shares.join(", ")}`),
    );
    assert.ok(shares[0] > 20, `the "pro" bar is ${shares[0]} px`);

    // /created is a date: its range and its histogram's axis read as ISO dates, and its bars are drawn.
    assert.equal(await row(frame, "/created").locator("svg.hist").getAttribute("data-measure"), "date");
    const created = await barHeights(frame, "/created");
    assert.ok(created.filter((h) => h > 0).length >= 5, `date bars: ${created.join(", ")}`);
    assert.deepEqual(await row(frame, "/created").locator(".axis span").allTextContents(), ["2024-01-03", "2024-12-13"]);
    assert.match(await row(frame, "/created").locator("td.range").innerText(), /^2024-01-03 …\s+2024-12-13/);
    assert.match(await row(frame, "/customer").locator("td.range").innerText(), /^11 … 15 characters/);

    // The view has the editor area's width and every column in it.
    await assertNothingCutOff(frame, "full width");
    await page.mouse.move(700, 300);
    await wb.docImage("inspect.png");

    // The themes: the bars' fill changes with the theme and is never transparent.
    const dark = await barFill(page, frame, "vscode-dark");
    await pickTheme(page, "Light Modern");
    const light = await barFill(page, frame, "vscode-light");
    await shot("inspect-light.png");
    await pickTheme(page, "Dark High Contrast");
    const contrast = await barFill(page, frame, "vscode-high-contrast");
    t.diagnostic(`bar fill: dark ${dark}, light ${light}, high contrast ${contrast}`);
    assert.equal(new Set([dark, light, contrast]).size, 3, `fills: ${dark}, ${light}, ${contrast}`);
    for (const fill of [dark, light, contrast]) assert.ok(!transparent(fill), fill);
    await shot("inspect-high-contrast.png");

    // A narrow window: the rows become cards, still nothing cut off and the bars still to scale.
    await page.setViewportSize({ width: 760, height: 900 });
    await page.waitForTimeout(500);
    await assertNothingCutOff(frame, "narrow");
    assertProportional(await barHeights(frame, "/amount"), AMOUNT_BINS, "/amount histogram, narrow");
    await shot("inspect-narrow.png");

    // Inspected again, from the explorer's context menu: the same view, refreshed (without the schema,
    // which was not asked for), not a second one.
    await page.setViewportSize({ width: 1400, height: 900 });
    const explorerRow = (name: string) => page.locator(".explorer-folders-view .monaco-list-row", { hasText: name }).first();
    await explorerRow("data").click();
    await explorerRow("orders.jsonl").click({ button: "right" });
    await page.locator(".monaco-menu .action-item", { hasText: "Inspect Dataset" }).first().click();
    const heading = async () =>
      (
        await (
          await statsFrame(page)
        )
          .locator("h1")
          .innerText()
          .catch(() => "")
      ).trim();
    // The schema is the one Validate Dataset would use without asking: the schema editor's when it is
    // the active editor at that moment (focus decides), else none.
    const reinspected = /^data\/orders\.jsonl( · orders\.schema\.json)?$/;
    for (const end = Date.now() + 30_000; !reinspected.test(await heading()) && Date.now() < end;) await page.waitForTimeout(200);
    assert.match(await heading(), reinspected);
    // Both headings can be the same: give a second view, were one opened, the time to appear.
    await page.waitForTimeout(2_000);
    assert.equal(await page.locator(".tabs-container .tab", { hasText: "Inspect orders.jsonl" }).count(), 1, "one view of the dataset");
  } catch (e) {
    await shot("inspect-fail.png").catch(() => undefined);
    t.diagnostic(wb.log());
    t.diagnostic(wb.extensionLog());
    throw e;
  } finally {
    await wb.close();
  }
});
