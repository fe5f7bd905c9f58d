// The editor's analysis of one document version (server/analysis.ts and what it calls) on the
// hostile documents test/fuzz found (issue 12): each gets its diagnostics in a fraction of a
// second, without a stack overflow, and with one diagnostic where a hundred thousand would repeat.
import { test } from "node:test";
import assert from "node:assert/strict";
import type * as jsonc from "jsonc-parser";
import type { Diagnostic, TextEdit } from "vscode-languageserver";
import type { AnalysisInput } from "../../server/analysis";
import { analyzeText, VIRTUAL_URI } from "../support/analyzeText";
import { codeActionsFor } from "../../server/features/codeActions";
import { completionAt } from "../../server/features/completion";
import { definitionAt } from "../../server/features/definition";
import { ruleStringAt } from "../../server/features/ruleHover";
import { documentSymbolsFor } from "../../server/features/symbols";
import { nodeTargetAt } from "../../server/features/target";
import { JsonDocument } from "../../server/jsonDocument";
import { MAX_SYNTAX_DIAGNOSTICS } from "../../server/diagnostics";
import { nodeNestedDeeperThan, nodeValue } from "../../core/schema";

const URI = VIRTUAL_URI;

/** The analysis the server makes of `text` as version 1, and how long it took. */
function analyse(text: string, limits?: AnalysisInput["limits"]) {
  const started = performance.now();
  const analysis = analyzeText(text, limits);
  return { analysis, ms: performance.now() - started };
}

const notSyntax = (ds: Diagnostic[]) => ds.filter((d) => d.code !== "json-syntax");
const messageOf = (d: Diagnostic) => (typeof d.message === "string" ? d.message : d.message.value);

test("a 10,000-deep document with a syntax error: its syntax diagnostics and one about the depth limit, no RangeError", () => {
  // test/fuzz's case (/work/fuzz-findings.md 12): a fragment repeated inside a 10,000-deep allOf
  // chain; jsonc-parser recovers a tree about 2,900 deep that no depth check has seen.
  const n = 10_000;
  const chain = '{"allOf":['.repeat(n) + "{}" + "]}".repeat(n);
  const text = chain.slice(0, 14_640) + chain.slice(14_622, 14_640) + chain.slice(14_640);
  const { analysis, ms } = analyse(text);
  assert.deepEqual(analysis.internalErrors, []);
  // The parser's recovery reports thousands of errors: the first 100 are shown, then one for the rest.
  assert.ok(analysis.doc.syntaxErrors.length > MAX_SYNTAX_DIAGNOSTICS + 1);
  const syntax = analysis.diagnostics.filter((d) => d.code === "json-syntax");
  assert.equal(syntax.length, MAX_SYNTAX_DIAGNOSTICS + 1);
  const more = (analysis.doc.syntaxErrors.length - MAX_SYNTAX_DIAGNOSTICS).toLocaleString("en-US");
  assert.match(messageOf(syntax[MAX_SYNTAX_DIAGNOSTICS]), new RegExp(`, and ${more} more from here on, not shown`));
  assert.equal(analysis.diagnostics.length, MAX_SYNTAX_DIAGNOSTICS + 2);
  const [depth] = notSyntax(analysis.diagnostics);
  assert.equal(depth.code, "limit-exceeded");
  assert.match(
    messageOf(depth),
    /^the schema nests [\d,]+ deep \(objects and arrays inside each other\), more than the depth limit of 128/,
  );
  assert.ok(ms < 2_000, `took ${ms} ms`);
  // What would walk the recovered tree level by level answers nothing instead.
  assert.ok(analysis.doc.tooDeep());
  assert.equal(analysis.doc.value(), undefined);
  assert.deepEqual(analysis.nodes, []);
  const deepInside = analysis.doc.positionAt(14_000);
  assert.equal(nodeTargetAt(analysis, deepInside), undefined);
  assert.equal(ruleStringAt(analysis.doc, deepInside), undefined);
  assert.deepEqual(completionAt(analysis.doc, analysis, deepInside, true).items, []);
  assert.equal(definitionAt(analysis, deepInside), undefined);
  assert.deepEqual(documentSymbolsFor(analysis.doc), []);
});

test("a missing comma deep inside properties: the same, with the depth limit as configured", () => {
  const n = 1_400;
  const text = '{"properties":{"a":'.repeat(n) + '{"type":"string" "title":"x"}' + "}}".repeat(n);
  const { analysis, ms } = analyse(text, { depth: 200 });
  assert.deepEqual(analysis.internalErrors, []);
  assert.deepEqual(
    analysis.diagnostics.map((d) => d.code),
    ["json-syntax", "limit-exceeded"],
  );
  assert.match(messageOf(analysis.diagnostics[1]), /more than the depth limit of 200;/);
  assert.ok(ms < 2_000, `took ${ms} ms`);
});

