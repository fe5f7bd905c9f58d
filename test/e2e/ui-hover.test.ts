// The hover as a person meets it in the real workbench (code-server + Chromium): the mouse on a
// property of an example schema shows its constraints in words and the values `specmint generate`
// writes there under the seed, then one invalid value of it with its label. The screenshot is docs/images/hover.png (SPECMINT_DOC_IMAGES=1).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import * as path from "node:path";
import { openWorkbench } from "./support/workbench";

const EXAMPLE = path.resolve(__dirname, "../../examples/ecommerce-product.schema.json");
const CLI = path.resolve(__dirname, "../../dist/cli.js");

test("hovering a property shows its constraints and seeded samples", { timeout: 300_000 }, async (t) => {
  // The secondary side bar is empty here (chat is off): hidden, the editor gets the width. No motion:
  // the screenshot must not catch the hover fading in.
  const wb = await openWorkbench(t, {
    settings: { "workbench.reduceMotion": "on" },
  });
  if (!wb) return;
  const { page, ws, shot, quickOpen } = wb;
  try {
    copyFileSync(EXAMPLE, path.join(ws, "ecommerce-product.schema.json"));
    await quickOpen("ecommerce-product.schema.json");
    await page.locator(".statusbar-item", { hasText: "SpecMint: seed 1" }).first().waitFor({ timeout: 60_000 });
    // The CodeLens line above the root moves every line down when it appears: hover after it.
    await page.locator(".monaco-editor .codelens-decoration", { hasText: "Preview samples" }).first().waitFor({ timeout: 60_000 });
    // price.amount: a number from 0.99 to 2999.99 in steps of 0.01.
    const key = page.locator(".view-lines .view-line", { hasText: '"amount": {' }).locator("span", { hasText: /^"?amount"?$/ });
    const hover = page
      .locator(".monaco-hover:visible .hover-contents", { hasText: "Samples (seed 1)" })
      .filter({ hasText: /^amount — number/ })
      .filter({ hasText: "Invalid: " });
    // The first hover may come before the samples (or the invalid value, made after them) are
    // made: move away and back.
    for (let tries = 0; !(await hover.first().isVisible()); tries++) {
      if (tries === 20) throw new Error("no hover with samples");
      await page.mouse.move(700, 700);
      // Gone first: hovering the same word while its hover still shows asks nothing new.
      await page
        .locator(".monaco-hover:visible")
        .first()
        .waitFor({ state: "hidden", timeout: 5_000 })
        .catch(() => undefined);
      await key.first().hover();
      await hover
        .first()
        .waitFor({ timeout: 5_000 })
        .catch(() => undefined);
    }
    const text = await hover.first().innerText();
    t.diagnostic(text);
    assert.match(text, /0\.99/);
    assert.match(text, /2999\.99/);
    const samples = /Samples \(seed 1\):\s*([\s\S]*?)\s*Invalid: /.exec(text)![1].trim().split(/\s+/).map(Number);
    // One invalid value of the property with its label: record i of `specmint generate --kind invalid`.
    assert.match(
      text,
      /Invalid: \S+ — price\.amount .+ \((minimum|maximum|multipleOf|type|required) at \/price\/amount; record \d+ of --kind invalid\)/,
    );
    assert.ok(samples.length > 0, text);
    // The very values `specmint generate` writes there under seed 1.
    const cli = execFileSync(
      process.execPath,
      [CLI, "generate", "--schema", EXAMPLE, "--count", String(samples.length), "--seed", "1", "--stdout"],
      { encoding: "utf8" },
    );
    const written = cli
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { price: { amount: number } }).price.amount);
    assert.deepEqual(samples, written);
    await wb.docImage("hover.png");
  } catch (e) {
    await shot("hover-fail.png").catch(() => undefined);
    t.diagnostic(wb.log());
    t.diagnostic(wb.extensionLog().slice(-6000));
    throw e;
  } finally {
    await wb.close();
  }
});
