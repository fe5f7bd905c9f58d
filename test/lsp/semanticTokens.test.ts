// Semantic highlighting over stdio: the token array decoded with the legend the server announced,
// and the type and modifiers of the tokens at known places — keywords only in schema positions,
// SpecMint's x- keywords, deprecated keywords of the draft, and the rule language inside rule
// strings at their exact characters (escapes included).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  DidChangeConfigurationNotification,
  SemanticTokensRangeRequest,
  SemanticTokensRequest,
  type SemanticTokens,
  type SemanticTokensLegend,
} from "vscode-languageserver-protocol";
import { LspClient, positionOf } from "./lspClient";

let client: LspClient;
let legend: SemanticTokensLegend;
before(async () => {
  client = await LspClient.start();
  const provider = client.initializeResult?.capabilities.semanticTokensProvider;
  assert.ok(provider, "the server announces semantic tokens");
  assert.equal(provider.full, true);
  assert.equal(provider.range, true);
  legend = provider.legend;
});
after(() => client.stop());

interface DecodedToken {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
}

/** LSP's relative encoding (5 integers a token) back into absolute tokens with names. */
function decode(tokens: SemanticTokens): DecodedToken[] {
  const out: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let k = 0; k < tokens.data.length; k += 5) {
    const [dLine, dChar, length, type, bits] = tokens.data.slice(k, k + 5);
    line += dLine;
    character = dLine === 0 ? character + dChar : dChar;
    const modifiers = legend.tokenModifiers.filter((_, i) => bits & (1 << i));
    out.push({ line, character, length, type: legend.tokenTypes[type], modifiers });
  }
  return out;
}

async function requestTokens(uri: string, by = client): Promise<DecodedToken[]> {
  const r = await by.request<unknown, SemanticTokens | null>(SemanticTokensRequest.type, { textDocument: { uri } });
  assert.ok(r, "semantic tokens");
  return decode(r);
}

let untitled = 0;
async function tokensOf(text: string, by = client): Promise<{ uri: string; tokens: DecodedToken[] }> {
  const uri = `untitled:semantic-${++untitled}.schema.json`;
  await by.open(uri, text);
  return { uri, tokens: await requestTokens(uri, by) };
}

/** The token that starts at the `occurrence`-th `needle` (+ `delta`) and is `needle.length - delta` long, or undefined. */
function tokenAt(text: string, tokens: DecodedToken[], needle: string, delta = 0, occurrence = 1): DecodedToken | undefined {
  const at = positionOf(text, needle, delta, occurrence);
  return tokens.find((t) => t.line === at.line && t.character === at.character);
}

/**
 * The token at the `occurrence`-th `needle` has this type and these modifiers, and covers the
 * needle's text (or its first `length` characters, for a needle that carries context: "start ->").
 */
function assertToken(
  text: string,
  tokens: DecodedToken[],
  needle: string,
  type: string,
  modifiers: string[] = [],
  occurrence = 1,
  length = needle.length,
) {
  const t = tokenAt(text, tokens, needle, 0, occurrence);
  assert.ok(t, `a token at ${needle} (#${occurrence})`);
  assert.equal(t.length, length, `length of ${needle}`);
  assert.equal(t.type, type, `type of ${needle}`);
  assert.deepEqual(t.modifiers, modifiers, `modifiers of ${needle}`);
}

