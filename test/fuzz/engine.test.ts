// Fuzz, in process (issue 12): the engine on random schemas, the rule language on random rules and
// the dataset reader on random datasets, each case in a worker thread with a time budget (see
// cases.ts for what each case asserts). Fixed seed in `npm test`; `npm run fuzz` for longer runs.
import { after, test } from "node:test";
import fc from "fast-check";
import { BUDGET, RUNS } from "./config";
import { CasePool } from "./pool";
import { datasetCaseArb, ruleText, schemaCaseArb, shapeOf } from "./arbitraries";
import { fuzzTier } from "./driver";

const pool = new CasePool(2);
after(() => pool.close());

test(`engine: ${RUNS.engine} random schemas compile and generate, or fail with a SpecMintError`, async () => {
  await fuzzTier({
    tier: "engine",
    arbitrary: schemaCaseArb,
    runs: RUNS.engine,
    parallel: 2,
    shape: (c) => shapeOf([c.main, c.sibling, c.other]),
    run: (c) => pool.run("engine", c, BUDGET.engineCase),
    show: (c) => JSON.stringify(c).slice(0, 3000),
  });
});

test(`rules: ${RUNS.rules} random x-cross-field-rules parse, check and repair, or fail with a SpecMintError`, async () => {
  await fuzzTier({
    tier: "rules",
    arbitrary: fc.record({ rules: fc.array(ruleText, { minLength: 1, maxLength: 3 }), seed: fc.nat(50) }),
    runs: RUNS.rules,
    parallel: 2,
    shape: (c) => shapeOf([JSON.stringify(c.rules)]),
    run: (c) => pool.run("rules", c, BUDGET.engineCase),
  });
});

test(`datasets: ${RUNS.dataset} random datasets are read, scored and inspected, or fail with a SpecMintError`, async () => {
  await fuzzTier({
    tier: "dataset",
    arbitrary: fc.record({ dataset: datasetCaseArb, schema: schemaCaseArb }),
    runs: RUNS.dataset,
    parallel: 2,
    shape: (c) => shapeOf([c.schema.main, c.schema.sibling, c.schema.other, ...c.dataset.lines]),
    run: (c) => pool.run("dataset", c, BUDGET.engineCase),
  });
});
