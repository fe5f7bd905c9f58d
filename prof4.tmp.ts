import { analyzeDocument } from "./server/analysis";
import { ruleFindings } from "./core/rules";
// ~190,000 schema nodes: 950 objects of 200 properties... properties limit 1000 per object
const props = (n: number, inner: () => unknown) => Object.fromEntries(Array.from({ length: n }, (_, i) => ["p" + i, inner()]));
const schema = { type: "object", properties: props(900, () => ({ type: "object", properties: props(200, () => ({ type: "string", maxLength: 10 })) })) };
const text = JSON.stringify(schema, null, 2);
console.log("chars", text.length);
for (let k = 0; k < 2; k++) {
  const t0 = performance.now();
  const a = analyzeDocument({ uri: "file:///tmp/x.json", version: 1, text, overlay: () => undefined, rules: { ruleFindings }, ruleContext: { count: 100, referenceDate: "2026-01-01" } });
  console.log((performance.now() - t0).toFixed(0), "ms", a.nodes.length, "nodes", a.diagnostics.length, a.diagnostics.slice(0, 1).map((d) => d.message.slice(0, 120)));
}
