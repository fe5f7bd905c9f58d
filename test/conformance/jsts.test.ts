// Conformance on the JSON Schema Test Suite (../shared/corpora/jsts): for every group with a valid
// instance, 20 generated instances (seed 1) must all validate. Groups where ajv itself rejects one
// of the suite's valid instances (or cannot compile the schema) are counted apart: the oracle is
// wrong there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { corpusAvailable, runConformance, type ConformanceResult } from "../support/jsts";
import { requireRealTools } from "../support/tiers";

/** Figures recorded when this test was last tightened; the test fails if a change lowers them. */
const RECORDED = {
  "draft2020-12": { passed: 295, apart: 42 },
  draft7: { passed: 230, apart: 3 },
} as const;

// Generating the corpus is the slow part: done once per draft, read by both checks.
const results = new Map<string, ConformanceResult>();
function conformance(draft: "draft2020-12" | "draft7"): ConformanceResult {
  let r = results.get(draft);
  if (!r) results.set(draft, (r = runConformance(draft)));
  return r;
}

function corpusMissing(t: { skip: (why: string) => void }): boolean {
  if (corpusAvailable()) return false;
  if (requireRealTools()) assert.fail("corpus not found at ../shared/corpora/jsts (required under CI)");
  t.skip("skipped: corpus not found");
  return true;
}

for (const draft of ["draft2020-12", "draft7"] as const) {
  test(`JSON Schema Test Suite ${draft}: generated instances validate`, (t) => {
    if (corpusMissing(t)) return;
    const r = conformance(draft);
    const failures = r.groups.filter((g) => g.outcome === "fail").map((g) => `${g.file}#${g.index} ${g.description}: ${g.reason}`);
    t.diagnostic(`${draft}: ${r.passed}/${r.passed + r.failed} groups pass (${r.rate.toFixed(1)}%), ${r.oracleWrong} counted apart`);
    assert.ok(r.rate >= 97, `pass rate ${r.rate.toFixed(1)}% is below 97%:\n${failures.join("\n")}`);
    assert.ok(
      r.passed >= RECORDED[draft].passed,
      `${r.passed} groups pass, fewer than the recorded ${RECORDED[draft].passed}:\n${failures.join("\n")}`,
    );
    assert.ok(
      r.oracleWrong <= RECORDED[draft].apart,
      `${r.oracleWrong} groups counted apart, more than the recorded ${RECORDED[draft].apart}`,
    );
  });

  // The same records, checked again by a stock ajv (ajv-formats, multipleOfPrecision 9, strict
  // false; test/support/stockValidator.ts), so that a mistake shared by the generator and the
  // engine's own ajv setup cannot pass unseen. It skips exactly the groups counted apart above, and
  // for the same reason: there ajv contradicts the suite itself (it rejects one of the suite's valid
  // instances or cannot compile the schema), so no ajv setup is a judge of those groups, and
  // counting them differently would make the two checks speak of different sets of groups.
  test(`JSON Schema Test Suite ${draft}: every instance the engine's validator accepts, a stock Ajv accepts too`, (t) => {
    if (corpusMissing(t)) return;
    const r = conformance(draft);
    t.diagnostic(
      `${draft}: ${r.stock.checked} instances checked by the stock validator, ${r.stock.disagreements.length} disagreements; formats it does not know and skipped: ${r.stock.unknownFormats.join(", ") || "none"}`,
    );
    assert.deepEqual(r.stock.warnings, [], "the stock validator skipped something other than a format");
    assert.ok(r.stock.checked > 0, "no instance was checked");
    const shown = r.stock.disagreements.map((d) => `${d.file}#${d.index} ${d.description}: ${d.reason}`);
    assert.deepEqual(shown, [], `the stock validator rejects what the engine's accepts:\n${shown.join("\n")}`);
  });
}

// The suite's draft 7 schemas carry no $schema: handed over as they are, the engine infers the draft
// from their keywords (array-form items, dependencies, "$id": "#foo", …) and must do as well as when told.
test("JSON Schema Test Suite draft7 without $schema: the draft is inferred and generated instances validate", (t) => {
  if (corpusMissing(t)) return;
  const r = runConformance("draft7", 20, 1, { declare: false });
  const failures = r.groups.filter((g) => g.outcome === "fail").map((g) => `${g.file}#${g.index} ${g.description}: ${g.reason}`);
  t.diagnostic(
    `draft7 without $schema: ${r.passed}/${r.passed + r.failed} groups pass (${r.rate.toFixed(1)}%), ${r.oracleWrong} counted apart`,
  );
  assert.ok(r.rate >= 99, `pass rate ${r.rate.toFixed(1)}% is below 99%:\n${failures.join("\n")}`);
  assert.ok(
    r.passed >= RECORDED.draft7.passed,
    `${r.passed} groups pass, fewer than with $schema (${RECORDED.draft7.passed}):\n${failures.join("\n")}`,
  );
  assert.deepEqual(r.stock.disagreements, []);
});
