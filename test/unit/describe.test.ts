// The words a hover shows for a schema node (core/analyze/describe.ts): its type and constraints,
// what it refers to, and one line for its items. test/lsp/hover.test.ts asks the built server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { describeSchema } from "../../core/analyze";
import { schemaNodes } from "../../core/schema/walk";
import { loadDocument } from "../support/documentFindings";

/** The description of the node at `pointer` of the document `text`. */
function describeAt(text: string, pointer: string) {
  const { loaded } = loadDocument(text);
  const node = schemaNodes(loaded.main.root, loaded.draft).find((n) => n.pointer === pointer);
  assert.ok(node, `no schema at ${pointer}`);
  return describeSchema(node.schema, loaded);
}

test("an array whose items refer back to it: described as recursive, not described again until the stack overflows", () => {
  // test/fuzz's hover case (seed 2026): describing the items followed "$ref": "#" back to the root for ever.
  const text = '{"type": "array", "minItems": 1, "items": {"$ref": "#", "description": "a nested list"}}';
  const root = describeAt(text, "");
  assert.equal(root.summary, "array, at least 1 items");
  assert.deepEqual(root.details, ["each item: array, at least 1 items (recursive: #)"]);
  const items = describeAt(text, "/items");
  assert.equal(items.summary, "array, at least 1 items");
  assert.deepEqual(items.details, ["refers to #", "a nested list", "each item: array, at least 1 items (recursive: #)"]);
});

test("recursion through a definition, and items that refer elsewhere: each item summarised one level deep", () => {
  const text = JSON.stringify({
    $defs: {
      tree: { type: "array", items: { $ref: "#/$defs/tree" } },
      name: { type: "string", maxLength: 20 },
    },
    type: "object",
    properties: { tree: { $ref: "#/$defs/tree" }, names: { type: "array", items: { $ref: "#/$defs/name" } } },
  });
  assert.deepEqual(describeAt(text, "/properties/tree").details, ["refers to #/$defs/tree", "each item: array (recursive: #/$defs/tree)"]);
  assert.deepEqual(describeAt(text, "/properties/names").details, ["each item: string, at most 20 characters"]);
});

test("an x-ref field says what it references, after its own constraints", () => {
  const text = JSON.stringify({ type: "object", properties: { customer_id: { type: "string", format: "uuid", "x-ref": "customers.id" } } });
  assert.equal(describeAt(text, "/properties/customer_id").summary, "string, format uuid, references customers.id in a set");
});
