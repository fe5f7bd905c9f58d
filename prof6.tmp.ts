import { loadForEditor } from "./server/schemaLoader";
const props = (n: number, inner: () => unknown) => Object.fromEntries(Array.from({ length: n }, (_, i) => ["p" + i, inner()]));
const schema = { type: "object", properties: props(900, () => ({ type: "object", properties: props(200, () => ({ type: "string", maxLength: 10 })) })) };
const text = JSON.stringify(schema, null, 2);
loadForEditor(text, "/tmp/x.json", () => undefined);
