// The deprecated-keyword fix on the cases an over-the-wire test does not reach, in-process: the
// document's checks, the preferred quick fix applied as an editor applies it, and the checks again.
// $refs that cross an embedded resource ($id), a name the migration anchor must not take, a
// $recursiveRef with no anchor above it, and no fix where the new keyword is there already.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { DocumentAnalysis } from "../../server/analysis";
import { codeActionsFor } from "../../server/features/codeActions";
import { applyTextEdits } from "../support/textAt";
import { analyzeText, VIRTUAL_URI } from "../support/analyzeText";

const S2020 = "https://json-schema.org/draft/2020-12/schema";

const codes = (a: DocumentAnalysis) => a.diagnostics.map((d) => String(d.code));

/** The text after the preferred fix of the first keyword-deprecated diagnostic, checked to leave no deprecated keyword or broken $ref. */
function fixed(text: string): string {
  const analysis = analyzeText(text);
  const diagnostic = analysis.diagnostics.find((d) => d.code === "keyword-deprecated");
  assert.ok(diagnostic, `a keyword-deprecated diagnostic in ${codes(analysis).join(", ")}`);
  const actions = codeActionsFor(analysis, {
    textDocument: { uri: VIRTUAL_URI },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  });
  const preferred = actions.find((a) => a.isPreferred);
  assert.ok(preferred?.edit?.changes?.[VIRTUAL_URI], JSON.stringify(actions));
  const after = applyTextEdits(text, preferred.edit.changes[VIRTUAL_URI]);
  const left = codes(analyzeText(after)).filter((c) =>
    ["keyword-deprecated", "ref-unresolved", "schema-invalid", "json-syntax"].includes(c),
  );
  assert.deepEqual(left, [], after);
  return after;
}

test("definitions inside an embedded resource: refs from the root, from inside and by the resource's URI all follow", () => {
  const text = `{
  "$schema": "${S2020}",
  "$id": "https://example.com/root.json",
  "properties": {
    "a": { "$ref": "#/properties/b/definitions/x" },
    "b": { "$id": "b.json", "definitions": { "x": { "type": "string" } }, "properties": { "y": { "$ref": "#/definitions/x" } } },
    "c": { "$ref": "b.json#/definitions/x" }
  }
}`;
  const after = fixed(text);
  assert.match(after, /"a": \{ "\$ref": "#\/properties\/b\/\$defs\/x" \}/);
  assert.match(after, /"y": \{ "\$ref": "#\/\$defs\/x" \}/);
  assert.match(after, /"c": \{ "\$ref": "b\.json#\/\$defs\/x" \}/);
});

test("a $ref that only passes a key named definitions elsewhere is left alone", () => {
  const text = `{
  "$schema": "${S2020}",
  "definitions": { "x": { "type": "string" } },
  "properties": {
    "definitions": { "type": "object", "properties": { "x": { "type": "integer" } } },
    "a": { "$ref": "#/properties/definitions/properties/x" },
    "b": { "$ref": "#/definitions/x" }
  }
}`;
  const after = fixed(text);
  assert.match(after, /"a": \{ "\$ref": "#\/properties\/definitions\/properties\/x" \}/);
  assert.match(after, /"b": \{ "\$ref": "#\/\$defs\/x" \}/);
});

test("$recursiveRef under no $recursiveAnchor meant its resource's root: a plain $ref; the anchor name avoids one in use", () => {
  const plain = fixed(`{
  "$schema": "${S2020}",
  "type": "object",
  "properties": { "child": { "$recursiveRef": "#" } }
}`);
  assert.match(plain, /"child": \{ "\$ref": "#" \}/);
  const taken = fixed(`{
  "$schema": "${S2020}",
  "$recursiveAnchor": true,
  "type": "object",
  "properties": {
    "child": { "$recursiveRef": "#" },
    "other": { "$anchor": "node", "type": "string" },
    "off": { "$recursiveAnchor": false, "type": "integer" }
  }
}`);
  assert.match(taken, /"\$dynamicAnchor": "node2"/);
  assert.match(taken, /"child": \{ "\$dynamicRef": "#node2" \}/);
  assert.match(taken, /"off": \{ "type": "integer" \}/);
});

test("no fix where the current keyword is there already, and no second note from unknown-keyword", () => {
  const analysis = analyzeText(`{ "$schema": "${S2020}", "$defs": {}, "definitions": {}, "$recursiveRef": "#" }`);
  const deprecated = analysis.findings.filter((f) => f.code === "keyword-deprecated");
  assert.deepEqual(
    deprecated.map((f) => [f.pointer, f.fixes?.length ?? 0]),
    [
      ["/definitions", 0],
      ["/$recursiveRef", 1],
    ],
  );
  const both = analyzeText(`{ "$schema": "${S2020}", "$recursiveRef": "#", "$ref": "#/$defs/a", "$defs": { "a": {} } }`);
  assert.deepEqual(
    both.findings.filter((f) => f.code === "keyword-deprecated").map((f) => [f.pointer, f.fixes?.length ?? 0]),
    [["/$recursiveRef", 0]],
  );
  // $recursiveRef is no 2020-12 keyword: before, unknown-keyword said so; now keyword-deprecated alone does.
  assert.deepEqual(
    analysis.findings.filter((f) => f.code === "unknown-keyword"),
    [],
  );
});
