// The editor's schema checks (core/analyze, one file per check, and the rules checks of
// core/rules/findings.ts), in-process from a document string: each check finds its mistake on the
// exact text it is about — the key, the value, or the characters inside a string — and finds
// nothing in a document without that mistake. test/lsp/diagnostics.test.ts asks the same of the
// built server over stdio; these run without building and without a child process.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { Finding } from "../../core/analyze/finding";
import { metaSchemaFindings } from "../../core/analyze/metaSchema";
import { unknownKeywordFindings } from "../../core/analyze/unknownKeywords";
import { rangeFindings } from "../../core/analyze/ranges";
import { requiredFindings } from "../../core/analyze/required";
import { valueFindings } from "../../core/analyze/values";
import { SIBLING_ASSERTIONS, ValueChecker } from "../../core/analyze/valueChecker";
import { refFindings } from "../../core/analyze/refs";
import { patternGenerationFindings, patternSyntaxFindings } from "../../core/analyze/patterns";
import { formatFindings } from "../../core/analyze/formatNames";
import { extensionFindings } from "../../core/analyze/extensions";
import { ruleFindings, type RuleCheckOptions } from "../../core/rules/findings";
import { schemaNodes, type SchemaNode } from "../../core/schema/walk";
import type { SchemaObject } from "../../core/schema/load";
import { SameValueCycles } from "../../core/schema/cycles";
import {
  editorFindings,
  loadDocument,
  placeFindings,
  placeText,
  shown,
  type LoadedDocument,
  type PlacedFinding,
} from "../support/documentFindings";

type Check = (doc: LoadedDocument, nodes: SchemaNode[]) => Finding[];

/** Each check as the language server calls it (core/analyze/index.ts, server/analysis.ts). */
const checks = {
  metaSchema: ({ loaded }, nodes) => metaSchemaFindings(loaded.main.root, loaded.draft, nodes),
  unknownKeywords: ({ loaded }, nodes) => unknownKeywordFindings(nodes, loaded.draft),
  ranges: (_, nodes) => rangeFindings(nodes),
  required: ({ loaded }, nodes) => requiredFindings(nodes, loaded),
  values: ({ loaded }, nodes) => valueFindings(nodes, new ValueChecker(loaded)),
  refs: ({ loaded, fileProblems }, nodes) => refFindings(nodes, loaded, fileProblems),
  patternSyntax: (_, nodes) => patternSyntaxFindings(nodes),
  patternGeneration: (_, nodes) => patternGenerationFindings(nodes),
  formatNames: (_, nodes) => formatFindings(nodes),
  extensions: (_, nodes) => extensionFindings(nodes),
} satisfies Record<string, Check>;

function run(check: Check, text: string, files?: Record<string, string>): PlacedFinding[] {
  const doc = loadDocument(text, files);
  return placeFindings(doc.loaded, check(doc, schemaNodes(doc.loaded.main.root, doc.loaded.draft)));
}

/** The rules checks for the schema object at `pointer` (the root by default), as the editor asks for them. */
function runRules(text: string, options: RuleCheckOptions = {}, pointer = ""): PlacedFinding[] {
  const { loaded } = loadDocument(text);
  const node = schemaNodes(loaded.main.root).find((n) => n.pointer === pointer);
  assert.ok(node && typeof node.schema === "object", `no schema object at ${pointer}`);
  return placeFindings(loaded, ruleFindings(loaded, node.schema, options));
}

interface Expected {
  code: Finding["code"];
  severity: Finding["severity"];
  /** The text the finding's range covers. */
  text: string;
  /** 1-based line; checked when given. */
  line?: number;
  /** Key words of the message. */
  message?: RegExp;
}

/** Exactly the expected findings (in document order), each on its text, with its severity and words. */
function expectFindings(found: PlacedFinding[], expected: Expected[]) {
  const sorted = [...found].sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  const got = sorted.map((f, k) => ({
    code: f.code,
    severity: f.severity,
    text: f.text,
    ...(expected[k]?.line !== undefined ? { line: f.line } : {}),
  }));
  const want = expected.map(({ message: _, ...e }) => e);
  assert.deepEqual(got, want, `found:\n${shown(sorted)}`);
  expected.forEach((e, k) => {
    if (e.message) assert.match(sorted[k].message, e.message, `${e.code} on ${e.text}`);
  });
}

const DRAFT_07 = '"$schema": "http://json-schema.org/draft-07/schema#"';
const DRAFT_04 = '"$schema": "http://json-schema.org/draft-04/schema#"';

