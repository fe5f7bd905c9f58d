// The example schemas are what users start from: every record valid, runs byte-identical, golden
// files pin the output, and editing one property leaves the other properties' values alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { loadSchemaFile, loadSchemaText } from "../../core/schema/load";
import { Generator } from "../../core/engine/generator";
import { createAjv } from "../../core/validate/ajv";
import { stockValidator } from "../support/stockValidator";

const ROOT = path.resolve(__dirname, "../..");
const EXAMPLES = path.join(ROOT, "examples");
const GOLDEN = path.join(ROOT, "test/golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const names = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith(".schema.json"))
  .sort();

function jsonl(file: string, count: number, seed: number): string {
  const g = new Generator(loadSchemaFile(file), { seed });
  let out = "";
  for (let i = 1; i <= count; i++) out += JSON.stringify(g.record(i)) + "\n";
  return out;
}

/** The text of one x-cross-field-rules entry: the rule string, or the `rule` string of an object. */
function ruleText(entry: unknown): string {
  if (typeof entry === "string") return entry;
  const rule = typeof entry === "object" && entry !== null ? (entry as { rule?: unknown }).rule : undefined;
  return typeof rule === "string" ? rule : "";
}

/** Every rule string of a schema (x-cross-field-rules anywhere in it). */
function ruleTexts(node: unknown): string[] {
  if (typeof node !== "object" || node === null) return [];
  if (Array.isArray(node)) return node.flatMap(ruleTexts);
  const out: string[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === "x-cross-field-rules" && Array.isArray(v)) out.push(...v.map(ruleText));
    else out.push(...ruleTexts(v));
  }
  return out;
}

test("there are at least six example schemas", () => {
  assert.ok(names.length >= 6, names.join(", "));
});

for (const name of names) {
  const file = path.join(EXAMPLES, name);
  const base = name.replace(/\.schema\.json$/, "");

  test(`${name}: 1,000 records, all valid, byte-identical across runs, pinned by golden files`, () => {
    const a = jsonl(file, 1000, 42);
    const b = jsonl(file, 1000, 42);
    assert.equal(a, b);
    // Checked by a validator compiled here from the file, not only by the generator's own checks
    // (the engine's ajv setup; a stock setup checks them in the next test).
    const validate = createAjv("2020-12").compile(JSON.parse(readFileSync(file, "utf8")));
    const lines = a.trimEnd().split("\n");
    assert.equal(lines.length, 1000);
    lines.forEach((l, k) => assert.ok(validate(JSON.parse(l)), `record ${k + 1}: ${JSON.stringify(validate.errors)}`));
    const digest = createHash("sha256").update(a).digest("hex");
    const head = lines.slice(0, 5).join("\n") + "\n";
    const goldenHead = path.join(GOLDEN, `${base}.seed42.head.jsonl`);
    const goldenDigest = path.join(GOLDEN, `${base}.seed42.sha256`);
    if (UPDATE) {
      writeFileSync(goldenHead, head);
      writeFileSync(goldenDigest, digest + "\n");
    }
    assert.equal(
      head,
      readFileSync(goldenHead, "utf8"),
      "first records differ from the golden file (a breaking change: see docs/determinism.md)",
    );
    assert.equal(digest, readFileSync(goldenDigest, "utf8").trim(), "1,000-record dataset differs from the golden digest");
  });

  test(`${name}: 200 records (seed 42) are valid for a stock Ajv of the schema's draft with ajv-formats`, () => {
    const loaded = loadSchemaFile(file);
    const stock = stockValidator(loaded.draft);
    const validate = stock.ajv.compile(JSON.parse(readFileSync(file, "utf8")));
    // A format the stock validator does not know would be skipped silently: there must be none.
    assert.deepEqual(stock.warnings, []);
    const g = new Generator(loaded, { seed: 42 });
    for (let i = 1; i <= 200; i++) {
      const r = g.record(i);
      assert.ok(validate(r), `record ${i}: ${JSON.stringify(validate.errors)}`);
    }
  });

  test(`${name}: changing one property's schema leaves every other property's values unchanged`, () => {
    const schema = JSON.parse(readFileSync(file, "utf8")) as { properties: Record<string, unknown> };
    const props = Object.keys(schema.properties);
    // Edit a property in the middle of the list: its neighbours before and after must not move.
    // A property that a cross-field rule ties to others is not independent of them (a repair may
    // change them), so the edited property is the one nearest the middle that no rule mentions.
    const ruled = new Set(ruleTexts(schema).flatMap((r) => r.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []));
    const middle = Math.floor(props.length / 2);
    const free = props
      .map((p, k) => ({ p, d: Math.abs(k - middle) }))
      .filter((x) => !ruled.has(x.p))
      .sort((a, b) => a.d - b.d);
    const edited = free[0].p;
    const changed = structuredClone(schema);
    changed.properties[edited] = { type: "integer", minimum: 0, maximum: 9 };
    const g1 = new Generator(loadSchemaText(JSON.stringify(schema), file), { seed: 7 });
    const g2 = new Generator(loadSchemaText(JSON.stringify(changed), file), { seed: 7 });
    let differentEdited = 0;
    for (let i = 1; i <= 300; i++) {
      const r1 = g1.record(i) as Record<string, unknown>;
      const r2 = g2.record(i) as Record<string, unknown>;
      for (const p of props) {
        if (p === edited) {
          if (JSON.stringify(r1[p]) !== JSON.stringify(r2[p])) differentEdited++;
          continue;
        }
        assert.deepEqual(r2[p], r1[p], `record ${i}, property ${p} changed when only ${edited} was edited`);
      }
    }
    assert.ok(differentEdited > 250, "the edited property itself does change");
  });
}
