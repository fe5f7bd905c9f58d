// Conformance figures.
//   npm run conformance                         the JSON Schema Test Suite: figures and every failing group (--all: every group)
//   npm run conformance -- --corpus DIR         `specmint generate` on every *.json schema in DIR, one process each,
//       [--count N] [--seed S] [--timeout-ms MS] [--jobs N] [--json FILE] [-- EXTRA GENERATE ARGS]
//                                               the outcome table by draft, time per schema, the slowest and every failure
//       [--record FILE]                         also write the outcome list the corpus test compares with
//                                               (test/conformance/schemastore-outcomes.json)
import { writeFileSync } from "node:fs";
import { runConformance } from "../test/support/jsts";
import { corpusTable, outcomeRecord, runCorpus } from "../test/support/corpus";

const argv = process.argv.slice(2);
const dashdash = argv.indexOf("--");
const own = dashdash === -1 ? argv : argv.slice(0, dashdash);
const extraArgs = dashdash === -1 ? [] : argv.slice(dashdash + 1);
const flag = (name: string): string | undefined => {
  const k = own.indexOf(name);
  return k === -1 ? undefined : own[k + 1];
};
const number = (name: string): number | undefined => {
  const v = flag(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`conformance: ${name} wants a non-negative integer, not "${v}"`);
    process.exit(2);
  }
  return n;
};

async function corpusRun(corpus: string): Promise<void> {
  const t0 = performance.now();
  const results = await runCorpus({
    dir: corpus,
    count: number("--count"),
    seed: number("--seed"),
    timeoutMs: number("--timeout-ms"),
    jobs: number("--jobs"),
    extraArgs,
    onResult: (_r, done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${done}/${total}`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\r");
  console.log(corpusTable(results));
  console.log(`\n${results.length} schemas in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const json = flag("--json");
  if (json) writeFileSync(json, JSON.stringify(results, null, 2) + "\n");
  const record = flag("--record");
  if (record) {
    const command = ["npm run conformance --", ...own.filter((a, k) => a !== "--record" && own[k - 1] !== "--record"), "--", ...extraArgs];
    writeFileSync(record, JSON.stringify(outcomeRecord(results, command.join(" ")), null, 2) + "\n");
  }
}

const corpus = flag("--corpus");
if (corpus !== undefined) {
  // No top-level await: tsx runs this file as CommonJS.
  corpusRun(corpus).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
} else {
  for (const name of ["draft2020-12", "draft7"] as const) {
    const t0 = performance.now();
    const r = runConformance(name);
    console.log(
      `${name}: ${r.passed}/${r.passed + r.failed} groups pass (${r.rate.toFixed(1)}%), ${r.oracleWrong} counted apart (ajv disagrees with the suite), ${(performance.now() - t0).toFixed(0)} ms`,
    );
    for (const g of r.groups)
      if (g.outcome === "fail" || own.includes("--all"))
        console.log(`  ${g.outcome} ${g.file}#${g.index} ${g.description}: ${g.reason ?? ""}`);
  }
}