describe("schema-invalid (metaSchema.ts): the document against its draft's meta-schema", () => {
  test("a wrong value type is reported on the value; a container of the wrong kind on its key", () => {
    const text = `{
  "type": "object",
  "required": "name",
  "properties": [],
  "minProperties": "5"
}`;
    expectFindings(run(checks.metaSchema, text), [
      { code: "schema-invalid", severity: "error", text: '"name"', line: 3, message: /"required": must be array/ },
      { code: "schema-invalid", severity: "error", text: '"properties"', line: 4, message: /"properties": must be object/ },
      { code: "schema-invalid", severity: "error", text: '"5"', line: 5, message: /"minProperties": must be integer/ },
    ]);
  });

  test("a misspelt type name: the allowed names listed, the nearest one offered as a fix", () => {
    const found = run(checks.metaSchema, `{${DRAFT_07}, "type": "strin"}`);
    expectFindings(found, [
      {
        code: "schema-invalid",
        severity: "error",
        text: '"strin"',
        message: /expected one of "array", .*"string".* \(did you mean "string"\?\)/,
      },
    ]);
    assert.deepEqual(found[0].finding.fixes, [
      { title: 'Change to "string"', edits: [{ op: "setValue", pointer: "/type", value: "string" }], preferred: true },
    ]);
  });

  test("the draft decides: exclusiveMinimum true is invalid in draft-07, a boolean form in draft-04", () => {
    expectFindings(run(checks.metaSchema, `{${DRAFT_07}, "type": "number", "minimum": 0, "exclusiveMinimum": true}`), [
      { code: "schema-invalid", severity: "error", text: "true", message: /"exclusiveMinimum": must be number/ },
    ]);
    expectFindings(run(checks.metaSchema, `{${DRAFT_04}, "type": "number", "minimum": 0, "exclusiveMinimum": true}`), []);
  });

  test("SpecMint's own keywords are checked against their shapes, on the value", () => {
    const text = `{
  "type": "object",
  "x-llm": "yes",
  "x-unique": 1,
  "x-cross-field-rules": [3]
}`;
    expectFindings(run(checks.metaSchema, text), [
      { code: "schema-invalid", severity: "error", text: '"yes"', line: 3, message: /^x-llm: must be boolean/ },
      { code: "schema-invalid", severity: "error", text: "1", line: 4, message: /^x-unique: must be boolean/ },
      { code: "schema-invalid", severity: "error", text: "3", line: 5, message: /^x-cross-field-rules\/0: must be string/ },
    ]);
  });

  test("a valid schema of each draft: nothing", () => {
    for (const schema of [
      '"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "array", "prefixItems": [{"type": "string"}], "items": false',
      '"$schema": "https://json-schema.org/draft/2019-09/schema", "type": "object", "dependentRequired": {"a": ["b"]}',
      `${DRAFT_07}, "type": "object", "if": {"required": ["a"]}, "then": {"required": ["b"]}`,
      '"$schema": "http://json-schema.org/draft-06/schema#", "type": "number", "exclusiveMaximum": 3',
      `${DRAFT_04}, "type": "number", "maximum": 3, "exclusiveMaximum": true`,
      '"type": "string", "x-llm": true, "x-faker": "person.fullName", "x-cross-field-rules": [{"rule": "a > 1", "severity": "warning"}]',
    ]) {
      expectFindings(run(checks.metaSchema, `{${schema}}`), []);
    }
  });
});

describe("unknown-keyword (unknownKeywords.ts): near misses of keywords, and other drafts' keywords", () => {
  test("a near miss is a warning on the key, renamed by the fix; a keyword's constraint is said to be lost", () => {
    const text = `{
  "type": "string",
  "maxLenght": 5,
  "x-lm": true
}`;
    const found = run(checks.unknownKeywords, text);
    expectFindings(found, [
      {
        code: "unknown-keyword",
        severity: "warning",
        text: '"maxLenght"',
        line: 3,
        message: /did you mean "maxLength"\? As written it is ignored, so its constraint does not apply/,
      },
      {
        code: "unknown-keyword",
        severity: "warning",
        text: '"x-lm"',
        line: 4,
        message: /did you mean "x-llm"\? As written it is ignored\.$/,
      },
    ]);
    assert.deepEqual(found[0].finding.fixes?.[0].edits, [{ op: "renameKey", pointer: "/maxLenght", newKey: "maxLength" }]);
  });

  test("a case-only difference counts; no rename is offered onto a key the schema already has", () => {
    const found = run(checks.unknownKeywords, '{"type": "object", "Required": [], "maxProperties": 3, "maxPropreties": 4}');
    expectFindings(found, [
      { code: "unknown-keyword", severity: "warning", text: '"Required"', message: /did you mean "required"/ },
      { code: "unknown-keyword", severity: "warning", text: '"maxPropreties"', message: /did you mean "maxProperties"/ },
    ]);
    assert.equal(found[1].finding.fixes, undefined);
  });

  test("a keyword of another draft is information, naming the drafts that have it; $defs is tolerated", () => {
    expectFindings(run(checks.unknownKeywords, `{${DRAFT_07}, "type": "array", "prefixItems": [{}], "$defs": {}}`), [
      {
        code: "unknown-keyword",
        severity: "information",
        text: '"prefixItems"',
        message: /"prefixItems" is not a draft-07 keyword \(it is one in 2020-12\); draft-07 validators ignore it/,
      },
    ]);
  });

  test("annotations that are not near any keyword: nothing", () => {
    expectFindings(
      run(checks.unknownKeywords, '{"type": "string", "displayName": "Code", "x-internal-note": "n", "ui:widget": "text", "maxLength": 3}'),
      [],
    );
  });
});

