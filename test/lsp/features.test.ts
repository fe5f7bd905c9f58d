// Completion, code actions, document symbols, go-to-definition and CodeLens of the built server.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  CompletionItemKind,
  DefinitionRequest,
  DocumentSymbolRequest,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type TextEdit,
} from "vscode-languageserver-protocol";
import { LspClient, applyTextEdits, fixtureUri, positionOf, textAt } from "./lspClient";

let client: LspClient;
before(async () => {
  client = await LspClient.start();
});
after(() => client.stop());

let untitled = 0;
async function openText(text: string): Promise<string> {
  const uri = `untitled:features-${++untitled}.schema.json`;
  await client.open(uri, text);
  await client.diagnosticsFor(uri, 1);
  return uri;
}

async function complete(text: string, needle: string, delta: number): Promise<CompletionItem[]> {
  const uri = await openText(text);
  const r = await client.request<unknown, CompletionList | null>(CompletionRequest.type, {
    textDocument: { uri },
    position: positionOf(text, needle, delta),
  });
  assert.ok(r);
  return r.items;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const newText = (items: CompletionItem[], label: string) =>
  (items.find((i) => i.label === label)?.textEdit as TextEdit | undefined)?.newText;

describe("completion", () => {
  const S2020 = '"$schema": "https://json-schema.org/draft/2020-12/schema"';

  test("keywords of the document's draft at a key position, with value snippets, minus those present", async () => {
    const text = `{${S2020}, "properties": {"age": {"type": "integer", ""}}}`;
    const items = await complete(text, '""}}}', 1);
    const names = labels(items);
    for (const k of ["minimum", "maximum", "multipleOf", "prefixItems", "$defs", "x-llm", "x-faker", "x-unique", "x-cross-field-rules"])
      assert.ok(names.includes(k), k);
    assert.ok(!names.includes("type"), "already present");
    assert.ok(!names.includes("additionalItems"), "not a 2020-12 keyword");
    assert.ok(!names.includes("x-llm-context"), "root only");
    assert.equal(newText(items, "minimum"), '"minimum": ${1:0}');
    assert.equal(newText(items, "x-llm"), '"x-llm": ${1:true}');
    assert.equal(newText(items, "$defs"), '"\\$defs": {\n\t$1\n}');
  });

  test("draft-07 keywords in a draft-07 document", async () => {
    const text = '{"$schema": "http://json-schema.org/draft-07/schema#", ""}';
    const names = labels(await complete(text, '""}', 1));
    assert.ok(names.includes("definitions") && names.includes("additionalItems") && names.includes("x-llm-context"));
    assert.ok(!names.includes("prefixItems") && !names.includes("$defs"));
  });

  test("format names, $ref targets, types and x-faker names as values", async () => {
    const base = (member: string) => `{${S2020}, "$defs": {"address": {}, "money": {}}, "properties": {"a": {${member}}}}`;
    assert.ok(labels(await complete(base('"format": ""'), '"format": ""', 11)).includes("date-time"));
    const refs = labels(await complete(base('"$ref": ""'), '"$ref": ""', 9));
    assert.deepEqual(refs, ["#/$defs/address", "#/$defs/money"]);
    assert.ok(labels(await complete(base('"type": ""'), '"type": ""', 9)).includes("integer"));
    assert.ok(labels(await complete(base('"x-faker": ""'), '"x-faker": ""', 12)).includes("person.fullName"));
  });

  test("required entries from the sibling properties not listed yet", async () => {
    const text = `{${S2020}, "properties": {"id": {}, "name": {}, "email": {}}, "required": ["id", ""]}`;
    assert.deepEqual(labels(await complete(text, '""]', 1)), ["name", "email"]);
  });

  test("keywords valid for the node's type sort first", async () => {
    const text = `{${S2020}, "properties": {"n": {"type": "number", ""}}}`;
    const items = await complete(text, '""}}}', 1);
    const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    const rank = (k: string) => sorted.findIndex((i) => i.label === k);
    for (const k of ["minimum", "maximum", "multipleOf", "exclusiveMinimum", "exclusiveMaximum"])
      for (const other of ["maxContains", "minLength", "pattern", "minItems", "properties"])
        assert.ok(rank(k) < rank(other), `${k} before ${other}`);
  });

  test("in a rule string: fields, functions with signatures and operators, no keywords or snippets", async () => {
    const text = `{${S2020}, "type": "object", "properties": {"total": {"type": "number"}, "items": {"type": "array", "items": {"type": "object", "properties": {"price": {"type": "number"}}}}}, "x-cross-field-rules": [{"rule": "total == su"}]}`;
    const items = await complete(text, 'su"}]}', 2);
    const sum = items.find((i) => i.label === "sum");
    assert.ok(sum, "sum offered");
    assert.equal(sum.kind, CompletionItemKind.Function);
    assert.match(sum.detail ?? "", /^sum\(/);
    assert.equal(newText(items, "sum"), "sum(${1:path})");
    const names = labels(items);
    for (const k of ["count", "len", "date", "today", "days", "ref", "and", "->", "total"]) assert.ok(names.includes(k), k);
    assert.ok(!names.includes("minimum") && !items.some((i) => i.kind === CompletionItemKind.Snippet), "no keywords or snippets");
  });

  // VS Code's JSON completion lists the keywords of a $schema it knows (http:// and https:// alike) and,
  // without $schema, draft-07's in every *.schema.json file: SpecMint lists only the others.
  test("with jsonKeywordCompletion, keywords the client lists are left to it: its $schema, or draft-07 in *.schema.json", async () => {
    const vs = await LspClient.start({ jsonKeywordCompletion: true });
    try {
      let n = 0;
      const ask = async (file: string, text: string) => {
        const uri = `file:///tmp/jkc-${++n}/${file}`;
        await vs.open(uri, text);
        const r = await vs.request<unknown, CompletionList | null>(CompletionRequest.type, {
          textDocument: { uri },
          position: positionOf(text, '""}}}', 1),
        });
        return labels(r?.items ?? []);
      };
      const standard = (names: string[]) => names.filter((k) => !k.startsWith("x-"));
      const known = await ask("n.schema.json", `{${S2020}, "properties": {"n": {"type": "number", ""}}}`);
      assert.ok(known.includes("x-faker") && known.includes("x-unique"));
      assert.deepEqual(standard(known), [], "no standard keyword");
      const https07 = await ask(
        "n.schema.json",
        `{"$schema": "https://json-schema.org/draft-07/schema#", "properties": {"n": {"type": "number", ""}}}`,
      );
      assert.deepEqual(standard(https07), [], "https:// is read as http:// for draft-07");
      const bare = await ask("n.schema.json", `{"properties": {"n": {"type": "number", ""}}}`);
      assert.ok(bare.includes("x-faker") && bare.includes("$defs") && bare.includes("prefixItems"), bare.join(" "));
      assert.ok(!bare.includes("minimum") && !bare.includes("definitions"), "draft-07's keywords are VS Code's");
      const elsewhere = await ask("schemas/n.json", `{"properties": {"n": {"type": "number", ""}}}`);
      assert.ok(elsewhere.includes("minimum") && elsewhere.includes("x-faker"));
      assert.equal(new Set(elsewhere).size, elsewhere.length, "no duplicates");
      const unknown = await ask("n.schema.json", `{"$schema": "https://example.com/meta", "properties": {"n": {"type": "number", ""}}}`);
      assert.ok(unknown.includes("minimum"), "a $schema VS Code does not know gives no keywords there");
    } finally {
      await vs.stop();
    }
  });

  test("nothing inside data (enum values, defaults)", async () => {
    const text = `{${S2020}, "enum": [{""}]}`;
    assert.deepEqual(await complete(text, '{""}', 2), []);
  });
});

describe("code actions", () => {
  const uri = fixtureUri("mistakes.schema.json");
  let text: string;
  let diags: Diagnostic[];

  before(async () => {
    ({ text } = await client.openFixture("mistakes.schema.json"));
    diags = await client.diagnosticsFor(uri, 1);
  });

  async function actionsFor(code: string, textAtRange: string): Promise<CodeAction[]> {
    const d = diags.find((x) => x.code === code && textAt(text, x.range) === textAtRange);
    assert.ok(d, `${code} on ${textAtRange}`);
    const r = await client.request<unknown, CodeAction[] | null>(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    return r ?? [];
  }

  const apply = (a: CodeAction | undefined) => {
    assert.ok(a?.edit?.changes?.[uri], "an edit for this document");
    return applyTextEdits(text, a.edit.changes[uri]);
  };

  test("typo of a keyword: rename it; the fixed document has no unknown-keyword", async () => {
    const actions = await actionsFor("unknown-keyword", '"maxLenght"');
    assert.equal(actions[0].title, 'Change to "maxLength"');
    assert.equal(actions[0].isPreferred, true);
    const fixed = apply(actions[0]);
    assert.match(fixed, /"code": \{ "type": "string", "maxLength": 5 \}/);
    const version = await client.change(uri, fixed);
    const after = await client.diagnosticsFor(uri, version);
    assert.ok(!after.some((d) => d.code === "unknown-keyword"));
    await client.change(uri, text);
  });

  test("inverted bounds: swap them", async () => {
    const actions = await actionsFor("range-empty", "10");
    const swap = actions.find((a) => a.title === "Swap minimum and maximum");
    assert.match(apply(swap), /"score": \{ "type": "number", "minimum": 5, "maximum": 10 \}/);
  });

  test("asked right after an edit of a document too big to check on the request path, the fix waits for its checks", async () => {
    // 4,000 properties in 10 objects: building the model here takes longer than the server checks on a request.
    const group = () => Array.from({ length: 400 }, (_, i) => `"f${i}": { "type": "string" }`).join(", ");
    const filler = Array.from({ length: 10 }, (_, g) => `"g${g}": { "type": "object", "properties": { ${group()} } }`).join(", ");
    const big = `{ "type": "object", "properties": { ${filler}, "score": { "type": "number", "minimum": 10, "maximum": 5 } } }`;
    const bigUri = await openText(big);
    const edited = big.replace('"f0"', '"h0"');
    await client.change(bigUri, edited);
    const at = positionOf(edited, '"minimum": 10', 11);
    const r = await client.request<unknown, CodeAction[] | null>(CodeActionRequest.type, {
      textDocument: { uri: bigUri },
      range: { start: at, end: at },
      context: { diagnostics: [] },
    });
    const swap = (r ?? []).find((a) => a.title === "Swap minimum and maximum");
    assert.ok(swap?.edit?.changes?.[bigUri], `actions: ${(r ?? []).map((a) => a.title).join(", ")}`);
    assert.match(applyTextEdits(edited, swap.edit.changes[bigUri]), /"score": \{ "type": "number", "minimum": 5, "maximum": 10 \}/);
  });

  test("required but undefined: add it to properties, or remove it from required", async () => {
    const actions = await actionsFor("required-undefined", '"ghost"');
    const added = JSON.parse(apply(actions.find((a) => a.title === 'Add "ghost" to properties'))) as {
      properties: Record<string, unknown>;
    };
    assert.deepEqual(added.properties.ghost, {});
    const removed = JSON.parse(apply(actions.find((a) => a.title === 'Remove "ghost" from required'))) as { required: string[] };
    assert.deepEqual(removed.required, ["code"]);
  });

  test("near-miss values: format, x-faker, $ref", async () => {
    assert.match(apply((await actionsFor("format-unknown", '"date_time"'))[0]), /"format": "date-time"/);
    assert.match(apply((await actionsFor("faker-unknown", '"person.fulName"'))[0]), /"x-faker": "person.fullName"/);
    assert.match(apply((await actionsFor("ref-unresolved", '"#/$defs/adress"'))[0]), /"\$ref": "#\/\$defs\/address"/);
  });
});

describe("symbols, definition, lenses", () => {
  test("document symbols: properties (nested) and definitions", async () => {
    const { uri } = await client.openFixture("customer.schema.json");
    const symbols = await client.request<unknown, DocumentSymbol[]>(DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ["id", "name", "tier", "age", "bio", "address", "tags", "address"],
    );
    assert.equal(symbols[3].detail, "integer");
    assert.equal(symbols[5].detail, "#/$defs/address");
    assert.deepEqual(
      symbols[7].children?.map((s) => s.name),
      ["city", "zip"],
    );
  });

  test("go to definition: a local $ref and references to another file", async () => {
    const { uri, text } = await client.openFixture("customer.schema.json");
    const local = await client.request<unknown, Location | null>(DefinitionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '"#/$defs/address"', 3),
    });
    assert.ok(local);
    assert.equal(local.uri, uri);
    assert.equal(textAt(text, local.range), '"address"');
    assert.equal(local.range.start.line, positionOf(text, '"address": {', 0, 2).line, "the definition, not the property");

    const order = await client.openFixture("order.schema.json");
    const whole = await client.request<unknown, Location | null>(DefinitionRequest.type, {
      textDocument: { uri: order.uri },
      position: positionOf(order.text, '"./shared/address.json"', 3),
    });
    assert.equal(whole?.uri, fixtureUri("shared/address.json"));
    assert.deepEqual(whole?.range.start, { line: 0, character: 0 });
    const street = await client.request<unknown, Location | null>(DefinitionRequest.type, {
      textDocument: { uri: order.uri },
      position: positionOf(order.text, '"shared/address.json#/properties/street"', 3),
    });
    assert.equal(street?.uri, fixtureUri("shared/address.json"));
    assert.equal(street?.range.start.line, 7, "the street property of address.json");
  });

  test("CodeLens on the root: Preview samples and Generate fixtures, with the document URI", async () => {
    const uri = fixtureUri("customer.schema.json");
    const lenses = await client.request<unknown, CodeLens[]>(CodeLensRequest.type, { textDocument: { uri } });
    assert.deepEqual(
      lenses.map((l) => [l.command?.title, l.command?.command, l.command?.arguments]),
      [
        ["Preview samples", "specmint.previewSamples", [uri]],
        ["Generate fixtures", "specmint.generateFixtures", [uri]],
      ],
    );
    assert.deepEqual(lenses[0].range.start, { line: 0, character: 0 });
  });

  test("documents that are not schemas get no symbols, lenses or completions", async () => {
    const { uri } = await client.openFixture("plain.json");
    assert.deepEqual(await client.request(DocumentSymbolRequest.type, { textDocument: { uri } }), []);
    assert.deepEqual(await client.request(CodeLensRequest.type, { textDocument: { uri } }), []);
    assert.equal(await client.request(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 3 } }), null);
  });
});
