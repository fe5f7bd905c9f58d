// Conformance on the JSON Schema Test Suite (../shared/corpora/jsts): for every group with a valid
// instance, 20 generated instances (seed 1) must all validate. Groups where ajv itself rejects one
// of the suite's valid instances are counted apart: the oracle is wrong there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { corpusAvailable, runConformance } from "../support/jsts";
import { requireRealTools } from "../support/tiers";

/** Figures recorded when this test was last tightened; the test fails if a change lowers them. */
const RECORDED = {
  "draft2020-12": { passed: 295, apart: 42 },
  draft7: { passed: 230, apart: 3 },
} as const;

for (const draft of ["draft2020-12", "draft7"] as const) {
  test(`JSON Schema Test Suite ${draft}: generated instances validate`, (t) => {
    if (!corpusAvailable()) {
      if (requireRealTools()) assert.fail("corpus not found at ../shared/corpora/jsts (required under CI)");
      t.skip("skipped: corpus not found");
      return;
    }
    const r = runConformance(draft);
    const failures = r.groups.filter((g) => g.outcome === "fail").map((g) => `${g.file}#${g.index} ${g.description}: ${g.reason}`);
    t.diagnostic(`${draft}: ${r.passed}/${r.passed + r.failed} groups pass (${r.rate.toFixed(1)}%), ${r.oracleWrong} counted apart`);
    assert.ok(r.rate >= 97, `pass rate ${r.rate.toFixed(1)}% is below 97%:\n${failures.join("\n")}`);
    assert.ok(r.passed >= RECORDED[draft].passed, `${r.passed} groups pass, fewer than the recorded ${RECORDED[draft].passed}:\n${failures.join("\n")}`);
    assert.ok(r.oracleWrong <= RECORDED[draft].apart, `${r.oracleWrong} groups counted apart, more than the recorded ${RECORDED[draft].apart}`);
  });
}
