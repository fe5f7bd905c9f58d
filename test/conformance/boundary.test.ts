// `--kind boundary` on the JSON Schema Test Suite 2020-12 (../shared/corpora/jsts): for every group
// that has a boundary item and a valid record, as many boundary records as the schema has items
// (the issue allows twice as many) must all be valid, for the engine's ajv and for a stock ajv, and
// cover every item the plan calls reachable. Groups the generator cannot make valid records for,
// or where ajv rejects one of the suite's valid instances, are left to jsts.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { loadSchemaText } from "../../core/schema/load";
import { Generator } from "../../core/engine/generator";
import { createAjv } from "../../core/validate/ajv";
import { boundaryRecordsOf, datasetCoverage } from "../../core/boundary";
import { recordsOfKind } from "../../core/kinds";
import { corpusAvailable, corpusPath } from "../support/jsts";
import { stockValidator } from "../support/stockValidator";
import { requireRealTools } from "../support/tiers";

/** Figures recorded when this test was written; the test fails if a change lowers them. */
const RECORDED = { groups: 186 };

test("JSON Schema Test Suite 2020-12: boundary records are valid and cover every reachable item", (t) => {
  if (!corpusAvailable()) {
    if (requireRealTools()) assert.fail("corpus not found at ../shared/corpora/jsts (required under CI)");
    t.skip("skipped: corpus not found");
    return;
  }
  const corpus = JSON.parse(readFileSync(corpusPath("draft2020-12"), "utf8")) as {
    groups: { file: string; index: number; description: string; schema: unknown; validExamples: unknown[] }[];
  };
  const stock = stockValidator("2020-12");
  const failures: string[] = [];
  let groups = 0;
  let items = 0;
  let reachable = 0;
  let needed = 0;
  for (const g of corpus.groups) {
    const text = JSON.stringify(g.schema);
    let generator: Generator;
    let engine: (v: unknown) => boolean;
    try {
      const loaded = loadSchemaText(text, undefined);
      const compiled = createAjv(loaded.draft).compile(loaded.main.root as object);
      if (!g.validExamples.every((v) => compiled(v))) continue;
      engine = (v) => compiled(v);
      generator = new Generator(loaded, { seed: 1 });
      generator.record(1);
    } catch {
      continue; // no valid records: jsts.test.ts counts these
    }
    const count = boundaryRecordsOf(generator).items.length;
    if (count === 0) continue;
    groups++;
    const where = `${g.file}#${g.index} ${g.description}`;
    stock.ajv.removeSchema();
    let stockCheck: ((v: unknown) => boolean) | undefined;
    try {
      stockCheck = stock.ajv.compile(g.schema as object);
    } catch {
      stockCheck = undefined; // a schema the stock ajv cannot compile: jsts.test.ts reports it
    }
    const kind = recordsOfKind(generator, "boundary");
    const records: unknown[] = [];
    for (let i = 1; i <= count; i++) {
      const r = kind.record(i).record;
      if (!engine(r) || (stockCheck && !stockCheck(r)))
        failures.push(`${where}: record ${i} is invalid: ${JSON.stringify(r).slice(0, 160)}`);
      records.push(r);
    }
    const report = datasetCoverage(generator, records);
    items += report.items;
    reachable += report.reachable;
    needed += report.records_needed;
    if (report.covered !== report.reachable)
      failures.push(
        `${where}: ${report.covered}/${report.reachable} covered; missed ${report.entries
          .filter((e) => e.status === "missed")
          .map((e) => `${e.instance} ${e.keyword} ${e.edge}`)
          .join(", ")}`,
      );
  }
  t.diagnostic(
    `${groups} groups with boundary items: ${items} items, ${reachable} reachable, all covered by ${needed} records in all (${(needed / reachable).toFixed(2)} per reachable item)`,
  );
  assert.deepEqual(failures, []);
  assert.ok(groups >= RECORDED.groups, `${groups} groups have boundary items, fewer than the recorded ${RECORDED.groups}`);
});
