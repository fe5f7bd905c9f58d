import { JsonDocument } from "./server/jsonDocument";
import { loadForEditor } from "./server/schemaLoader";
import { schemaNodes } from "./core/schema";
import { analyzeSchema } from "./core/analyze";
const props = (n: number, inner: () => unknown) => Object.fromEntries(Array.from({ length: n }, (_, i) => ["p" + i, inner()]));
const schema = { type: "object", properties: props(900, () => ({ type: "object", properties: props(200, () => ({ type: "string", maxLength: 10 })) })) };
const text = JSON.stringify(schema, null, 2);
const t = (n: string, f: () => unknown) => { const a = performance.now(); const r = f(); console.log(n, (performance.now() - a).toFixed(0)); return r; };
for (let k=0;k<2;k++){
t("jsondoc", () => new JsonDocument("file:///x", 1, text));
const l = t("load", () => loadForEditor(text, "/tmp/x.json", () => undefined)) as ReturnType<typeof loadForEditor>;
t("nodes", () => schemaNodes(l.loaded.main.root, l.loaded.draft));
t("analyzeSchema", () => analyzeSchema(l.loaded, { fileProblems: l.fileProblems }));
}
