// The injection grammar, tokenized by vscode-textmate on top of the JSON grammar VS Code uses.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";

const ROOT = path.resolve(__dirname, "../..");

async function tokenizer() {
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      const file =
        scope === "source.json"
          ? require.resolve("tm-grammars/grammars/json.json")
          : scope === "specmint.injection"
            ? path.join(ROOT, "syntaxes/specmint.injection.tmLanguage.json")
            : undefined;
      return file ? vsctm.parseRawGrammar(await readFile(file, "utf8"), file) : null;
    },
    getInjections: (scope) => (scope === "source.json" ? ["specmint.injection"] : undefined),
  });
  const grammar = (await registry.loadGrammar("source.json"))!;
  return (text: string) => {
    const out: { text: string; scopes: string[] }[] = [];
    let state = vsctm.INITIAL;
    for (const line of text.split("\n")) {
      const r = grammar.tokenizeLine(line, state);
      for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
      state = r.ruleStack;
    }
    return out;
  };
}

function scopesOf(tokens: { text: string; scopes: string[] }[], text: string): string[] {
  const t = tokens.find((x) => x.text === text);
  assert.ok(t, `no token "${text}" in ${JSON.stringify(tokens.map((x) => x.text))}`);
  return t.scopes;
}

test("extension keys, llm: descriptions and rule strings get their own scopes", async () => {
  const tokenize = await tokenizer();
  const tokens = tokenize(`{
  "properties": {
    "name": { "type": "string", "x-llm": true, "description": "llm: a product name" }
  },
  "x-cross-field-rules": [
    "in_stock == false -> stock_count == 0",
    { "rule": "len(tags) >= 2", "description": "two tags at least" }
  ]
}`);
  assert.ok(scopesOf(tokens, "x-llm").some((s) => s.includes("keyword.other.specmint.extension")));
  assert.ok(scopesOf(tokens, "llm:").some((s) => s.includes("keyword.control.specmint.llm-prefix")));
  assert.ok(scopesOf(tokens, "->").some((s) => s.includes("keyword.operator.specmint.rule")));
  assert.ok(scopesOf(tokens, "in_stock").some((s) => s.includes("variable.other.property.specmint.rule")));
  assert.ok(scopesOf(tokens, "len").some((s) => s.includes("support.function.specmint.rule")));
  // Ordinary JSON keeps its own scopes.
  assert.ok(scopesOf(tokens, "type").some((s) => s.startsWith("support.type.property-name.json")));
  assert.ok(!scopesOf(tokens, "type").some((s) => s.includes("specmint")));
  assert.ok(!scopesOf(tokens, "two tags at least").some((s) => s.includes("specmint.rule")));
  assert.ok(scopesOf(tokens, "description").some((s) => s.startsWith("support.type.property-name.json")));
});