test("a syntax error in a document within the depth ceiling: one depth diagnostic, or with the limit raised the recovered value analysed", () => {
  // 201 deep: over the default limit of 128, within the ceiling of 256.
  const text = '{"properties":{"a":'.repeat(100) + '{"type":"string", "minimun": 1}' + "}}".repeat(100) + " ]";
  const byDefault = analyse(text).analysis;
  assert.deepEqual(byDefault.internalErrors, []);
  assert.deepEqual(
    notSyntax(byDefault.diagnostics).map((d) => d.code),
    ["limit-exceeded"],
  );
  assert.ok(!byDefault.doc.tooDeep());
  const raised = analyse(text, { depth: 256 }).analysis;
  assert.deepEqual(
    notSyntax(raised.diagnostics).map((d) => d.code),
    ["unknown-keyword"],
  );
});

/** A parse tree of `depth` arrays inside each other, the innermost holding 1, as jsonc-parser builds one. */
function nestedArrays(depth: number): jsonc.Node {
  const root: jsonc.Node = { type: "array", offset: 0, length: 2 * depth + 1, children: [] };
  let node = root;
  for (let k = 1; k < depth; k++) {
    const inner: jsonc.Node = { type: "array", offset: k, length: 2 * (depth - k) + 1, parent: node, children: [] };
    node.children!.push(inner);
    node = inner;
  }
  node.children!.push({ type: "number", value: 1, offset: depth, length: 1, parent: node });
  return root;
}

test("nodeValue and nodeNestedDeeperThan walk a 100,000-deep tree without recursion", () => {
  const tree = nestedArrays(100_000);
  let value = nodeValue(tree);
  for (let k = 1; k < 100_000; k++) value = (value as unknown[])[0];
  assert.deepEqual(value, [1]);
  assert.equal(nodeNestedDeeperThan(tree, 256)?.offset, 256, "the 257th array");
  assert.equal(nodeNestedDeeperThan(nestedArrays(256), 256), undefined);
  // The same value as JSON.parse builds, "__proto__" and repeated keys included.
  const text = '{"a": [1, {"b": null}], "__proto__": {"x": true}, "a": "last", "c": [[]]}';
  assert.deepEqual(new JsonDocument(URI, 1, text).value(), JSON.parse(text));
});

/** `text` with the edits applied (none of them overlapping). */
function applied(doc: JsonDocument, text: string, edits: TextEdit[]): string {
  const sorted = edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText }));
  sorted.sort((a, b) => b.start - a.start);
  return sorted.reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

test("100,000 required names undefined in properties: 21 diagnostics, quick fixes on the 20 shown, all fast", () => {
  const names = Array.from({ length: 100_000 }, (_, k) => `p${k}`);
  const text = JSON.stringify({ type: "object", required: names }, null, 2);
  const { analysis, ms } = analyse(text);
  assert.ok(ms < 3_000, `analysis took ${ms} ms`);
  assert.equal(analysis.diagnostics.length, 21);
  const grouped = analysis.diagnostics[20];
  assert.equal(grouped.code, "required-undefined");
  assert.equal(messageOf(grouped), "… and 99,980 more names in required are not defined in properties: any value is allowed for them");
  assert.equal(text.slice(analysis.doc.offsetAt(grouped.range.start), analysis.doc.offsetAt(grouped.range.end)), '"required"');

  // A selection over the whole document sends every diagnostic: each fix is found by its own.
  const started = performance.now();
  const everything = codeActionsFor(analysis, {
    textDocument: { uri: URI },
    range: { start: { line: 0, character: 0 }, end: analysis.doc.positionAt(text.length) },
    context: { diagnostics: analysis.diagnostics },
  });
  assert.ok(performance.now() - started < 1_000);
  assert.equal(everything.length, 40, "add and remove for each of the 20");

  const add = everything.find((a) => a.title === 'Add "p19" to properties')!;
  assert.equal(add.diagnostics?.[0], analysis.diagnostics[19]);
  const fixed = applied(analysis.doc, text, add.edit!.changes![URI]);
  assert.deepEqual((JSON.parse(fixed) as { properties: unknown }).properties, { p19: {} });
  const after = analyse(fixed).analysis.diagnostics;
  assert.equal(after.length, 21);
  assert.ok(!after.some((d) => messageOf(d).startsWith('"p19"')));
  assert.match(messageOf(after[19]), /^"p20" is required/);
  assert.match(messageOf(after[20]), /^… and 99,979 more names/);
});
