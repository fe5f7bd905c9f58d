// Deprecated keywords over stdio: each is a keyword-deprecated diagnostic tagged Deprecated on its
// key, none in a draft-07 file, and its preferred quick fix gives a document with no deprecated
// keyword whose $refs still resolve.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CodeActionKind,
  CodeActionRequest,
  DiagnosticSeverity,
  DiagnosticTag,
  type CodeAction,
  type Diagnostic,
} from "vscode-languageserver-protocol";
import { LspClient, applyTextEdits, textAt } from "./lspClient";

let client: LspClient;
before(async () => {
  client = await LspClient.start();
});
after(() => client.stop());

let untitled = 0;
async function open(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `untitled:deprecated-${++untitled}.schema.json`;
  await client.open(uri, text);
  return { uri, diagnostics: await client.diagnosticsFor(uri, 1) };
}

const messageOf = (d: Diagnostic) => (typeof d.message === "string" ? d.message : d.message.value);
const deprecatedOf = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === "keyword-deprecated");

/** The one keyword-deprecated diagnostic on `key` (with its quotes), checked for its tag and severity. */
function deprecatedOn(text: string, diagnostics: Diagnostic[], key: string, severity: DiagnosticSeverity): Diagnostic {
  const found = deprecatedOf(diagnostics).filter((d) => textAt(text, d.range) === key);
  assert.equal(found.length, 1, `one keyword-deprecated on ${key}: ${JSON.stringify(diagnostics)}`);
  const [d] = found;
  assert.deepEqual(d.tags, [DiagnosticTag.Deprecated]);
  assert.equal(d.severity, severity);
  assert.equal(d.source, "specmint");
  return d;
}

/** Applies the preferred quick fix of `d`, sends the result as the next version and returns its text and diagnostics. */
async function fix(uri: string, text: string, d: Diagnostic, title: RegExp): Promise<{ text: string; diagnostics: Diagnostic[] }> {
  const actions =
    (await client.request<unknown, CodeAction[] | null>(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) ?? [];
  const action = actions.find((a) => a.isPreferred && a.kind === CodeActionKind.QuickFix);
  assert.ok(action, `a preferred quick fix: ${JSON.stringify(actions)}`);
  assert.match(action.title, title);
  assert.deepEqual(action.diagnostics, [d]);
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits?.length, "edits for this document");
  const fixed = applyTextEdits(text, edits);
  const version = await client.change(uri, fixed);
  return { text: fixed, diagnostics: await client.diagnosticsFor(uri, version) };
}

/** After a fix: nothing deprecated, every $ref resolves, and the schema is valid for its draft. */
function assertClean(diagnostics: Diagnostic[]) {
  const bad = diagnostics.filter((d) =>
    ["keyword-deprecated", "ref-unresolved", "schema-invalid", "unknown-keyword"].includes(String(d.code)),
  );
  assert.deepEqual(bad, []);
}

const S2020 = "https://json-schema.org/draft/2020-12/schema";
const S2019 = "https://json-schema.org/draft/2019-09/schema";

