// Sets of entities as a person meets them in the real workbench (code-server + Chromium): a set file
// opened first (VS Code has no TOML language: it is plain text) activates the extension and shows its
// problems and the Generate lens; in a schema of the set an x-ref naming an unknown entity is
// underlined with the near miss, and a hover on a good one names the parent entity. The screenshot
// is docs/images/sets.png (SPECMINT_DOC_IMAGES=1).
import { test } from "node:test";
import assert from "node:assert/strict";
import { openWorkbench } from "./support/workbench";

const SHOP = `# customers and their orders
seed = 7

[[entity]]
name = "customers"
schema = "customer.schema.json"
count = 100

[[entity]]
name = "orders"
schema = "order.schema.json"
per = { parent = "customers", min = 0, max = 4 }
`;

const CUSTOMER = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "Customer",
  type: "object",
  required: ["id", "email"],
  properties: {
    id: { type: "string", format: "uuid", "x-unique": true },
    email: { type: "string", format: "email", "x-unique": true },
  },
};

const ORDER = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Order",
  "type": "object",
  "required": ["id", "customer_id"],
  "properties": {
    "id": { "type": "integer", "x-unique": true },
    "customer_id": { "type": "string", "x-ref": "customers.id" },
    "referrer_email": { "type": "string", "x-ref": "customer.email" }
  }
}
`;

test("a set file activates the extension and shows its problems; x-refs are checked and explained", { timeout: 300_000 }, async (t) => {
  const wb = await openWorkbench(t, {
    settings: { "workbench.reduceMotion": "on" },
    files: {
      "shop/shop.toml": SHOP,
      "shop/customer.schema.json": JSON.stringify(CUSTOMER, null, 2) + "\n",
      "shop/order.schema.json": ORDER,
    },
  });
  if (!wb) return;
  const { page, shot, quickOpen } = wb;
  try {
    // Nothing else opened: the extension starts for the TOML file (workspaceContains), and the
    // set file gets the order schema's problem at its entity's schema line, and the lens.
    await quickOpen("shop.toml");
    await page
      .locator(".monaco-editor .codelens-decoration", { hasText: "Generate fixtures for this set" })
      .first()
      .waitFor({ timeout: 90_000 });
    await page.locator(".monaco-editor .squiggly-error").first().waitFor({ timeout: 60_000 });
    await page.keyboard.press("Control+Shift+M");
    const problem = page.locator(".markers-panel .monaco-list-row", { hasText: 'names entity "customer"' }).first();
    await problem.waitFor({ timeout: 30_000 });
    const text = await problem.innerText();
    t.diagnostic(text);
    assert.match(text, /in order\.schema\.json 9:43: x-ref "customer\.email"/);

    await quickOpen("order.schema.json");
    await page.locator(".monaco-editor .squiggly-error").first().waitFor({ timeout: 60_000 });
    // The near miss in the Problems panel, for the schema's own x-ref.
    await page
      .locator(".markers-panel .monaco-list-row", { hasText: /did you mean "customers"/ })
      .first()
      .waitFor({ timeout: 30_000 });
    const value = page.locator(".view-lines .view-line", { hasText: '"customer_id"' }).locator("span", { hasText: /^"customers\.id"$/ });
    const hover = page.locator(".monaco-hover:visible .hover-contents", { hasText: "x-ref" }).filter({ hasText: "customers" });
    for (let tries = 0; !(await hover.first().isVisible()); tries++) {
      if (tries === 10) throw new Error("no x-ref hover");
      await page.mouse.move(700, 700);
      await value.first().hover();
      await hover
        .first()
        .waitFor({ timeout: 5_000 })
        .catch(() => undefined);
    }
    const said = await hover.first().innerText();
    t.diagnostic(said);
    assert.match(said, /entity customers, field id/);
    assert.match(said, /\(its key\), from customer\.schema\.json — "Customer"/);
    assert.match(said, /counted per customers \(0–4 each\)/);
    await wb.docImage("sets.png");
  } catch (e) {
    await shot("sets-fail.png").catch(() => undefined);
    t.diagnostic(wb.log());
    t.diagnostic(wb.extensionLog().slice(-6000));
    throw e;
  } finally {
    await wb.close();
  }
});
