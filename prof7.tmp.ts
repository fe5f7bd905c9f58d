import { readFileSync } from "node:fs";
import { analyzeDocument } from "./server/analysis";
import { JsonDocument } from "./server/jsonDocument";
import { ruleFindings } from "./core/rules";
for (const f of ["utcm-monitor.json", "vector.json"]) {
const text = readFileSync("../shared/corpora/schemastore/" + f, "utf8");
for (let k = 0; k < 3; k++) {
  let t0 = performance.now();
  const a = analyzeDocument({ uri: "file:///tmp/x.json", version: 1, text, overlay: () => undefined, rules: { ruleFindings }, ruleContext: { count: 100, referenceDate: "2026-01-01" } });
  const t1 = performance.now() - t0; t0 = performance.now();
  new JsonDocument("file:///x", 1, text);
  console.log(f, t1.toFixed(0), "ms analysis;", (performance.now() - t0).toFixed(0), "ms parse;", a.nodes.length, "nodes");
}}