describe("definitions → $defs", () => {
  const schema = (uri: string) => `{
  "$schema": "${uri}",
  "type": "object",
  "properties": {
    "id": { "$ref": "#/definitions/Id" },
    "owner": { "$ref": "#/definitions/Person" }
  },
  "definitions": {
    "Id": { "type": "integer", "minimum": 1 },
    "Person": { "type": "object", "properties": { "id": { "$ref": "#/definitions/Id" } } }
  }
}`;

  for (const uri of [S2020, S2019]) {
    test(`in ${uri.split("/")[4]}: struck through, and the fix renames it and every $ref into it`, async () => {
      const text = schema(uri);
      const opened = await open(text);
      const d = deprecatedOn(text, opened.diagnostics, '"definitions"', DiagnosticSeverity.Hint);
      assert.match(messageOf(d), /"definitions" is deprecated in 20(19-09|20-12): use "\$defs"/);
      const after = await fix(opened.uri, text, d, /\$defs/);
      assert.match(after.text, /"\$defs": \{/);
      assert.equal(after.text.match(/#\/\$defs\/Id/g)?.length, 2);
      assert.equal(after.text.match(/#\/\$defs\/Person/g)?.length, 1);
      assert.doesNotMatch(after.text, /definitions/);
      assertClean(after.diagnostics);
    });
  }
});

describe("dependencies → dependentRequired / dependentSchemas", () => {
  test("lists only: dependentRequired", async () => {
    const text = `{
  "$schema": "${S2020}",
  "properties": { "card": { "type": "string" }, "billing": { "type": "string" } },
  "dependencies": { "card": ["billing"] }
}`;
    const opened = await open(text);
    const d = deprecatedOn(text, opened.diagnostics, '"dependencies"', DiagnosticSeverity.Hint);
    const after = await fix(opened.uri, text, d, /dependentRequired/);
    assert.match(after.text, /"dependentRequired": \{ "card": \["billing"\] \}/);
    assertClean(after.diagnostics);
  });

  test("schemas and lists: split, the schemas keep their text and the $refs into them follow", async () => {
    const text = `{
  "$schema": "${S2019}",
  "properties": { "card": { "type": "string" }, "billing": { "type": "string" }, "cvc": { "type": "string" } },
  "dependencies": {
    "card": ["billing"],
    "cvc": ["card"],
    "billing": {
      "required": ["card"]
    }
  },
  "$defs": { "again": { "$ref": "#/dependencies/billing" } }
}`;
    const opened = await open(text);
    const d = deprecatedOn(text, opened.diagnostics, '"dependencies"', DiagnosticSeverity.Hint);
    const after = await fix(opened.uri, text, d, /Split into "dependentSchemas" and "dependentRequired"/);
    const fixed = JSON.parse(after.text) as Record<string, unknown>;
    assert.deepEqual(fixed.dependentSchemas, { billing: { required: ["card"] } });
    assert.deepEqual(fixed.dependentRequired, { card: ["billing"], cvc: ["card"] });
    assert.equal(fixed.dependencies, undefined);
    assert.match(after.text, /"dependentSchemas": \{\n {4}"billing": \{\n {6}"required": \["card"\]\n {4}\}\n {2}\}/);
    assert.match(after.text, /"\$ref": "#\/dependentSchemas\/billing"/);
    assertClean(after.diagnostics);
  });
});

test("$recursiveRef and $recursiveAnchor in 2020-12: both struck through; the fix gives $dynamicRef to a $dynamicAnchor", async () => {
  const text = `{
  "$schema": "${S2020}",
  "$recursiveAnchor": true,
  "type": "object",
  "properties": {
    "name": { "type": "string" },
    "children": { "type": "array", "maxItems": 2, "items": { "$recursiveRef": "#" } }
  }
}`;
  const opened = await open(text);
  deprecatedOn(text, opened.diagnostics, '"$recursiveAnchor"', DiagnosticSeverity.Information);
  const d = deprecatedOn(text, opened.diagnostics, '"$recursiveRef"', DiagnosticSeverity.Information);
  const after = await fix(opened.uri, text, d, /\$dynamicRef/);
  assert.match(after.text, /"\$dynamicAnchor": "node"/);
  assert.match(after.text, /"items": \{ "\$dynamicRef": "#node" \}/);
  assertClean(after.diagnostics);
});

test("array-form items in 2020-12: items → prefixItems and additionalItems → items", async () => {
  const text = `{
  "$schema": "${S2020}",
  "type": "array",
  "items": [{ "type": "string" }, { "type": "integer" }],
  "additionalItems": false
}`;
  const opened = await open(text);
  deprecatedOn(text, opened.diagnostics, '"additionalItems"', DiagnosticSeverity.Information);
  const d = deprecatedOn(text, opened.diagnostics, '"items"', DiagnosticSeverity.Information);
  assert.match(messageOf(d), /"items" in its array form is deprecated in 2020-12: use "prefixItems"/);
  const after = await fix(opened.uri, text, d, /prefixItems/);
  assert.deepEqual(JSON.parse(after.text), {
    $schema: S2020,
    type: "array",
    prefixItems: [{ type: "string" }, { type: "integer" }],
    items: false,
  });
  assertClean(after.diagnostics);
});

test("none in a draft-07 file, where these keywords are current, nor in a schema read as 2020-12 only by default", async () => {
  const draft07 = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "definitions": { "Id": { "type": "integer" } },
  "dependencies": { "a": ["b"] },
  "items": [{ "$ref": "#/definitions/Id" }],
  "additionalItems": false
}`;
  const d07 = await open(draft07);
  assert.deepEqual(deprecatedOf(d07.diagnostics), []);
  const undeclared = `{ "definitions": { "Id": { "type": "integer" } }, "properties": { "id": { "$ref": "#/definitions/Id" } } }`;
  const dDefault = await open(undeclared);
  assert.deepEqual(deprecatedOf(dDefault.diagnostics), []);
});
