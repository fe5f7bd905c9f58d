import { readFileSync } from "node:fs";
import { loadForEditor } from "./server/schemaLoader";
import { schemaNodes } from "./core/schema";
import { analyzeSchema } from "./core/analyze";
import { JsonDocument } from "./server/jsonDocument";
for (const f of ["utcm-monitor.json", "vector.json"]) {
const text = readFileSync("../shared/corpora/schemastore/" + f, "utf8");
for (let k = 0; k < 3; k++) {
  let t0 = performance.now();
  const l = loadForEditor(text, "/tmp/x.json", () => undefined);
  const t1 = performance.now(); 
  schemaNodes(l.loaded.main.root, l.loaded.draft);
  const t2 = performance.now();
  new JsonDocument("file:///x", 1, text, { tree: l.loaded.main.tree, lineStarts: l.loaded.main.lineStarts });
  analyzeSchema(l.loaded, { fileProblems: l.fileProblems });
  const t3 = performance.now();
  console.log(f, "load", (t1-t0).toFixed(0), "nodes", (t2-t1).toFixed(0), "checks", (t3-t2).toFixed(0));
}}
