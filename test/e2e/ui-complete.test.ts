// Completion as a person sees it in the real workbench (code-server + Chromium): Ctrl+Space in a
// schema opens the suggest widget, whose rows merge SpecMint's server, VS Code's JSON completion and
// the snippets. Each keyword is one row; where SpecMint lists the keywords, those of the node's type
// come first (the issue saw maxContains first on a number); in a rule string "su" offers the function
// sum with its signature and no snippet, and accepting it inserts "sum(path)".
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { openWorkbench } from "./support/workbench";

const NUMBER_KEYWORDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const ARRAY_KEYWORDS = ["items", "maxItems", "minItems", "uniqueItems", "contains", "maxContains", "minContains", "prefixItems"];

/** A schema whose line 4 is a number node (`"number" }` ends it) and line 6 a rule; `head` goes after the opening brace. */
const schema = (head: string) => `{${head}
  "type": "object",
  "properties": {
    "price": { "type": "number" }
  },
  "x-cross-field-rules": ["price > 0"]
}
`;

const widget = (page: Page) => page.locator(".editor-widget.suggest-widget.visible");

/**
 * Every row of the open suggest widget in its order, as labels (quotes removed: VS Code's JSON
 * completion may quote a property name). The list is virtual: it is read a page at a time.
 */
async function suggestRows(page: Page): Promise<string[]> {
  const rows = new Map<number, string>();
  let total = Infinity;
  for (let pages = 0; rows.size < total && pages < 40; pages++) {
    for (const row of await widget(page).locator(".monaco-list-row").all()) {
      const at = Number(await row.getAttribute("aria-posinset"));
      total = Number(await row.getAttribute("aria-setsize"));
      rows.set(at, (await row.locator(".label-name").first().innerText()).trim().replace(/^"|"$/g, ""));
    }
    if (rows.size < total) await page.keyboard.press("PageDown");
  }
  assert.equal(rows.size, total, "every row of the suggest widget read");
  return [...rows.keys()].sort((a, b) => a - b).map((k) => rows.get(k)!);
}

const duplicates = (labels: string[]) => labels.filter((l, i) => labels.indexOf(l) !== i);

test("the suggest widget lists each keyword once, the node's type first, and sum( in a rule string", { timeout: 300_000 }, async (t) => {
  const wb = await openWorkbench(t);
  if (!wb) return;
  const { page, ws, shot } = wb;
  /**
   * Opens a workspace file with Ctrl+P by its path (two files are called price) and a click on its row,
   * again if a just-written file was not found yet; then waits for its tab.
   */
  const open = async (file: string) => {
    const name = path.basename(file);
    const tab = page.locator(".tab.active", { hasText: name });
    for (let tries = 0; !(await tab.isVisible()); tries++) {
      if (tries === 3) throw new Error(`${file} did not open`);
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+P");
      await page.waitForSelector(".quick-input-widget input", { state: "visible" });
      await page.keyboard.type(file);
      const row = page.locator(".quick-input-list .monaco-list-row", { hasText: name });
      const found = await row
        .first()
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      if (found) await row.first().click();
      await tab.waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().click();
  };
  /** Puts the cursor on `line` at `back` characters before its end, and types `text`. */
  const typeAt = async (line: number, back: number, text: string) => {
    await page.keyboard.press("Control+G");
    await page.keyboard.type(String(line));
    await page.keyboard.press("Enter");
    await page.keyboard.press("End");
    for (let i = 0; i < back; i++) await page.keyboard.press("ArrowLeft");
    await page.keyboard.type(text);
  };
  /** Ctrl+Space until the widget's rows include `expected` (the server may still be starting); its rows. */
  const suggest = async (expected: string): Promise<string[]> => {
    for (let tries = 0; ; tries++) {
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+Space");
      const shown = await widget(page)
        .locator(".monaco-list-row")
        .first()
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      const rows = shown ? await suggestRows(page) : [];
      if (rows.includes(expected)) return rows;
      if (tries === 20) throw new Error(`no suggestion ${expected}: ${rows.join(" ")}`);
    }
  };
  try {
    // A $schema VS Code knows: its JSON completion and SpecMint's both answer, no row twice.
    writeFileSync(path.join(ws, "price.schema.json"), schema(` "$schema": "https://json-schema.org/draft/2020-12/schema",`));
    await open("price.schema.json");
    await typeAt(4, 2, ', "');
    const known = await suggest("x-faker");
    t.diagnostic(`price.schema.json: ${known.join(" ")}`);
    assert.deepEqual(duplicates(known), [], known.join(" "));
    for (const k of [...NUMBER_KEYWORDS, "maxContains", "x-faker", "x-unique"]) assert.ok(known.includes(k), k);
    await page.keyboard.press("Escape");

    // No schema VS Code knows (schemas/*.json is a SpecMint schema by its folder): SpecMint lists
    // every keyword, the number ones before the array ones.
    mkdirSync(path.join(ws, "schemas"), { recursive: true });
    writeFileSync(path.join(ws, "schemas", "price.json"), schema(""));
    await open("schemas/price.json");
    await typeAt(4, 2, ', "');
    const listed = await suggest("x-faker");
    t.diagnostic(`schemas/price.json: ${listed.join(" ")}`);
    assert.deepEqual(duplicates(listed), [], listed.join(" "));
    const lastNumber = Math.max(...NUMBER_KEYWORDS.map((k) => listed.indexOf(k)));
    const firstArray = Math.min(...ARRAY_KEYWORDS.map((k) => listed.indexOf(k)).filter((i) => i >= 0));
    assert.ok(NUMBER_KEYWORDS.every((k) => listed.includes(k)) && lastNumber < firstArray, listed.join(" "));
    // Typing "max" (the case): maximum, not maxContains, is the first row.
    await page.keyboard.type("max");
    await widget(page).locator(".monaco-list-row.focused", { hasText: "maximum" }).waitFor({ timeout: 10_000 });
    assert.equal((await suggestRows(page))[0], "maximum");
    await page.keyboard.press("Escape");

    // In a rule string: "su" offers sum with its signature and no snippet row; Enter inserts sum(path).
    writeFileSync(path.join(ws, "schemas", "rules.json"), schema(""));
    await open("schemas/rules.json");
    await typeAt(6, 2, " and su");
    const ruleRows = await suggest("sum");
    t.diagnostic(`after "su": ${ruleRows.join(" ")}`);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+Space"); // the first row focused again
    const focused = widget(page).locator(".monaco-list-row.focused");
    await focused.filter({ hasText: "sum" }).waitFor({ timeout: 10_000 });
    assert.equal((await focused.locator(".label-name").innerText()).trim(), "sum");
    assert.match(await focused.locator(".details-label").innerText(), /sum\(xs\[\*\]\.y\) -> number/);
    assert.equal(await widget(page).locator(".codicon-symbol-snippet").count(), 0, "a snippet row in a rule string");
    await shot("complete-rule.png");
    await page.keyboard.press("Enter");
    await page.locator(".monaco-editor .view-lines", { hasText: '["price > 0 and sum(path)"]' }).first().waitFor({ timeout: 10_000 });

    // After a field, the operators.
    await page.keyboard.press("Escape");
    await typeAt(6, 2, " > price ");
    const operators = await suggest("==");
    for (const op of ["==", "!=", "<=", ">=", "and", "or", "->", "in"]) assert.ok(operators.includes(op), `${op}: ${operators.join(" ")}`);
    await page.keyboard.press("Escape");
  } catch (e) {
    await shot("complete-fail.png").catch(() => undefined);
    t.diagnostic(wb.log());
    throw e;
  } finally {
    await wb.close();
  }
});
