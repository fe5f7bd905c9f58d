// Prints the conformance figures and every failing group: `npx tsx scripts/conformance.ts`.
import { runConformance } from "../test/support/jsts";

for (const name of ["draft2020-12", "draft7"] as const) {
  const t0 = performance.now();
  const r = runConformance(name);
  console.log(`${name}: ${r.passed}/${r.passed + r.failed} groups pass (${r.rate.toFixed(1)}%), ${r.oracleWrong} counted apart (ajv disagrees with the suite), ${(performance.now() - t0).toFixed(0)} ms`);
  for (const g of r.groups) if (g.outcome === "fail" || process.argv.includes("--all")) console.log(`  ${g.outcome} ${g.file}#${g.index} ${g.description}: ${g.reason ?? ""}`);
}