describe("range-empty (ranges.ts): bounds that leave no value", () => {
  test("minimum above maximum: on the lower bound, the other bound related, a swap offered", () => {
    const text = `{
  "type": "number",
  "minimum": 10,
  "maximum": 5
}`;
    const found = run(checks.ranges, text);
    expectFindings(found, [
      {
        code: "range-empty",
        severity: "error",
        text: "10",
        line: 3,
        message: /minimum 10 is greater than maximum 5: no number is allowed/,
      },
    ]);
    const { loaded } = loadDocument(text);
    assert.deepEqual(
      found[0].finding.related?.map((r) => [placeText(loaded, r).text, r.message]),
      [["5", "the other bound: maximum"]],
    );
    assert.deepEqual(found[0].finding.fixes?.[0].edits, [{ op: "swapValues", a: "/minimum", b: "/maximum" }]);
  });

  test("exclusive bounds that meet; no integer, no multiple between the bounds (in decimal)", () => {
    expectFindings(run(checks.ranges, '{"type": "number", "exclusiveMinimum": 2, "maximum": 2}'), [
      { code: "range-empty", severity: "error", text: "2", message: /exclusiveMinimum 2 and maximum 2 leave no number/ },
    ]);
    expectFindings(run(checks.ranges, '{"type": "integer", "minimum": 1.2, "maximum": 1.8}'), [
      { code: "range-empty", severity: "error", text: "1.2", message: /no integer lies from 1.2 to 1.8/ },
    ]);
    expectFindings(run(checks.ranges, '{"type": "number", "minimum": 1.1, "maximum": 1.4, "multipleOf": 0.5}'), [
      { code: "range-empty", severity: "error", text: "0.5", message: /no multiple of 0.5 lies from 1.1 to 1.4/ },
    ]);
  });

  test("lengths and counts: an error where the keyword applies, a warning where the type makes it moot", () => {
    const text = `{
  "type": "number",
  "minLength": 5, "maxLength": 2,
  "properties": {
    "tags": { "type": "array", "minItems": 3, "maxItems": 1, "contains": {}, "minContains": 4, "maxContains": 2 }
  }
}`;
    expectFindings(run(checks.ranges, text), [
      {
        code: "range-empty",
        severity: "warning",
        text: "5",
        line: 3,
        message: /minLength 5 is greater than maxLength 2: no string length is allowed/,
      },
      { code: "range-empty", severity: "error", text: "3", line: 5, message: /minItems 3 is greater than maxItems 1/ },
      { code: "range-empty", severity: "error", text: "4", line: 5, message: /minContains 4 is greater than maxContains 2/ },
    ]);
  });

  test("bounds that leave exactly one value, counted in decimal (0.3 is a multiple of 0.1): nothing", () => {
    expectFindings(run(checks.ranges, '{"type": "number", "minimum": 0.3, "maximum": 0.3, "multipleOf": 0.1}'), []);
    expectFindings(run(checks.ranges, '{"type": "integer", "minimum": 2, "maximum": 2, "minLength": 1, "maxLength": 1}'), []);
  });
});

describe("required-undefined (required.ts): required names the schema never describes", () => {
  test("an open object: a warning on the entry, fixes to add or remove it", () => {
    const text = `{
  "type": "object",
  "required": ["code", "ghost"],
  "properties": { "code": { "type": "string" } }
}`;
    const found = run(checks.required, text);
    expectFindings(found, [
      {
        code: "required-undefined",
        severity: "warning",
        text: '"ghost"',
        line: 3,
        message: /"ghost" is required but not defined in properties: any value is allowed for it$/,
      },
    ]);
    assert.deepEqual(
      found[0].finding.fixes?.map((f) => f.edits[0]),
      [
        { op: "insert", pointer: "/properties/ghost", value: {} },
        { op: "remove", pointer: "/required/1" },
      ],
    );
  });

  test("a closed object makes it an error; a near miss is offered first", () => {
    expectFindings(
      run(checks.required, '{"type": "object", "additionalProperties": false, "properties": {"name": {}}, "required": ["nmae"]}'),
      [
        {
          code: "required-undefined",
          severity: "error",
          text: '"nmae"',
          message: /additionalProperties is false: no object can satisfy this schema \(did you mean "name"\?\)/,
        },
      ],
    );
    const found = run(checks.required, '{"type": "object", "unevaluatedProperties": false, "required": ["z"]}');
    expectFindings(found, [{ code: "required-undefined", severity: "error", text: '"z"', message: /unevaluatedProperties is false/ }]);
  });

  test("names described by patternProperties, allOf members and $ref targets: nothing", () => {
    const text = `{
  "type": "object",
  "patternProperties": { "^x_": {} },
  "allOf": [{ "properties": { "b": {} } }],
  "$ref": "#/$defs/base",
  "required": ["x_1", "b", "c"],
  "$defs": { "base": { "properties": { "c": {} } } }
}`;
    expectFindings(run(checks.required, text), []);
  });

  test("past 20 undefined names in one required: those 20 one by one with their fixes, the rest in one finding on the keyword", () => {
    // Defined names between the undefined ones, so that an entry's index is not its count.
    const names = Array.from({ length: 25 }, (_, k) => [`defined${k}`, `ghost${k}`]).flat();
    const text = JSON.stringify(
      {
        type: "object",
        additionalProperties: false,
        properties: Object.fromEntries(names.filter((n) => n.startsWith("defined")).map((n) => [n, {}])),
        required: names,
      },
      null,
      2,
    );
    const found = run(checks.required, text);
    const one = (k: number) => ({
      code: "required-undefined" as const,
      severity: "error" as const,
      text: `"ghost${k}"`,
      message: new RegExp(`^"ghost${k}" is required but not defined`),
    });
    expectFindings(found, [
      // In document order: the keyword comes before its entries.
      {
        code: "required-undefined",
        severity: "error",
        text: '"required"',
        message:
          /^… and 5 more names in required are not defined in properties, and additionalProperties is false: no object can satisfy this schema$/,
      },
      ...Array.from({ length: 20 }, (_, k) => one(k)),
    ]);
    const last = found.find((f) => f.text === '"ghost19"')!;
    assert.deepEqual(
      last.finding.fixes?.map((f) => f.edits[0]),
      [
        { op: "insert", pointer: "/properties/ghost19", value: {} },
        { op: "remove", pointer: "/required/39" },
      ],
    );
    assert.equal(found.find((f) => f.text === '"required"')!.finding.fixes, undefined, "no one fix for thousands of names");
    const singular = run(checks.required, JSON.stringify({ required: Array.from({ length: 21 }, (_, k) => `p${k}`) }));
    assert.match(singular.at(-1)!.message, /^… and 1 more name in required is not defined in properties: any value is allowed for them$/);
  });

  test("100,000 required names against 1,000 patternProperties: one match per name rather than per pattern (it took 8 s), with the same answers", () => {
    const patternProperties: Record<string, object> = Object.fromEntries(Array.from({ length: 998 }, (_, k) => [`^q${k}$`, {}]));
    // Backreferences count groups: joined with another, "\\1" of the second would name the first one's group.
    patternProperties["^(x)\\1$"] = {};
    patternProperties["^(y)\\1$"] = {};
    const required = [...Array.from({ length: 100_000 }, (_, k) => `p${k}`), "q997", "y"];
    const started = performance.now();
    const found = run(checks.required, JSON.stringify({ type: "object", patternProperties, required }));
    const ms = performance.now() - started;
    assert.equal(found.length, 21);
    assert.match(found[20].message, /^… and 99,981 more names in required/);
    assert.ok(ms < 3_000, `took ${ms} ms`);
    const few = run(checks.required, JSON.stringify({ type: "object", patternProperties, required: ["xx", "yy", "y", "q997", "z"] }));
    assert.deepEqual(
      few.map((f) => f.text),
      ['"y"', '"z"'],
    );
  });
});