const SCHEMA = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "x-llm-context": "an order",
  "x-cross-field-rules": [
    "sum(items[*].price) <= total and len(note) < 10",
    { "rule": "end >= start -> days(end) > 1", "description": "after the start" },
    "code == \\"A\\u0042\\" or count(items) >= 2"
  ],
  "properties": {
    "type": { "type": "string", "x-faker": "person.fullName", "default": { "minimum": 3 } },
    "items": { "type": "array", "items": { "type": "object", "properties": { "price": { "type": "number" } } } },
    "total": { "type": "number", "x-unique": true },
    "note": { "type": "string", "examples": [{ "maxLength": 1 }] },
    "start": { "type": "string", "format": "date" },
    "end": { "type": "string", "format": "date" },
    "code": { "$ref": "#/$defs/Code" }
  },
  "$defs": { "Code": { "type": "string", "pattern": "^[A-Z]+$" } },
  "dependentRequired": { "end": ["start"] }
}`;

const RULE_NAMES = `{ "x-cross-field-rules": ["toString(a) > len(b)", "created_at >= ref(customer_id).signed_up_at"] }`;

describe("semantic tokens of a schema", () => {
  let tokens: DecodedToken[];
  let namesTokens: DecodedToken[];
  before(async () => {
    ({ tokens } = await tokensOf(SCHEMA));
    ({ tokens: namesTokens } = await tokensOf(RULE_NAMES));
  });

  test("keys in schema positions that are keywords of the draft are keywords", () => {
    for (const key of ['"$schema"', '"type"', '"properties"', '"format"', '"$defs"', '"dependentRequired"'])
      assertToken(SCHEMA, tokens, key, "keyword");
  });

  test("a property named like a keyword is a property, not a keyword; definition names are types", () => {
    // The second "type" of the text is the property name under properties, the third its keyword.
    assertToken(SCHEMA, tokens, '"type"', "property", ["declaration"], 2);
    assertToken(SCHEMA, tokens, '"type"', "keyword", [], 3);
    assertToken(SCHEMA, tokens, '"price"', "property", ["declaration"]);
    assertToken(SCHEMA, tokens, '"Code"', "type", ["declaration"]);
    // dependentRequired names properties too
    assertToken(SCHEMA, tokens, '"end"', "property", ["declaration"], 2);
  });

  test("keys inside values (default, examples) are data: no token", () => {
    assert.equal(tokenAt(SCHEMA, tokens, '"minimum"'), undefined);
    assert.equal(tokenAt(SCHEMA, tokens, '"maxLength"'), undefined);
  });

  test("SpecMint's x- keywords are keywords with the specmint modifier", () => {
    for (const key of ['"x-llm-context"', '"x-cross-field-rules"', '"x-faker"', '"x-unique"'])
      assertToken(SCHEMA, tokens, key, "keyword", ["specmint"]);
  });

  test("a rule string's functions, field paths, operators and numbers", () => {
    // [where the token starts (with context after it), its type, its length]
    const expected: [string, string, number][] = [
      ["sum", "function", 3],
      ["items[", "variable", 5],
      ["price", "property", 5],
      ["<=", "operator", 2],
      ["total", "variable", 5],
      ["and", "operator", 3],
      ["len", "function", 3],
      ["10", "number", 2],
    ];
    for (const [needle, type, length] of expected) assertToken(SCHEMA, tokens, needle, type, [], 1, length);
    // a name of Object's prototype before "(" is no function of the rule language
    assert.equal(tokenAt(RULE_NAMES, namesTokens, "toString")?.type, "variable");
    // ref(path) reads like a function; the referenced record's field is a property
    assertToken(RULE_NAMES, namesTokens, "ref(", "function", [], 1, 3);
    assertToken(RULE_NAMES, namesTokens, "signed_up_at", "property");
    // the `*` of items[*] is part of the path, not a multiplication
    assert.equal(tokenAt(SCHEMA, tokens, "*]"), undefined);
  });

  test("the rule of a rule object, and a string literal with escapes covers its raw text", () => {
    assertToken(SCHEMA, tokens, "->", "operator");
    assertToken(SCHEMA, tokens, "days", "function");
    assertToken(SCHEMA, tokens, "start ->", "variable", [], 1, "start".length);
    // "A\u0042" in the rule is written \"A\\u0042\" in the JSON text: the token covers all of it
    assertToken(SCHEMA, tokens, '\\"A\\u0042\\"', "string");
    assertToken(SCHEMA, tokens, "count", "function");
    assertToken(SCHEMA, tokens, "or count", "operator", [], 1, "or".length);
    // the description of a rule object is prose, not a rule
    assert.equal(tokenAt(SCHEMA, tokens, "after the start"), undefined);
  });

  test("a range request returns only the tokens in its range", async () => {
    const uri = `untitled:semantic-${++untitled}.schema.json`;
    await client.open(uri, SCHEMA);
    const start = positionOf(SCHEMA, '"properties"');
    const r = await client.request<unknown, SemanticTokens | null>(SemanticTokensRangeRequest.type, {
      textDocument: { uri },
      range: { start, end: { line: start.line + 1, character: 0 } },
    });
    assert.ok(r);
    const inRange = decode(r);
    assert.deepEqual(
      inRange.map((t) => [t.line, t.character, t.type]),
      [[start.line, start.character, "keyword"]],
    );
  });
});

describe("semantic tokens and the draft", () => {
  const legacy = (schemaUri: string) => `{
  "$schema": "${schemaUri}",
  "definitions": { "Id": { "type": "integer" } },
  "dependencies": { "a": ["b"] },
  "items": [{ "type": "string" }],
  "$defs": {}
}`;

  test("deprecated keywords of 2020-12 carry the deprecated modifier", async () => {
    const text = legacy("https://json-schema.org/draft/2020-12/schema");
    const { tokens } = await tokensOf(text);
    assertToken(text, tokens, '"definitions"', "keyword", ["deprecated"]);
    assertToken(text, tokens, '"dependencies"', "keyword", ["deprecated"]);
    assertToken(text, tokens, '"items"', "keyword", ["deprecated"]);
    assertToken(text, tokens, '"$defs"', "keyword");
  });

  test("in draft-07 the same keywords are current, and $defs is no keyword", async () => {
    const text = legacy("http://json-schema.org/draft-07/schema#");
    const { tokens } = await tokensOf(text);
    assertToken(text, tokens, '"definitions"', "keyword");
    assertToken(text, tokens, '"dependencies"', "keyword");
    assertToken(text, tokens, '"items"', "keyword");
    assert.equal(tokenAt(text, tokens, '"$defs"'), undefined);
  });
});

describe("semantic tokens and specmint.defaultDraft", () => {
  const undeclared = `{ "definitions": { "Id": { "type": "integer" } }, "$defs": {}, "prefixItems": [] }`;

  test("without $schema the draft setting decides which keys are keywords; changing it asks the client to refresh", async () => {
    const editor = await LspClient.start({ semanticTokensRefresh: true, settings: { defaultDraft: "07" } });
    try {
      const { uri, tokens: d07 } = await tokensOf(undeclared, editor);
      assertToken(undeclared, d07, '"definitions"', "keyword");
      assert.equal(tokenAt(undeclared, d07, '"$defs"'), undefined);
      assert.equal(tokenAt(undeclared, d07, '"prefixItems"'), undefined);
      editor.settings = { defaultDraft: "2020-12" };
      await editor.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { specmint: editor.settings } });
      await editor.waitFor("workspace/semanticTokens/refresh", () => (editor.semanticTokensRefreshes > 0 ? true : undefined));
      const d2020 = await requestTokens(uri, editor);
      assertToken(undeclared, d2020, '"definitions"', "keyword", ["deprecated"]);
      assertToken(undeclared, d2020, '"$defs"', "keyword");
      assertToken(undeclared, d2020, '"prefixItems"', "keyword");
    } finally {
      await editor.stop();
    }
  });
});

describe("semantic tokens of rules being typed and of hostile documents", () => {
  test("a rule with a syntax error keeps its tokens before and after the mistake", async () => {
    const text = `{ "x-cross-field-rules": ["a && b > 1"], "properties": { "a": {}, "b": {} } }`;
    const { tokens } = await tokensOf(text);
    assertToken(text, tokens, "a &&", "variable", [], 1, 1);
    assertToken(text, tokens, "b >", "variable", [], 1, 1);
    assertToken(text, tokens, ">", "operator");
    assertToken(text, tokens, "1", "number");
  });

  test("a document nested 2,000 deep is highlighted to its bottom, one nested 10,000 deep gets an answer", async () => {
    const nested = (levels: number) => `${'{"type":"object","properties":{"a":'.repeat(levels)}{}${"}}".repeat(levels)}`;
    // 1,000 times type, properties and the property a, two objects deeper each time: 2,000 levels.
    const { tokens } = await tokensOf(nested(1_000));
    assert.equal(tokens.length, 3_000);
    assert.deepEqual(
      tokens.slice(-3).map((t) => t.type),
      ["keyword", "keyword", "property"],
    );
    // Too deep for the parser: no tokens, and neither an error nor a dead server.
    const deep = await tokensOf(nested(10_000));
    assert.deepEqual(deep.tokens, []);
    const small = `{ "type": "string" }`;
    const after = await tokensOf(small);
    assertToken(small, after.tokens, '"type"', "keyword");
  });

  test("a document that is not an object (null, an array, a number, a string, a boolean) gets no tokens and no failure", async () => {
    // null was read as an object when choosing the draft: "semantic tokens failed: TypeError" (found by test/fuzz, seed 2026).
    const logged = client.log.length;
    for (const text of ["null", "[]", "[null]", "42", '"type"', "true"]) {
      const { tokens } = await tokensOf(text);
      assert.deepEqual(tokens, [], text);
    }
    assert.deepEqual(
      client.log.slice(logged).filter((l) => /failed|TypeError/.test(l)),
      [],
    );
  });
});
