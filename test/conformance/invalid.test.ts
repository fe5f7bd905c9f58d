// Acceptance of `--kind invalid` (issue 14) on the JSON Schema Test Suite 2020-12 and the example
// schemas: for every group whose schema has a violable constraint, 200 invalid records (seed 1,
// through recordsOfKind as every front makes them) must all be invalid for a stock ajv (allErrors,
// ajv-formats), and at least 99% labelled exactly: ajv reports the labelled keyword at the labelled
// instance path, under the schema path of the label's `expected` error. Groups counted apart say why.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { loadSchemaFile, loadSchemaText, type LoadedSchema } from "../../core/schema/load";
import { Generator } from "../../core/engine/generator";
import { recordsOfKind } from "../../core/kinds";
import type { Violation } from "../../core/invalid";
import { SpecMintError } from "../../core/base/errors";
import { corpusAvailable, corpusPath } from "../support/jsts";
import { stockValidator } from "../support/stockValidator";
import { requireRealTools } from "../support/tiers";

const COUNT = 200;
const EXAMPLES = path.join(__dirname, "..", "..", "examples");

/** Groups counted apart by hand, each with its reason (the others are found: see apartReason). */
const EXCLUDED: Record<string, string> = {
  "required.json#4":
    "ajv's required takes the inherited __proto__, toString and constructor of a plain object as present: records without them pass",
  "unevaluatedItems.json#22": "ajv counts items that a failing contains evaluated; no item can be left unevaluated alone",
  "unevaluatedItems.json#23": "ajv counts items evaluated by the contains of an if that fails; an added item is never unevaluated",
  "allOf.json#11":
    "values are multiples of 30; breaking multipleOf 2 alone needs one ≡ 15 (mod 30), and breaking anyOf/oneOf alone one that is even and not a multiple of 3 (or 5): no small change of a record gets there",
};

interface Tally {
  records: number;
  invalid: number;
  exact: number;
  misses: string[];
}

/** Whether the stock validator's errors hold the labelled one. */
function labelled(errors: { keyword: string; instancePath: string; schemaPath: string }[], v: Violation): boolean {
  const keyword = v.keyword === "minContains" || v.keyword === "maxContains" ? "contains" : v.keyword;
  return errors.some((e) => e.keyword === keyword && e.instancePath === v.instance_path && e.schemaPath === v.expected.schemaPath);
}

function valueAt(record: unknown, pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((v, name) => (typeof v === "object" && v !== null ? (v as Record<string, unknown>)[name] : undefined), record);
}

/** COUNT invalid records of `loaded`, each checked by `validate` (and, for a rule or a duplicate, by what ajv does not check). */
function tally(
  loaded: LoadedSchema,
  validate: ReturnType<ReturnType<typeof stockValidator>["ajv"]["compile"]>,
  generator: Generator,
): Tally {
  const kind = recordsOfKind(generator, "invalid");
  const out: Tally = { records: 0, invalid: 0, exact: 0, misses: [] };
  const dataset: unknown[] = [];
  for (let i = 1; i <= COUNT; i++) {
    const { record, violation } = kind.record(i);
    const v = violation!;
    dataset.push(record);
    out.records++;
    let invalid: boolean;
    let exact: boolean;
    if (v.keyword === "x-cross-field-rules") {
      const failing = generator.rules!.failing(record).map((f) => f.rule);
      invalid = failing.length > 0;
      exact = validate(record) && failing.length === 1 && failing[0] === v.rule;
    } else if (v.keyword === "x-unique") {
      const mine = JSON.stringify(valueAt(record, v.instance_path));
      invalid = dataset.slice(0, i - 1).some((r) => JSON.stringify(valueAt(r, v.instance_path)) === mine);
      exact = invalid && validate(record) && JSON.stringify(valueAt(dataset[v.duplicate_of! - 1], v.instance_path)) === mine;
    } else {
      invalid = !validate(record);
      exact = invalid && labelled(validate.errors ?? [], v);
    }
    if (invalid) out.invalid++;
    if (exact) out.exact++;
    else if (out.misses.length < 3) out.misses.push(`record ${i} ${JSON.stringify(v)}: ${JSON.stringify(validate.errors)}`);
  }
  return out;
}

function percent(n: number, of: number): string {
  return ((100 * n) / Math.max(1, of)).toFixed(2);
}