describe("values (values.ts, valueChecker.ts): enum, const, default and examples the schema rejects", () => {
  test("an enum member of the wrong type is a warning; when no member is valid, each is an error", () => {
    expectFindings(run(checks.values, '{"type": "integer", "enum": [1, "two", 3]}'), [
      {
        code: "enum-type-mismatch",
        severity: "warning",
        text: '"two"',
        message: /enum value "two" is a string, but type is integer: it can never be valid$/,
      },
    ]);
    expectFindings(run(checks.values, '{"type": "integer", "enum": ["a", "b"]}'), [
      { code: "enum-type-mismatch", severity: "error", text: '"a"', message: /no enum value is, so nothing can be generated here/ },
      { code: "enum-type-mismatch", severity: "error", text: '"b"', message: /no enum value is/ },
    ]);
  });

  test("a const of the wrong type, or outside a sibling constraint", () => {
    expectFindings(run(checks.values, '{"type": ["string", "null"], "const": 5}'), [
      {
        code: "const-type-mismatch",
        severity: "error",
        text: "5",
        message: /const 5 is an integer, but type is string or null: nothing can be valid here/,
      },
    ]);
    expectFindings(run(checks.values, '{"type": "string", "maxLength": 2, "const": "USA"}'), [
      {
        code: "const-type-mismatch",
        severity: "error",
        text: '"USA"',
        message: /breaks a sibling constraint \(maxLength: must NOT have more than 2 characters\)/,
      },
    ]);
  });

  test("default and examples are checked against the whole node, $ref included", () => {
    const text = `{
  "$ref": "#/$defs/pos",
  "default": -1,
  "examples": [3, -2],
  "$defs": { "pos": { "type": "integer", "minimum": 0 } }
}`;
    expectFindings(run(checks.values, text), [
      {
        code: "default-invalid",
        severity: "warning",
        text: "-1",
        line: 3,
        message: /default -1 is not valid against this schema \(minimum: must be >= 0\); SpecMint never uses it/,
      },
      { code: "example-invalid", severity: "warning", text: "-2", line: 4, message: /example -2 is not valid .*minimum/ },
    ]);
  });

  test("a default or example under a $ref or allOf cycle is left unjudged, not checked until ajv's stack overflows", () => {
    // test/fuzz (seed 2026): "$ref": "" at the root, and cycle-a.json → cycle-b.json → cycle-a.json.
    const cycleFiles = { "cycle-a.json": '{"$ref": "cycle-b.json", "default": 2}', "cycle-b.json": '{"$ref": "cycle-a.json"}' };
    for (const [text, files] of [
      ['{"$ref": "", "default": 1, "examples": [[null], "x"]}', {}],
      ['{"allOf": [{"default": "x", "$ref": "cycle-a.json"}]}', cycleFiles],
      ['{"allOf": [{"$ref": "#"}], "type": "integer", "default": "x"}', {}],
      ['{"anyOf": [{"type": "string"}, {"not": {"$ref": "#/$defs/a"}}], "default": 1, "$defs": {"a": {"$ref": "#"}}}', {}],
    ] as const) {
      expectFindings(run(checks.values, text, files), []);
    }
    // Recursion that steps into the value is no such cycle: its defaults are checked as before.
    expectFindings(run(checks.values, '{"type": "object", "properties": {"next": {"$ref": "#"}}, "default": {"next": {"next": 1}}}'), [
      { code: "default-invalid", severity: "warning", text: '{"next": {"next": 1}}', message: /at \/next\/next: type: must be object/ },
    ]);
  });

  test("SameValueCycles: a 10,000-long $ref chain into a cycle is endless, found without recursion; a chain that ends is not", () => {
    // 100 groups of 100 definitions (a $defs of 10,000 is past the properties limit).
    const n = 10_000;
    const name = (k: number) => `#/$defs/g${Math.floor(k / 100)}/$defs/d${k % 100}`;
    const groups: Record<string, { $defs: Record<string, unknown> }> = {};
    for (let k = 0; k < n; k++) {
      const group = (groups[`g${Math.floor(k / 100)}`] ??= { $defs: {} });
      group.$defs[`d${k % 100}`] = k === n - 1 ? { allOf: [{ $ref: name(0) }] } : { $ref: name(k + 1) };
    }
    const text = JSON.stringify({ $defs: { ...groups, ends: { $ref: "#/$defs/leaf" }, leaf: { type: "string" } } });
    const { loaded } = loadDocument(text);
    const cycles = new SameValueCycles(loaded);
    const at = (ref: string) => loaded.resolveRef(loaded.main.root as SchemaObject, ref) as SchemaObject;
    assert.equal(cycles.isEndless(at(name(5_000))), true);
    assert.equal(cycles.isEndless(at(name(0))), true);
    assert.equal(cycles.isEndless(at("#/$defs/ends")), false);
    assert.equal(cycles.isEndless(at("#/$defs/leaf")), false);
  });

  test("values that the schema accepts: nothing", () => {
    expectFindings(run(checks.values, '{"type": "integer", "minimum": 0, "enum": [0, 1, 3], "default": 3, "examples": [1]}'), []);
    expectFindings(run(checks.values, '{"type": "string", "format": "date", "const": "2026-01-31", "default": "2026-01-31"}'), []);
  });

  test("ValueChecker: nothing to check without sibling assertions; a false schema rejects every value", () => {
    const { loaded } = loadDocument('{"type": "integer"}');
    const checker = new ValueChecker(loaded);
    assert.equal(checker.againstKeywords({ description: "no assertion" }, SIBLING_ASSERTIONS, 5), undefined);
    assert.deepEqual(checker.againstKeywords({ type: "integer", minimum: 0 }, SIBLING_ASSERTIONS, 5), []);
    assert.deepEqual(checker.againstKeywords({ type: "integer" }, SIBLING_ASSERTIONS, "5"), [
      { pointer: "", message: "type: must be integer" },
    ]);
    assert.deepEqual(checker.againstNode(false, 1), [{ pointer: "", message: "false: no value is allowed here" }]);
    assert.deepEqual(checker.againstNode(true, 1), []);
  });
});

