// Diagnostics of the built server over stdio: every code on a fixture schema, on the exact text it
// is about; claims; newest version wins; the server survives hostile input.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { HoverRequest, type Diagnostic } from "vscode-languageserver-protocol";
import { LspClient, SERVER, fixtureText, fixtureUri, textAt } from "./lspClient";

let client: LspClient;

before(async () => {
  assert.ok(existsSync(SERVER), `${SERVER} is missing: run npm run build first (npm test does)`);
  client = await LspClient.start();
});
after(() => client.stop());

interface Expected {
  code: string;
  /** The text the range covers. */
  text: string;
  /** 1-based line. */
  line: number;
  severity: 1 | 2 | 3 | 4;
}

const message = (d: Diagnostic) => (typeof d.message === "string" ? d.message : d.message.value);

function find(diags: Diagnostic[], fileText: string, e: Expected): Diagnostic | undefined {
  return diags.find((d) => d.code === e.code && d.range.start.line + 1 === e.line && textAt(fileText, d.range) === e.text);
}

function assertAll(diags: Diagnostic[], fileText: string, expected: Expected[]) {
  const shown = diags
    .map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} ${JSON.stringify(textAt(fileText, d.range))}`)
    .join("\n");
  for (const e of expected) {
    const d = find(diags, fileText, e);
    assert.ok(d, `expected ${e.code} on ${JSON.stringify(e.text)} at line ${e.line}; got:\n${shown}`);
    assert.equal(d.severity, e.severity, `${e.code} at line ${e.line} severity`);
    assert.equal(d.source, "specmint");
  }
}

describe("diagnostic codes at their exact ranges", () => {
  test("mistakes.schema.json: every static code on its key or value", async () => {
    const { uri, text } = await client.openFixture("mistakes.schema.json");
    const diags = await client.diagnosticsFor(uri, 1);
    assertAll(diags, text, [
      { code: "schema-invalid", text: '"5"', line: 7, severity: 1 },
      { code: "unknown-keyword", text: '"maxLenght"', line: 6, severity: 2 },
      { code: "range-empty", text: "10", line: 8, severity: 1 },
      { code: "range-empty", text: "5", line: 9, severity: 1 },
      { code: "range-empty", text: "1", line: 10, severity: 1 },
      { code: "range-empty", text: "0.5", line: 11, severity: 1 },
      { code: "required-undefined", text: '"ghost"', line: 4, severity: 2 },
      { code: "required-undefined", text: '"b"', line: 27, severity: 1 },
      { code: "enum-type-mismatch", text: '"two"', line: 12, severity: 2 },
      { code: "const-type-mismatch", text: '"USA"', line: 13, severity: 1 },
      { code: "default-invalid", text: "-1", line: 14, severity: 2 },
      { code: "example-invalid", text: "7", line: 15, severity: 2 },
      { code: "ref-unresolved", text: '"#/$defs/adress"', line: 16, severity: 1 },
      { code: "ref-unresolved", text: '"./missing.schema.json"', line: 17, severity: 1 },
      // The parser stops at the end of the unterminated class: the last character.
      { code: "regex-invalid", text: "$", line: 18, severity: 1 },
      { code: "format-unknown", text: '"date_time"', line: 20, severity: 2 },
      { code: "llm-misplaced", text: '"x-llm"', line: 21, severity: 2 },
      { code: "llm-constrained", text: '"x-llm"', line: 22, severity: 2 },
      { code: "faker-unknown", text: '"person.fulName"', line: 23, severity: 2 },
    ]);
    const messages = diags.map(message).join("\n");
    assert.match(messages, /did you mean "maxLength"/);
    assert.match(messages, /did you mean "#\/\$defs\/address"/);
    assert.match(messages, /did you mean "date-time"/);
    assert.match(messages, /did you mean "person.fullName"/);
    // Telling that a valid pattern cannot be generated from takes trial generation: it comes with the probe.
    const probed = await client.diagnosticsFor(uri, 1, (d) => d.some((x) => x.code === "regex-unsupported"));
    assertAll(probed, text, [{ code: "regex-unsupported", text: '"^(?=a)b$"', line: 19, severity: 2 }]);
    assert.equal(probed.filter((d) => d.code === "unsatisfiable").length, 0, "static errors already explain the failures");
  });

  test("rules.schema.json: rule findings on the token inside the rule string", async () => {
    const { uri, text } = await client.openFixture("rules.schema.json");
    const diags = await client.diagnosticsFor(uri, 1);
    assertAll(diags, text, [
      // A warning: the object allows other properties, so "approvd" may still appear.
      { code: "rule-unknown-path", text: "approvd", line: 14, severity: 2 },
      { code: "rule-type", text: "name > 5", line: 15, severity: 1 },
      { code: "rule-contradiction", text: "amount > 2000000", line: 16, severity: 1 },
      { code: "rule-unenforced", text: "High-value items should have lower inventory", line: 18, severity: 3 },
    ]);
    // An unfinished rule is reported where the text ends, just before the closing quote.
    const syntax = diags.find((d) => d.code === "rule-syntax");
    assert.ok(syntax, "rule-syntax reported");
    assert.equal(syntax.range.start.line + 1, 17);
    assert.equal(text.split("\n")[16].slice(syntax.range.start.character), '",');
    assert.ok(!diags.some((d) => d.range.start.line + 1 === 13), "the valid rule has no finding");
  });

  test("json-syntax on the token where the parser stopped", async () => {
    const { uri, text } = await client.openFixture("syntax.schema.json");
    const diags = await client.diagnosticsFor(uri, 1);
    assertAll(diags, text, [{ code: "json-syntax", text: '"b"', line: 6, severity: 1 }]);
    assert.match(message(diags[0]), /comma is expected/);
  });

  test("unsatisfiable from the generation probe, on the failing node's key (not the root)", async () => {
    const { uri, text } = await client.openFixture("unsatisfiable.schema.json");
    const first = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(first, [], "no static finding: only generation can tell");
    const diags = await client.diagnosticsFor(uri, 1, (d) => d.length > 0);
    assertAll(diags, text, [{ code: "unsatisfiable", text: '"total"', line: 7, severity: 1 }]);
    assert.match(message(diags[0]), /minimum 10 is greater than maximum 5/);
  });

  test("ref-unresolved for a file-relative reference; existing files and fragments resolve", async () => {
    const { uri, text } = await client.openFixture("order.schema.json");
    const diags = await client.diagnosticsFor(uri, 1);
    assertAll(diags, text, [{ code: "ref-unresolved", text: '"./shared/nowhere.json"', line: 8, severity: 1 }]);
    assert.equal(diags.length, 1, diags.map(message).join("\n"));
    assert.match(message(diags[0]), /nowhere\.json: the file does not exist/);
  });

  test("a schema is checked again when a file it refers to changes in the editor (unsaved text wins)", async () => {
    const other = await LspClient.start();
    try {
      const { uri } = await other.openFixture("order.schema.json");
      assert.equal((await other.diagnosticsFor(uri, 1)).length, 1);
      const address = fixtureUri("shared/address.json");
      await other.open(address, '{"type": "object", "properties": {"road": {"type": "string"}}}');
      const again = await other.diagnosticsFor(uri, 1, (d) => d.length === 2);
      assert.ok(
        again.some((d) => d.code === "ref-unresolved" && /has no schema at "#\/properties\/street"/.test(message(d))),
        JSON.stringify(again),
      );
    } finally {
      await other.stop();
    }
  });

  test("an error inside a string with escapes points at the character itself", async () => {
    const uri = "untitled:escapes.schema.json";
    const text =
      '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n  "properties": { "p": { "type": "string", "pattern": "\\\\d+(?<n>a)(?<n>b)" } }\n}\n';
    await client.open(uri, text);
    const diags = await client.diagnosticsFor(uri, 1);
    const d = diags.find((x) => x.code === "regex-invalid");
    assert.ok(d, JSON.stringify(diags));
    assert.equal(textAt(text, d.range), "n");
    // The second "n" (the duplicate group name), not the first.
    assert.equal(d.range.start.character, text.split("\n")[2].lastIndexOf("n"));
  });

  test("a schema without mistakes gets no diagnostics, then none after the probe either", async () => {
    const { uri } = await client.openFixture("customer.schema.json");
    assert.deepEqual(await client.diagnosticsFor(uri, 1), []);
    await new Promise((r) => setTimeout(r, 1500));
    assert.ok((client.diagnostics.get(uri) ?? []).every((p) => p.diagnostics.length === 0));
  });
});

describe("which documents are claimed", () => {
  test("a JSON file that is not a schema gets nothing: no diagnostics, no hover", async () => {
    const { uri } = await client.openFixture("plain.json");
    const h = await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 4 } });
    assert.equal(h, null);
    // Diagnostics of a document opened later arrive after this one would have.
    const probe = "untitled:after-plain.schema.json";
    await client.open(probe, '{"$schema": "http://json-schema.org/draft-07/schema#", "type": "strin"}');
    await client.diagnosticsFor(probe, 1);
    assert.equal(client.diagnostics.get(uri), undefined);
  });

  test("claimed by $schema, by the path glob, and by SpecMint keys", async () => {
    const byKey = "untitled:anything.json";
    await client.open(byKey, '{"type": "object", "properties": {"a": {"type": "object", "x-llm": true}}}');
    assert.ok((await client.diagnosticsFor(byKey, 1)).some((d) => d.code === "llm-misplaced"));
    const byGlob = "file:///tmp/specmint-claims/schemas/thing.json";
    await client.open(byGlob, '{"type": "object", "minProperties": 3, "maxProperties": 1}');
    assert.ok((await client.diagnosticsFor(byGlob, 1)).some((d) => d.code === "range-empty"));
    const bySchema = "untitled:draft7.json";
    await client.open(bySchema, '{"$schema": "http://json-schema.org/draft-07/schema#", "type": "strin"}');
    const d = await client.diagnosticsFor(bySchema, 1);
    assert.ok(
      d.some((x) => x.code === "schema-invalid" && /did you mean "string"/.test(message(x))),
      JSON.stringify(d),
    );
  });

  test("specmint.schemaGlobs from workspace/configuration decides the path claim, per document", async () => {
    const other = await LspClient.start({ settings: { schemaGlobs: ["**/*.model.json"] } });
    try {
      const a = "file:///tmp/specmint-claims/user.model.json";
      const b = "file:///tmp/specmint-claims/user.schema.json";
      await other.open(a, '{"type": "string", "minLength": 3, "maxLength": 1}');
      await other.open(b, '{"type": "string", "minLength": 3, "maxLength": 1}');
      await other.open("untitled:marker.json", '{"$schema": "http://json-schema.org/draft-07/schema#"}');
      assert.ok((await other.diagnosticsFor(a, 1)).some((d) => d.code === "range-empty"));
      await other.diagnosticsFor("untitled:marker.json", 1);
      assert.equal(other.diagnostics.get(b), undefined, "*.schema.json is no longer a glob in these settings");
    } finally {
      await other.stop();
    }
  });
});

describe("behaviour", () => {
  test("the newest version wins: a burst of edits ends with diagnostics for the last version", async () => {
    const uri = "untitled:burst.schema.json";
    const base = (n: number) =>
      `{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "string", "minLength": ${n}, "maxLength": 5}`;
    await client.open(uri, base(1));
    let version = 1;
    for (let n = 2; n <= 9; n++) version = await client.change(uri, base(n));
    const final = await client.diagnosticsFor(uri, version);
    assert.equal(final.filter((d) => d.code === "range-empty").length, 1, "minLength 9 > maxLength 5");
    await new Promise((r) => setTimeout(r, 400));
    const all = client.diagnostics.get(uri)!;
    assert.equal(all.at(-1)!.version, version, "nothing older is published after the newest version");
    assert.ok(all.length < 9, `edits were coalesced (${all.length} publishes for 9 versions)`);
  });

  test("hostile documents never take the server down", async () => {
    const inputs = [
      "",
      "[",
      "null",
      "[]",
      "42",
      '"x"',
      "{",
      "}",
      "{]",
      '{"$ref": "#"}',
      '{"$ref": "#/definitions/a", "definitions": {"a": {"$ref": "#/definitions/a"}}}',
      '{"properties": {"a": {"$ref": "#/properties/a"}}, "required": ["a"]}',
      "{".repeat(3000) + "}".repeat(3000),
      '{"not":'.repeat(5000) + "{}" + "}".repeat(5000),
      '{"minimum": 1e400, "maximum": -1e400, "multipleOf": 0}',
      '{"pattern": "(((((((((a*)*)*)*)*)*)*)*)*)*$"}',
      '{"$schema": "nonsense", "type": ["string", 7], "enum": [], "required": [1, null], "properties": []}',
      '{"x-llm": "yes", "x-faker": 3, "x-cross-field-rules": "a > b", "items": [true, false, {"$ref": "http://example.com/x"}]}',
      '{"$id": "http://a/b", "$defs": {"x": {"$id": "http://a/b"}}, "$ref": "#/$defs/x"}',
      '{"\\u0000": {}, "__proto__": {"type": "string"}, "constructor": 1}',
    ];
    for (const [k, text] of inputs.entries()) {
      const uri = `untitled:hostile-${k}.schema.json`;
      await client.open(uri, text);
      // Every one is answered: diagnostics published (the name claims it), hover answered or null.
      await client.diagnosticsFor(uri, 1);
      await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } });
    }
    await client.open("untitled:alive.json", '{"$schema": "http://json-schema.org/draft-07/schema#", "minLength": 2, "maxLength": 1}');
    const d = await client.diagnosticsFor("untitled:alive.json", 1);
    assert.ok(d.some((x) => x.code === "range-empty"));
    assert.equal(client.child.exitCode, null, "the server is still running");
  });
});

test("diagnostics of a valid fixture carry no codes outside the contract", () => {
  const codes = new Set([
    "json-syntax",
    "schema-invalid",
    "unknown-keyword",
    "range-empty",
    "required-undefined",
    "enum-type-mismatch",
    "const-type-mismatch",
    "default-invalid",
    "example-invalid",
    "ref-unresolved",
    "regex-invalid",
    "regex-unsupported",
    "format-unknown",
    "unsatisfiable",
    "llm-misplaced",
    "llm-constrained",
    "faker-unknown",
    "rule-syntax",
    "rule-unknown-path",
    "rule-type",
    "rule-unenforced",
    "rule-contradiction",
    "unique-impossible",
    "keyword-deprecated",
  ]);
  const uri = fixtureUri("mistakes.schema.json");
  for (const p of client.diagnostics.get(uri) ?? []) for (const d of p.diagnostics) assert.ok(codes.has(String(d.code)), String(d.code));
  assert.ok(fixtureText("mistakes.schema.json").length > 0);
});