test("JSON Schema Test Suite 2020-12: --kind invalid --count 200 is 100% invalid and ≥ 99% labelled exactly for a stock ajv", (t) => {
  if (!corpusAvailable()) {
    if (requireRealTools()) assert.fail("corpus not found at ../shared/corpora/jsts (required under CI)");
    t.skip("skipped: corpus not found");
    return;
  }
  const corpus = JSON.parse(readFileSync(corpusPath("draft2020-12"), "utf8")) as {
    groups: { file: string; index: number; description: string; schema: object }[];
  };
  const total: Tally = { records: 0, invalid: 0, exact: 0, misses: [] };
  const apart: string[] = [];
  let groups = 0;
  let nothingToBreak = 0;
  const stock = stockValidator("2020-12", { allErrors: true });
  for (const g of corpus.groups) {
    const id = `${g.file}#${g.index}`;
    if (EXCLUDED[id]) {
      apart.push(`${id}: ${EXCLUDED[id]}`);
      continue;
    }
    let generator: Generator;
    try {
      const loaded = loadSchemaText(JSON.stringify(g.schema), undefined);
      generator = new Generator(loaded, { seed: 1 });
      recordsOfKind(generator, "invalid");
    } catch (e) {
      if (e instanceof SpecMintError && /no constraint a record can break/.test(e.message)) nothingToBreak++;
      else apart.push(`${id}: the engine cannot take the schema: ${(e as Error).message.slice(0, 100)}`);
      continue;
    }
    // Invalid records are valid records with one change: where the engine cannot make the valid ones, there is nothing to change.
    const noValid = validRecordFailure(generator);
    if (noValid) {
      apart.push(`${id}: the engine cannot make valid records: ${noValid}`);
      continue;
    }
    stock.ajv.removeSchema();
    stock.warnings.length = 0;
    let validate;
    try {
      validate = stock.ajv.compile(g.schema);
    } catch (e) {
      apart.push(`${id}: the stock ajv cannot compile the schema: ${(e as Error).message.slice(0, 100)}`);
      continue;
    }
    const unknown = stock.warnings.map((w) => /^unknown format "([^"]*)"/.exec(w)?.[1]).find((f) => f !== undefined);
    if (unknown) {
      apart.push(`${id}: the stock ajv does not check format ${unknown} (ajv-formats has none), the engine's does`);
      continue;
    }
    const r = tally(loadSchemaText(JSON.stringify(g.schema), undefined), validate, generator);
    groups++;
    total.records += r.records;
    total.invalid += r.invalid;
    total.exact += r.exact;
    total.misses.push(...r.misses.map((m) => `${id} ${m}`));
  }
  t.diagnostic(
    `invalid on JSTS 2020-12: ${groups} groups, ${total.records} records, ${percent(total.invalid, total.records)}% invalid, ${percent(total.exact, total.records)}% labelled exactly; ${nothingToBreak} groups with nothing to break; ${apart.length} apart:\n${apart.join("\n")}`,
  );
  assert.ok(groups >= 250, `${groups} groups checked`);
  assert.equal(total.invalid, total.records, `records that are not invalid:\n${total.misses.slice(0, 10).join("\n")}`);
  assert.ok(
    total.exact >= 0.99 * total.records,
    `${percent(total.exact, total.records)}% labelled exactly:\n${total.misses.slice(0, 10).join("\n")}`,
  );
  assert.ok(apart.length <= 30, `${apart.length} groups apart:\n${apart.join("\n")}`);
});

/** Why the engine cannot make valid records 1..COUNT (undefined when it can). */
function validRecordFailure(generator: Generator): string | undefined {
  try {
    for (let i = 1; i <= COUNT; i++) generator.record(i);
    return undefined;
  } catch (e) {
    return (e as Error).message.slice(0, 100);
  }
}

for (const name of readdirSync(EXAMPLES).filter((f) => f.endsWith(".schema.json"))) {
  test(`${name}: --kind invalid --count 200 is 100% invalid and ≥ 99% labelled exactly for a stock ajv`, (t) => {
    const loaded = loadSchemaFile(path.join(EXAMPLES, name));
    const generator = new Generator(loaded, { seed: 1 });
    const validate = stockValidator(loaded.draft, { allErrors: true }).ajv.compile(loaded.main.root as object);
    const r = tally(loaded, validate, generator);
    t.diagnostic(`${name}: ${percent(r.invalid, r.records)}% invalid, ${percent(r.exact, r.records)}% labelled exactly`);
    assert.equal(r.invalid, r.records, r.misses.join("\n"));
    assert.ok(r.exact >= 0.99 * r.records, r.misses.join("\n"));
  });
}
