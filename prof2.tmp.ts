import { analyzeDocument } from "./server/analysis";
import { ruleFindings } from "./core/rules";
const N = 10_000;
const docs: Record<string,string> = {
    enum: JSON.stringify({ enum: Array.from({ length: 1_000_000 }, (_, i) => "v" + i) }),
    allOf: JSON.stringify({ allOf: Array.from({ length: 100_000 }, () => ({ type: "object" })) }),
    minLength: JSON.stringify({ type: "string", minLength: 1e9 }),
    minProperties: JSON.stringify({ type: "object", minProperties: 1e6 }),
    deep: '{"type":"object","required":["a"],"properties":{"a":'.repeat(N) + '{"type":"string"}' + "}}".repeat(N),
};
for (const [n, text] of Object.entries(docs)) {
  const t0 = performance.now();
  try {
  const a = analyzeDocument({ uri: "file:///tmp/x.json", version: 1, text, overlay: () => undefined, rules: { ruleFindings }, ruleContext: { count: 100, referenceDate: "2026-01-01" } });
  console.log(n, (performance.now()-t0).toFixed(0), "ms", a.diagnostics.length, a.diagnostics.slice(0,2).map(d=>`${d.code}: ${d.message.slice(0,150)}`), a.internalErrors.map(e=>e.slice(0,100)));
  } catch (e) { console.log(n, "threw", String(e).slice(0,200)); }
}
