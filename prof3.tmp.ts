import { JsonDocument } from "./server/jsonDocument";
import { syntaxDiagnostics } from "./server/diagnostics";
import { loadForEditor } from "./server/schemaLoader";
const text = JSON.stringify({ enum: Array.from({ length: 1_000_000 }, (_, i) => "v" + i) });
for (let k=0;k<3;k++){
let t0 = performance.now();
try { loadForEditor(text, "/tmp/x.json", () => undefined); } catch (e) { console.log(String(e).slice(0,80)); }
console.log("load", (performance.now()-t0).toFixed(0));
t0 = performance.now(); const d = new JsonDocument("file:///x", 1, text); d.value(); console.log("doc+value", (performance.now()-t0).toFixed(0));
t0 = performance.now(); syntaxDiagnostics(d); console.log("syntax", (performance.now()-t0).toFixed(0));
}
