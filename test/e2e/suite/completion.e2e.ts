// Completion as VS Code shows it: the merged list of every provider (SpecMint's server, VS Code's
// JSON completion, snippets), in the order VS Code sorts it. VS Code's JSON extension completes the
// keywords of any document whose $schema it knows and of every *.schema.json file (its jsonValidation
// maps them to draft-07), so these cases are where a keyword could be listed twice.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { specmint, until, workspaceFile } from "./util";

const NUMBER_KEYWORDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const ARRAY_KEYWORDS = ["items", "maxItems", "minItems", "uniqueItems", "contains", "additionalItems", "maxContains", "minContains"];

/** A label as a person reads it: VS Code's JSON completion may quote property names, SpecMint does not. */
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === "string" ? item.label : item.label.label).replace(/^"|"$/g, "");

/**
 * Writes `text` to a workspace file, opens it and asks every completion provider at the first `|`
 * (removed from the text). Waits until SpecMint's server has answered (an item only it offers).
 */
async function completeAt(
  name: string,
  text: string,
  expect: (items: vscode.CompletionItem[]) => boolean,
): Promise<vscode.CompletionItem[]> {
  const offset = text.indexOf("|");
  const uri = workspaceFile("completion", ...name.split("/"));
  fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
  fs.writeFileSync(uri.fsPath, text.slice(0, offset) + text.slice(offset + 1));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const at = doc.positionAt(offset);
  return until(`completion in ${name}`, async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", uri, at);
    return expect(list.items) ? list.items : undefined;
  });
}

function duplicates(items: vscode.CompletionItem[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const l of items.map(labelOf)) (seen.has(l) ? twice : seen).add(l);
  return [...twice];
}

/** Every number keyword of the list comes before every array keyword of it, in VS Code's order. */
function assertNumberKeywordsFirst(items: vscode.CompletionItem[]): void {
  const labels = items.map(labelOf);
  const numbers = NUMBER_KEYWORDS.filter((k) => labels.includes(k));
  const arrays = ARRAY_KEYWORDS.filter((k) => labels.includes(k));
  assert.ok(numbers.length >= 4 && arrays.length >= 3, `keywords offered: ${labels.join(", ")}`);
  const lastNumber = Math.max(...numbers.map((k) => labels.indexOf(k)));
  const firstArray = Math.min(...arrays.map((k) => labels.indexOf(k)));
  assert.ok(lastNumber < firstArray, `number keywords after ${labels[firstArray]}: ${labels.join(", ")}`);
}

/** A node with "type": "number" and the cursor in a new key (`""`, as typing a quote leaves it). */
const numberNode = (head: string) => `{${head}
  "type": "object",
  "properties": {
    "price": { "type": "number", "|" }
  }
}
`;

const fromSpecMint = (items: vscode.CompletionItem[]) => items.some((i) => labelOf(i) === "x-faker");

suite("completion in VS Code", () => {
  suiteSetup(async () => {
    await specmint();
  });

  // Where VS Code knows the schema it lists the standard keywords itself, in its own (alphabetical)
  // order, and SpecMint adds the rest: a keyword listed by both would show twice.
  test("a $schema VS Code knows (draft-07, 2020-12): each keyword once, SpecMint's x- keywords added", async () => {
    for (const [name, $schema] of [
      ["draft07.schema.json", "http://json-schema.org/draft-07/schema#"],
      ["draft2020.schema.json", "https://json-schema.org/draft/2020-12/schema"],
    ]) {
      const items = await completeAt(
        name,
        numberNode(`\n  "$schema": "${$schema}",`),
        (i) => fromSpecMint(i) && i.some((x) => labelOf(x) === "minimum"),
      );
      assert.deepEqual(duplicates(items), [], name);
      for (const k of ["minimum", "maximum", "multipleOf", "x-unique", "x-llm"])
        assert.ok(
          items.some((i) => labelOf(i) === k),
          `${name}: ${k}`,
        );
    }
  });

  test("no $schema in a *.schema.json file (VS Code completes draft-07 there): each keyword once, newer ones from SpecMint", async () => {
    const items = await completeAt("bare.schema.json", numberNode(""), (i) => fromSpecMint(i) && i.some((x) => labelOf(x) === "minimum"));
    assert.deepEqual(duplicates(items), []);
    for (const k of ["minimum", "$defs", "prefixItems", "x-faker"])
      assert.ok(
        items.some((i) => labelOf(i) === k),
        k,
      );
  });

  // Where VS Code has no schema for the file, SpecMint lists every keyword, those of the node's type first.
  test("a $schema VS Code does not map, or none outside *.schema.json: each keyword once, number keywords first", async () => {
    for (const [name, head] of [
      ["custom-meta.schema.json", `\n  "$schema": "https://example.com/specmint-test/meta-schema",`],
      ["schemas/price.json", ""],
    ]) {
      const items = await completeAt(name, numberNode(head), (i) => fromSpecMint(i) && i.some((x) => labelOf(x) === "minimum"));
      assert.deepEqual(duplicates(items), [], name);
      assertNumberKeywordsFirst(items);
    }
  });

  test('in a rule string, "su" offers the function sum( with its signature and no snippet; after a field, operators', async () => {
    const rules = (rule: string) => `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "total": { "type": "number" },
    "lines": { "type": "array", "items": { "type": "object", "properties": { "price": { "type": "number" } } } }
  },
  "x-cross-field-rules": [{ "rule": "${rule}" }]
}
`;
    const items = await completeAt("rules.schema.json", rules("total == su|"), (i) => i.some((x) => labelOf(x) === "sum"));
    const sum = items.find((i) => labelOf(i) === "sum")!;
    assert.equal(sum.kind, vscode.CompletionItemKind.Function);
    assert.match(String(sum.detail), /^sum\(xs\[\*\]\.y\) -> number$/);
    assert.match((sum.insertText as vscode.SnippetString).value, /^sum\(\$\{1:path\}\)$/);
    const snippets = items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
    assert.deepEqual(snippets, [], "no snippet in a rule string");
    for (const f of ["count", "len", "date", "today", "days"])
      assert.ok(
        items.some((i) => labelOf(i) === f),
        `${f} offered`,
      );
    assert.deepEqual(duplicates(items), []);

    const after = await completeAt("rules-op.schema.json", rules("total |"), (i) => i.some((x) => labelOf(x) === "=="));
    const operators = after.filter((i) => i.kind === vscode.CompletionItemKind.Operator).map(labelOf);
    for (const op of ["==", "!=", "<", "<=", ">", ">=", "and", "or", "->", "in"])
      assert.ok(operators.includes(op), `${op} offered: ${operators.join(" ")}`);
  });
});
