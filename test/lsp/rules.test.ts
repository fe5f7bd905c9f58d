// Rule strings in the editor: completion of field paths inside them, and a hover that says how
// often the rule held in the preview records before and after repair.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CompletionRequest, HoverRequest, type CompletionList, type Hover, type MarkupContent } from "vscode-languageserver-protocol";
import { LspClient, positionOf } from "./lspClient";

let client: LspClient;
before(async () => {
  client = await LspClient.start();
});
after(() => client.stop());

const schema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "additionalProperties": false,
  "required": ["in_stock", "stock_count", "dates"],
  "properties": {
    "in_stock": { "type": "boolean" },
    "stock_count": { "type": "integer", "minimum": 0, "maximum": 100 },
    "dates": {
      "type": "object",
      "required": ["from", "to"],
      "properties": { "from": { "type": "string", "format": "date" }, "to": { "type": "string", "format": "date" } }
    }
  },
  "x-cross-field-rules": [
    "in_stock == false -> stock_count == 0",
    { "rule": "dates.from <= dates.to" },
    "sto >= 0"
  ]
}`;

test("completion inside a rule string offers the object's field paths with their types", async () => {
  const uri = "untitled:rules-completion.schema.json";
  await client.open(uri, schema);
  await client.diagnosticsFor(uri, 1);
  const r = await client.request<unknown, CompletionList | null>(CompletionRequest.type, {
    textDocument: { uri },
    position: positionOf(schema, '"sto >=', 4),
  });
  assert.ok(r);
  const labels = r.items.map((i) => i.label);
  for (const p of ["in_stock", "stock_count", "dates.from", "dates.to"]) assert.ok(labels.includes(p), `${p} in ${labels.join(", ")}`);
  const stock = r.items.find((i) => i.label === "stock_count")!;
  assert.match(String(stock.detail), /integer|number/);
  // The typed prefix is what gets replaced.
  const edit = stock.textEdit as { range: { start: { character: number }; end: { character: number } } };
  assert.equal(edit.range.end.character - edit.range.start.character, 3);
});

test("hover on a rule shows how often it held before and after repair", async () => {
  const uri = "untitled:rules-hover.schema.json";
  await client.open(uri, schema);
  await client.diagnosticsFor(uri, 1);
  const hover = await client.request<unknown, Hover | null>(HoverRequest.type, {
    textDocument: { uri },
    position: positionOf(schema, '"in_stock == false', 3),
  });
  assert.ok(hover);
  const text = (hover.contents as MarkupContent).value;
  assert.match(text, /cross-field rule/);
  const before = Number(/held as generated: (\d+)/.exec(text)?.[1]);
  const after = Number(/holds after repair: (\d+)/.exec(text)?.[1]);
  const checked = Number(/checked (\d+) times/.exec(text)?.[1]);
  assert.equal(checked, 50);
  assert.equal(after, checked, "every record holds after repair");
  assert.ok(before < checked, "some records needed a repair (in_stock false with stock > 0)");
  const objectRule = await client.request<unknown, Hover | null>(HoverRequest.type, {
    textDocument: { uri },
    position: positionOf(schema, '"dates.from <=', 3),
  });
  assert.match((objectRule!.contents as MarkupContent).value, /holds after repair: 50/);
});
