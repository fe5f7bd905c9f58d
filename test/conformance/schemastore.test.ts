// The SchemaStore catalog (../shared/corpora/schemastore, 951 public configuration-file schemas), run
// as a user runs it: `specmint generate --count 20 --seed 1 --stdout --schema-dir <corpus>` per schema,
// records checked by a stock validator. Every schema's outcome is compared with the recorded list
// (test/conformance/schemastore-outcomes.json, written by `npm run conformance -- … --record`): the
// test fails when one gets worse or the count of all-valid schemas drops. Times are not tested here
// (a loaded CI machine would make them flaky): the generous timeout only catches a hang; the
// per-schema times are the conformance run's figures (docs/conformance.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { corpusTable, runCorpus, worseThanRecorded, type OutcomeRecord } from "../support/corpus";
import { requireRealTools } from "../support/tiers";
import { assertBuilt, ROOT } from "../cli/helpers";

const CORPUS = path.resolve(ROOT, "..", "shared", "corpora", "schemastore");
const RECORD = JSON.parse(readFileSync(path.join(__dirname, "schemastore-outcomes.json"), "utf8")) as OutcomeRecord;

test("SchemaStore: no schema's outcome is worse than recorded, and as many give 20 valid records", { timeout: 30 * 60_000 }, async (t) => {
  if (!existsSync(CORPUS)) {
    if (requireRealTools()) assert.fail(`corpus not found at ${CORPUS} (required under CI)`);
    t.skip("skipped: corpus not found");
    return;
  }
  assertBuilt();
  const results = await runCorpus({ dir: CORPUS, count: 20, seed: 1, timeoutMs: 60_000, extraArgs: ["--schema-dir", CORPUS] });
  const counted = results.filter((r) => r.outcome !== "not-compilable");
  const valid = counted.filter((r) => r.outcome === "all-valid").length;
  t.diagnostic(`SchemaStore: ${valid} of ${counted.length} give 20 valid records (recorded ${RECORD.allValid} of ${RECORD.counted})`);
  const worse = worseThanRecorded(results, RECORD);
  assert.deepEqual(worse, [], `outcomes worse than recorded:\n${worse.join("\n")}\n\n${corpusTable(results)}`);
  assert.ok(valid >= RECORD.allValid, `${valid} schemas give 20 valid records, fewer than the recorded ${RECORD.allValid}`);
  assert.ok(valid / counted.length >= 0.995, `${((100 * valid) / counted.length).toFixed(1)}% is below 99.5%`);
});