describe("ref-unresolved (refs.ts): references that lead nowhere, on the reference string", () => {
  test("a missing definition in this document, the nearest one offered", () => {
    const found = run(checks.refs, '{"properties": {"home": {"$ref": "#/$defs/adress"}}, "$defs": {"address": {"type": "object"}}}');
    expectFindings(found, [
      {
        code: "ref-unresolved",
        severity: "error",
        text: '"#/$defs/adress"',
        message: /this document has no schema at "#\/\$defs\/adress" \(did you mean "#\/\$defs\/address"\?\)/,
      },
    ]);
    assert.deepEqual(found[0].finding.fixes?.[0].edits, [{ op: "setValue", pointer: "/properties/home/$ref", value: "#/$defs/address" }]);
  });

  test("files next to the document: missing, not JSON, or without the fragment; remote URLs are never fetched", () => {
    const text = `{
  "properties": {
    "a": { "$ref": "./missing.schema.json" },
    "b": { "$ref": "./broken.json" },
    "c": { "$ref": "./shared/address.json#/properties/street" },
    "d": { "$ref": "https://example.com/x.json" },
    "e": { "$ref": "./shared/address.json#/properties/city" }
  }
}`;
    const files = { "broken.json": "{", "shared/address.json": '{"type": "object", "properties": {"city": {"type": "string"}}}' };
    expectFindings(run(checks.refs, text, files), [
      {
        code: "ref-unresolved",
        severity: "error",
        text: '"./missing.schema.json"',
        line: 3,
        message: /cannot use missing\.schema\.json: the file does not exist/,
      },
      {
        code: "ref-unresolved",
        severity: "error",
        text: '"./broken.json"',
        line: 4,
        message: /cannot use broken\.json: it is not valid JSON/,
      },
      {
        code: "ref-unresolved",
        severity: "error",
        text: '"./shared/address.json#/properties/street"',
        line: 5,
        message: /address\.json has no schema at "#\/properties\/street"/,
      },
      {
        code: "ref-unresolved",
        severity: "error",
        text: '"https://example.com/x.json"',
        line: 6,
        message:
          /https:\/\/example\.com\/x\.json is not available offline \(SpecMint never fetches schemas\); pass --schema-dir DIR .*\[refs\] "https:\/\/example\.com\/" = /,
      },
    ]);
  });

  test("a % that starts no escape, or escapes that are not UTF-8: the reference and the escape named, no URIError", () => {
    // test/fuzz (seed 2026): "#/H%=" made decodeURIComponent throw "URI malformed" out of the analysis.
    const text = `{
  "properties": {
    "a": { "$ref": "#/H%=" },
    "b": { "$ref": "#/$defs/%FF" },
    "c": { "$ref": "other%zz.json" },
    "d": { "$ref": "#/$defs/100%25" }
  },
  "$defs": { "100%": { "type": "string" } }
}`;
    expectFindings(run(checks.refs, text), [
      {
        code: "ref-unresolved",
        severity: "error",
        text: '"#/H%="',
        line: 3,
        message: /^\$ref "#\/H%=" is not a valid JSON pointer: %= is not a percent-escape \(a literal % is written %25\)$/,
      },
      {
        code: "ref-unresolved",
        severity: "error",
        text: '"#/$defs/%FF"',
        line: 4,
        message: /^\$ref "#\/\$defs\/%FF" is not a valid JSON pointer: %FF is not percent-encoded UTF-8$/,
      },
      {
        code: "ref-unresolved",
        severity: "error",
        text: '"other%zz.json"',
        line: 5,
        message: /^\$ref "other%zz\.json" is not a valid URI reference: %zz is not a percent-escape/,
      },
    ]);
    const { loaded } = loadDocument(text);
    assert.equal(loaded.resolveRef(loaded.main.root as SchemaObject, "#/H%="), undefined);
    assert.deepEqual(loaded.resolveRef(loaded.main.root as SchemaObject, "#/$defs/100%25"), { type: "string" });
  });

  test("references that resolve (local, anchors, files, the draft's meta-schema): nothing", () => {
    const text = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "properties": {
    "a": { "$ref": "#/$defs/x" },
    "b": { "$ref": "#here" },
    "c": { "$ref": "./shared/address.json#/properties/city" },
    "d": { "$ref": "https://json-schema.org/draft/2020-12/schema" }
  },
  "$defs": { "x": { "type": "string" }, "y": { "$anchor": "here" } }
}`;
    expectFindings(run(checks.refs, text, { "shared/address.json": '{"properties": {"city": {"type": "string"}}}' }), []);
  });
});

describe("regex-invalid and regex-unsupported (patterns.ts)", () => {
  test("an invalid pattern is reported on the character where parsing stopped", () => {
    expectFindings(run(checks.patternSyntax, '{"type": "string", "pattern": "^[A-Z+$"}'), [
      {
        code: "regex-invalid",
        severity: "error",
        text: "$",
        message: /invalid regular expression: Unterminated character class \(at character 8\)/,
      },
    ]);
  });

  test("escapes in the JSON string do not move the place: the duplicate group name itself", () => {
    const text = '{"properties": {"p": {"type": "string", "pattern": "\\\\d+(?<n>a)(?<n>b)"}}}';
    const found = run(checks.patternSyntax, text);
    expectFindings(found, [{ code: "regex-invalid", severity: "error", text: "n", message: /Duplicate capture group name/ }]);
    assert.equal(found[0].offset, text.lastIndexOf("n"));
  });

  test("an invalid patternProperties name is reported on the key", () => {
    expectFindings(run(checks.patternSyntax, '{"patternProperties": {"[a-": {}, "^ok$": {}}}'), [
      { code: "regex-invalid", severity: "error", text: '"[a-"', message: /Unterminated character class/ },
    ]);
  });

  test("a valid pattern the generator cannot satisfy: only the generation check reports it", () => {
    const text = '{"properties": {"a": {"type": "string", "pattern": "^(?=a)b$"}}, "patternProperties": {"^(?=x)y": {}}}';
    expectFindings(run(checks.patternSyntax, text), []);
    expectFindings(run(checks.patternGeneration, text), [
      {
        code: "regex-unsupported",
        severity: "warning",
        text: '"^(?=a)b$"',
        message: /SpecMint cannot generate strings for this pattern: .*lookaround/,
      },
      { code: "regex-unsupported", severity: "warning", text: '"^(?=x)y"', message: /generation of this value will fail or fall back/ },
    ]);
  });

  test("patterns that compile and generate: nothing from either check", () => {
    const text = '{"type": "string", "pattern": "^[0-9]{5}(-[0-9]{4})?$", "patternProperties": {"^x-[a-z]+$": {}}}';
    expectFindings(run(checks.patternSyntax, text), []);
    expectFindings(run(checks.patternGeneration, text), []);
  });
});

describe("format-unknown (formatNames.ts)", () => {
  test("an unknown format on its value, a near miss offered", () => {
    const text = `{
  "properties": {
    "when": { "type": "string", "format": "date_time" },
    "mail": { "type": "string", "format": "Email" },
    "custom": { "type": "string", "format": "mycustom" }
  }
}`;
    const found = run(checks.formatNames, text);
    expectFindings(found, [
      {
        code: "format-unknown",
        severity: "warning",
        text: '"date_time"',
        line: 3,
        message:
          /unknown format "date_time" \(did you mean "date-time"\?\): values are generated as plain strings and the format is not checked/,
      },
      { code: "format-unknown", severity: "warning", text: '"Email"', line: 4, message: /did you mean "email"/ },
      { code: "format-unknown", severity: "warning", text: '"mycustom"', line: 5, message: /^unknown format "mycustom": values/ },
    ]);
    assert.deepEqual(found[0].finding.fixes?.[0].edits, [{ op: "setValue", pointer: "/properties/when/format", value: "date-time" }]);
    assert.equal(found[2].finding.fixes, undefined);
  });

  test("formats SpecMint generates, and the numeric formats ajv-formats checks: nothing", () => {
    const known = ["date-time", "date", "time", "email", "uri", "uuid", "ipv4", "ipv6", "hostname", "int32", "double"];
    expectFindings(run(checks.formatNames, JSON.stringify({ properties: Object.fromEntries(known.map((f) => [f, { format: f }])) })), []);
  });
});

describe("llm-misplaced, llm-constrained, faker-unknown (extensions.ts)", () => {
  test("x-llm where a model writes nothing: objects and booleans, values fixed by enum or const", () => {
    const text = `{
  "properties": {
    "profile": { "type": "object", "x-llm": true },
    "flag": { "type": "boolean", "description": "llm: a flag" },
    "plan": { "enum": ["free"], "x-llm": true }
  }
}`;
    expectFindings(run(checks.extensions, text), [
      {
        code: "llm-misplaced",
        severity: "warning",
        text: '"x-llm"',
        line: 3,
        message: /no effect on object values: mark the string, number or array properties inside it instead/,
      },
      { code: "llm-misplaced", severity: "warning", text: '"llm: a flag"', line: 4, message: /no effect on boolean values/ },
      { code: "llm-misplaced", severity: "warning", text: '"x-llm"', line: 5, message: /the value is fixed by enum/ },
    ]);
  });

  test("x-llm on a value a model will often miss: the constraints named and related", () => {
    const text = `{
  "properties": {
    "zip": { "type": "string", "pattern": "^[0-9]{5}$", "x-llm": true },
    "mail": { "type": "string", "format": "email", "maxLength": 8, "x-llm": true }
  }
}`;
    const found = run(checks.extensions, text);
    expectFindings(found, [
      {
        code: "llm-constrained",
        severity: "warning",
        text: '"x-llm"',
        line: 3,
        message: /a model will often miss the pattern \^\[0-9\]\{5\}\$; such values fall back to generated ones/,
      },
      {
        code: "llm-constrained",
        severity: "warning",
        text: '"x-llm"',
        line: 4,
        message: /the format email and a length of 0–8 characters/,
      },
    ]);
    const { loaded } = loadDocument(text);
    assert.deepEqual(
      found[1].finding.related?.map((r) => placeText(loaded, r).text),
      ['"format"', '"maxLength"'],
    );
  });

  test("an unknown x-faker name on its value, a near miss offered", () => {
    const found = run(
      checks.extensions,
      '{"properties": {"nick": {"type": "string", "x-faker": "person.fulName"}, "odd": {"x-faker": "zzzz.qqqq"}}}',
    );
    expectFindings(found, [
      {
        code: "faker-unknown",
        severity: "warning",
        text: '"person.fulName"',
        message: /unknown x-faker generator "person.fulName" \(did you mean "person.fullName"\?\)/,
      },
      { code: "faker-unknown", severity: "warning", text: '"zzzz.qqqq"', message: /Known names include person.fullName/ },
    ]);
    assert.deepEqual(found[0].finding.fixes?.[0].edits, [
      { op: "setValue", pointer: "/properties/nick/x-faker", value: "person.fullName" },
    ]);
  });

  test("x-llm on free text and a known x-faker name: nothing", () => {
    const text =
      '{"properties": {"bio": {"type": "string", "x-llm": true, "maxLength": 400}, "tags": {"type": "array", "description": "llm: topics"}, "name": {"type": "string", "x-faker": "person.fullName"}}}';
    expectFindings(run(checks.extensions, text), []);
  });
});

describe("rules checks (core/rules/findings.ts): on the token inside the rule string", () => {
  const text = `{
  "type": "object",
  "properties": {
    "amount": { "type": "number", "minimum": 0, "maximum": 1000000 },
    "approved": { "type": "boolean" },
    "name": { "type": "string" },
    "start": { "type": "string", "format": "date" },
    "end": { "type": "string", "format": "date" }
  },
  "x-cross-field-rules": [
    "start <= end",
    "amount > 10000 -> approvd == true",
    "name > 5",
    "amount > 2000000",
    "amount >= (1 +",
    { "rule": "High-value items should have lower inventory" }
  ]
}`;

  test("each code on its token; the valid rule has no finding", () => {
    const found = runRules(text);
    expectFindings(found, [
      {
        code: "rule-unknown-path",
        severity: "warning",
        text: "approvd",
        line: 12,
        message: /unknown path approvd: .*did you mean approved\?/,
      },
      { code: "rule-type", severity: "error", text: "name > 5", line: 13, message: /cannot order a string \(name\) with a number \(5\)/ },
      {
        code: "rule-contradiction",
        severity: "error",
        text: "amount > 2000000",
        line: 14,
        message: /can never hold under the schema's bounds/,
      },
      // An unfinished rule is reported where its text ends: an empty range just before the closing quote.
      { code: "rule-syntax", severity: "error", text: "", line: 15, message: /unexpected end of rule/ },
      {
        code: "rule-unenforced",
        severity: "information",
        text: "High-value items should have lower inventory",
        line: 16,
        message: /kept as guidance for the LLM and not enforced/,
      },
    ]);
    const syntax = found.find((f) => f.code === "rule-syntax")!;
    assert.equal(text.slice(syntax.offset, syntax.offset + 2), '",');
    assert.deepEqual(found[0].finding.fixes?.[0].edits, [
      { op: "setValue", pointer: "/x-cross-field-rules/1", value: "amount > 10000 -> approved == true" },
    ]);
  });

  test("rules that hold together with the schema: nothing", () => {
    const clean = text.replace(/"amount > 10000[\s\S]*inventory" }/, '"amount > 10000 -> approved == true"');
    expectFindings(runRules(clean), []);
  });

  test("unique-impossible on the x-unique key, against the count of records asked for", () => {
    const doc = `{
  "type": "object",
  "properties": {
    "plan": { "enum": ["free", "pro"], "x-unique": true },
    "code": { "type": "string", "pattern": "^[A-C][0-9]$", "x-unique": true }
  },
  "$defs": { "flag": { "type": "boolean", "x-unique": true } }
}`;
    expectFindings(runRules(doc, { count: 3 }, "/properties/plan"), [
      {
        code: "unique-impossible",
        severity: "error",
        text: '"x-unique"',
        line: 4,
        message: /x-unique cannot hold for 3 records: this node has only 2 allowed values, enough for 2 records/,
      },
    ]);
    expectFindings(runRules(doc, { count: 2 }, "/properties/plan"), []);
    expectFindings(runRules(doc, { count: 31 }, "/properties/code"), [
      { code: "unique-impossible", severity: "error", text: '"x-unique"', line: 5, message: /enough for 30 records/ },
    ]);
    expectFindings(runRules(doc, { count: 30 }, "/properties/code"), []);
    // A definition not reached from the root is judged on its own.
    expectFindings(runRules(doc, { count: 3 }, "/$defs/flag"), [
      { code: "unique-impossible", severity: "error", text: '"x-unique"', line: 7, message: /only 2 booleans/ },
    ]);
  });
});

describe("the whole document, as the editor checks it while a person types", () => {
  const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../fixtures/lsp", name), "utf8");

  test("mistakes.schema.json: every static code once, on its key or value, and nothing else", () => {
    const found = editorFindings(fixture("mistakes.schema.json"));
    expectFindings(found, [
      { code: "required-undefined", severity: "warning", text: '"ghost"', line: 4 },
      { code: "unknown-keyword", severity: "warning", text: '"maxLenght"', line: 6 },
      { code: "schema-invalid", severity: "error", text: '"5"', line: 7 },
      { code: "range-empty", severity: "error", text: "10", line: 8 },
      { code: "range-empty", severity: "error", text: "5", line: 9 },
      { code: "range-empty", severity: "error", text: "1", line: 10 },
      { code: "range-empty", severity: "error", text: "0.5", line: 11 },
      { code: "enum-type-mismatch", severity: "warning", text: '"two"', line: 12 },
      { code: "const-type-mismatch", severity: "error", text: '"USA"', line: 13 },
      { code: "default-invalid", severity: "warning", text: "-1", line: 14 },
      { code: "example-invalid", severity: "warning", text: "7", line: 15 },
      { code: "ref-unresolved", severity: "error", text: '"#/$defs/adress"', line: 16 },
      { code: "ref-unresolved", severity: "error", text: '"./missing.schema.json"', line: 17 },
      { code: "regex-invalid", severity: "error", text: "$", line: 18 },
      { code: "format-unknown", severity: "warning", text: '"date_time"', line: 20 },
      { code: "llm-misplaced", severity: "warning", text: '"x-llm"', line: 21 },
      { code: "llm-constrained", severity: "warning", text: '"x-llm"', line: 22 },
      { code: "faker-unknown", severity: "warning", text: '"person.fulName"', line: 23 },
      { code: "required-undefined", severity: "error", text: '"b"', line: 27 },
    ]);
  });

  test("rules.schema.json: the rules checks run for the object that carries the rules", () => {
    const found = editorFindings(fixture("rules.schema.json"));
    assert.deepEqual(found.map((f) => f.code).sort(), [
      "rule-contradiction",
      "rule-syntax",
      "rule-type",
      "rule-unenforced",
      "rule-unknown-path",
    ]);
  });

  test("customer.schema.json and the example schemas: no error or warning", () => {
    expectFindings(editorFindings(fixture("customer.schema.json")), []);
    const examples = path.resolve(__dirname, "../../examples");
    const information: string[] = [];
    for (const name of readdirSync(examples)
      .filter((f) => f.endsWith(".schema.json"))
      .sort()) {
      const found = editorFindings(readFileSync(path.join(examples, name), "utf8"), { rules: { count: 1000 } });
      const problems = found.filter((f) => f.severity === "error" || f.severity === "warning");
      assert.equal(problems.length, 0, `${name}: ${shown(problems)}`);
      information.push(
        ...found.filter((f) => f.severity === "information" || f.severity === "hint").map((f) => `${name} ${f.code} ${f.text}`),
      );
    }
    // A prose rule is deliberate in the catalogue example: guidance for the model, not a check.
    assert.deepEqual(information, ["product-catalog.schema.json rule-unenforced High-value items should have lower inventory"]);
  });
});
