// fast-check arbitraries for hostile input (issue 12): JSON Schemas (recursive and bounded, with
// every keyword the engine handles, extreme numbers and sizes, odd patterns and formats, references
// to $defs, to sibling files and out of the allowed folders), x-cross-field-rules strings (the rule
// language's tokens at random, well-formed expressions, garbage), documents with random edits and
// datasets (JSON Lines, arrays, record folders; malformed lines, deep values). A small share of
// cases are the hostile extremes of issue 12 built as text (10,000-deep nesting, 1e9 lengths,
// 100,000-value enums, 10,000 nested parentheses).
import fc from "fast-check";

/** The text of the file outside the allowed folders; it must never appear in any output. */
export const SECRET = "SPECMINT-FUZZ-SECRET-4c1d";

export const DRAFT_URIS = [
  "https://json-schema.org/draft/2020-12/schema",
  "https://json-schema.org/draft/2019-09/schema",
  "http://json-schema.org/draft-07/schema#",
  "http://json-schema.org/draft-06/schema#",
  "http://json-schema.org/draft-04/schema#",
  "https://example.com/not-a-draft",
];

export const NAMES = ["a", "b", "c", "id", "name", "items", "price", "x y", "__proto__", "constructor", "in", "~1/", "é", "", "0", "$"];
const nameArb = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });

const TYPES = ["string", "number", "integer", "boolean", "object", "array", "null"];

/** Numbers at the edges: huge, tiny, negative zero, past 2^53, binary-unfriendly decimals. */
export const extremeNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -100, max: 100 }) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0,
      -0,
      1e308,
      -1e308,
      5e-324,
      1e-7,
      0.1,
      0.3,
      0.01,
      2 ** 53,
      2 ** 53 + 2,
      -(2 ** 53),
      1e21,
      2 ** 31,
      0.5,
      1e15 + 0.3,
    ),
  },
);

/** Sizes (minLength, maxItems, …): mostly small, sometimes invalid, rarely huge (issue 12's unbounded work). */
export const sizeArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(-1, 0.5, 100, 1000, 5000) },
  { weight: 1, arbitrary: fc.constantFrom(1e5, 1e6, 1e9, 2 ** 31, 2 ** 53, 1e300) },
);

export const PATTERNS = [
  "^[a-z]+$",
  "^[A-Z]{3}-[0-9]{5}$",
  "(a+)+$",
  "^(a|aa)+$",
  "a{1000000}",
  "a{2,1}",
  "(?<=a)b",
  "(a)\\1",
  "(?<n>x)\\k<n>",
  "[",
  "(",
  "\\",
  "\\p{L}+",
  "\\p{Nope}",
  "^(?!x).*$",
  "[^]",
  "\\u{1F600}",
  "(|a)*",
  "^$",
  ".*.*.*=.*",
  "[\\s\\S]{0,5}",
  "^\\d{4}-\\d{2}-\\d{2}$",
  "[\\ud800]",
  "(?i)abc",
  "x*y*z*".repeat(20),
];
const patternArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PATTERNS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: fc.constantFrom(..."ab|()[]{}*+?^$\\.-,0123456789dwsp<>=!:") }) },
);

export const FORMATS = [
  "date",
  "date-time",
  "time",
  "duration",
  "email",
  "idn-email",
  "hostname",
  "idn-hostname",
  "ipv4",
  "ipv6",
  "uri",
  "uri-reference",
  "iri",
  "iri-reference",
  "uuid",
  "regex",
  "json-pointer",
  "relative-json-pointer",
  "uri-template",
  "made-up",
  "",
];

/** `$ref`s: local, sibling files, a cycle, and the ways out of the allowed folders. */
export const REFS = [
  "#",
  "#/$defs/a",
  "#/$defs/b",
  "#/definitions/a",
  "#/$defs/missing",
  "#/properties/a",
  "#/properties/a/items",
  "#anchor",
  "#/%24defs/a",
  "sibling.json",
  "sibling.json#/$defs/a",
  "sibling.json#/nope",
  "sub/other.json",
  "cycle-a.json",
  "bad.json",
  "empty.json",
  "missing.json",
  "../fifo.json",
  "link.json",
  "dirlink/secret.json",
  "../../outside/secret.json",
  "../../outside/secret.txt",
  "..%2F..%2Foutside%2Fsecret.json",
  "../../../../../../../../etc/passwd",
  "/etc/hostname",
  "/etc/passwd#/a",
  "file:///etc/hostname",
  "http://127.0.0.1:9/x.json",
  "https://json.schemastore.org/none.json",
  "urn:example:nothing",
  "",
];

const RULE_TOKENS = [
  "a",
  "b",
  "c",
  "price",
  "items",
  "items[*].price",
  "items[0]",
  'a["x y"]',
  "$",
  "$.in",
  ".",
  "[*]",
  "and",
  "or",
  "not",
  "in",
  "not in",
  "true",
  "false",
  "null",
  "->",
  "==",
  "!=",
  "<",
  "<=",
  ">",
  ">=",
  "+",
  "-",
  "*",
  "/",
  "(",
  ")",
  "[",
  "]",
  ",",
  "len(",
  "sum(",
  "count(",
  "date(",
  "today()",
  "days(",
  "0",
  "1",
  "-5",
  "0.1",
  "1e400",
  "99999999999999999999999",
  "'2026-01-01'",
  '"x"',
  "'unterminated",
  "=",
  "!",
  "&&",
  "||",
  "=>",
  "\\",
  "é",
  "\u0000",
  "💥",
];

const ruleAtom = fc.oneof(
  fc.constantFrom("a", "b", "c", "price", "items[*].price", "items[0].price", "name", "$.in", 'a["x y"]', "missing.path"),
  fc.constantFrom("0", "1", "-1", "0.1", "1e308", "10000", "'2026-01-01'", "'x'", "true", "false", "null", "today()"),
  fc.constantFrom("len(name)", "sum(items[*].price)", "count(items[*].price > 1)", "date(a)", "today() - days(3)", "len(items)"),
);

export const ruleExpr: (depth: number) => fc.Arbitrary<string> = fc.memo((depth: number): fc.Arbitrary<string> => {
  if (depth <= 1) return ruleAtom;
  const sub = ruleExpr(depth - 1);
  return fc.oneof(
    { weight: 2, arbitrary: ruleAtom },
    {
      weight: 4,
      arbitrary: fc
        .tuple(sub, fc.constantFrom("->", "or", "and", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/"), sub)
        .map(([l, op, r]) => `${l} ${op} ${r}`),
    },
    { weight: 1, arbitrary: sub.map((e) => `not ${e}`) },
    { weight: 1, arbitrary: sub.map((e) => `(${e})`) },
    { weight: 1, arbitrary: sub.map((e) => `-${e}`) },
    { weight: 1, arbitrary: fc.tuple(sub, fc.array(ruleAtom, { maxLength: 3 })).map(([e, l]) => `${e} in [${l.join(", ")}]`) },
  );
});

const ruleGarbage = fc
  .tuple(fc.array(fc.oneof(fc.constantFrom(...RULE_TOKENS), fc.string({ maxLength: 3 })), { maxLength: 12 }), fc.constantFrom(" ", ""))
  .map(([t, sep]) => t.join(sep));

/** Rules of issue 12 that are big only: nesting and length. */
export const hostileRule = fc.oneof(
  fc.integer({ min: 1, max: 4 }).map((k) => `${"(".repeat(10 ** k)}a == 1${")".repeat(10 ** k)}`),
  fc.integer({ min: 1, max: 4 }).map((k) => `${"not ".repeat(10 ** k)}a`),
  fc.integer({ min: 1, max: 4 }).map((k) => `${"-".repeat(10 ** k)}1 == a`),
  fc.integer({ min: 2, max: 5 }).map((k) => `${"a == 1 and ".repeat(10 ** k)}a == 1`),
  fc.integer({ min: 2, max: 4 }).map((k) => `${"a + ".repeat(10 ** k)}1 == b`),
);

export const ruleText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: ruleExpr(4) },
  { weight: 3, arbitrary: ruleGarbage },
  { weight: 1, arbitrary: fc.constantFrom("High-value items should have lower inventory", "", "   ") },
  { weight: 1, arbitrary: hostileRule },
);

/** An entry of x-cross-field-rules: a string, an object with severity, or a wrong shape. */
const ruleEntry: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: ruleText },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        rule: ruleText,
        severity: fc.constantFrom("error", "warning", "information", "fatal", 3),
        description: fc.string({ maxLength: 10 }),
      },
      { requiredKeys: ["rule"] },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, 3, [], {}, { rule: 5 }, ["a == 1"]) },
);

const smallJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: extremeNumber },
  { weight: 1, arbitrary: fc.constantFrom("2026-01-01", "2026-01-01T00:00:00Z", "a@b.co", "", "\u0000", "\ud800", SECRET.slice(0, 6)) },
);

type Entry = [string, unknown];

function facetArb(sub: fc.Arbitrary<unknown>): fc.Arbitrary<Entry[]> {
  const kv = <T>(k: string, a: fc.Arbitrary<T>): fc.Arbitrary<Entry[]> => a.map((v) => [[k, v]]);
  const props = fc.dictionary(nameArb, sub, { maxKeys: 4 });
  return fc.oneof(
    { weight: 6, arbitrary: kv("type", fc.oneof(fc.constantFrom(...TYPES), fc.subarray(TYPES, { maxLength: 3 }), fc.constant("nope"))) },
    {
      weight: 6,
      arbitrary: fc.tuple(props, fc.array(nameArb, { maxLength: 3 }), fc.boolean()).map(([p, extra, all]): Entry[] => [
        ["properties", p],
        ["required", all ? Object.keys(p) : extra],
      ]),
    },
    { weight: 1, arbitrary: kv("required", fc.oneof(fc.array(nameArb, { maxLength: 3 }), fc.constant("a"))) },
    { weight: 3, arbitrary: kv("items", fc.oneof(sub, fc.array(sub, { maxLength: 3 }))) },
    { weight: 1, arbitrary: kv("prefixItems", fc.array(sub, { maxLength: 3 })) },
    { weight: 1, arbitrary: kv("additionalItems", sub) },
    { weight: 1, arbitrary: kv("contains", sub) },
    { weight: 2, arbitrary: kv("enum", fc.oneof(fc.array(smallJson, { maxLength: 5 }), fc.constant([]), fc.constant("a"))) },
    { weight: 2, arbitrary: kv("const", smallJson) },
    { weight: 1, arbitrary: kv("minimum", extremeNumber) },
    { weight: 1, arbitrary: kv("maximum", extremeNumber) },
    { weight: 1, arbitrary: kv("exclusiveMinimum", fc.oneof(extremeNumber, fc.boolean())) },
    { weight: 1, arbitrary: kv("exclusiveMaximum", fc.oneof(extremeNumber, fc.boolean())) },
    { weight: 1, arbitrary: kv("multipleOf", fc.oneof(extremeNumber, fc.constantFrom(0.01, 0.1, 3, 1e-9, 7.5, 1e308))) },
    { weight: 2, arbitrary: kv("minLength", sizeArb) },
    { weight: 2, arbitrary: kv("maxLength", sizeArb) },
    { weight: 3, arbitrary: kv("pattern", patternArb) },
    { weight: 3, arbitrary: kv("format", fc.constantFrom(...FORMATS)) },
    { weight: 1, arbitrary: kv("minItems", sizeArb) },
    { weight: 1, arbitrary: kv("maxItems", sizeArb) },
    { weight: 1, arbitrary: kv("uniqueItems", fc.boolean()) },
    { weight: 1, arbitrary: kv("minContains", sizeArb) },
    { weight: 1, arbitrary: kv("minProperties", sizeArb) },
    { weight: 1, arbitrary: kv("maxProperties", sizeArb) },
    { weight: 2, arbitrary: kv("additionalProperties", fc.oneof(fc.boolean(), sub)) },
    { weight: 1, arbitrary: kv("patternProperties", fc.dictionary(patternArb, sub, { maxKeys: 2 })) },
    { weight: 1, arbitrary: kv("propertyNames", sub) },
    { weight: 1, arbitrary: kv("dependentRequired", fc.dictionary(nameArb, fc.array(nameArb, { maxLength: 2 }), { maxKeys: 2 })) },
    {
      weight: 1,
      arbitrary: kv("dependencies", fc.dictionary(nameArb, fc.oneof(sub, fc.array(nameArb, { maxLength: 2 })), { maxKeys: 2 })),
    },
    { weight: 2, arbitrary: kv("allOf", fc.array(sub, { maxLength: 3 })) },
    { weight: 2, arbitrary: kv("anyOf", fc.array(sub, { maxLength: 3 })) },
    { weight: 2, arbitrary: kv("oneOf", fc.array(sub, { maxLength: 3 })) },
    { weight: 1, arbitrary: kv("not", sub) },
    {
      weight: 1,
      arbitrary: fc.tuple(sub, sub, sub).map(([i, t, e]): Entry[] => [
        ["if", i],
        ["then", t],
        ["else", e],
      ]),
    },
    { weight: 4, arbitrary: kv("$ref", fc.constantFrom(...REFS)) },
    { weight: 2, arbitrary: kv("$defs", fc.dictionary(fc.constantFrom("a", "b", "c"), sub, { maxKeys: 3 })) },
    { weight: 1, arbitrary: kv("definitions", fc.dictionary(fc.constantFrom("a", "b"), sub, { maxKeys: 2 })) },
    { weight: 1, arbitrary: kv("$anchor", fc.constantFrom("anchor", "x", "1bad")) },
    { weight: 1, arbitrary: kv("$id", fc.constantFrom("https://example.com/s.json", "sub/", "#frag", "file:///etc/", "urn:x")) },
    { weight: 3, arbitrary: kv("x-cross-field-rules", fc.oneof(fc.array(ruleEntry, { maxLength: 3 }), fc.constant("a == 1"))) },
    { weight: 1, arbitrary: kv("x-unique", fc.oneof(fc.boolean(), fc.constant("yes"))) },
    { weight: 1, arbitrary: kv("x-llm", fc.boolean()) },
    { weight: 1, arbitrary: kv("x-faker", fc.constantFrom("person.firstName", "internet.email", "nope.nope", "")) },
    { weight: 1, arbitrary: kv("default", smallJson) },
    { weight: 1, arbitrary: kv("examples", fc.array(smallJson, { maxLength: 2 })) },
    { weight: 1, arbitrary: kv("description", fc.oneof(fc.string({ maxLength: 20 }), fc.constant("llm: a name"))) },
  );
}

/** A schema nested at most `depth` levels. */
export const schemaArb: (depth: number) => fc.Arbitrary<unknown> = fc.memo((depth: number): fc.Arbitrary<unknown> => {
  const leafFacets = facetArb(fc.constantFrom(true, false, {}, { type: "string" }));
  const facets = depth <= 1 ? leafFacets : facetArb(schemaArb(depth - 1));
  const object = fc.array(facets, { maxLength: depth <= 1 ? 3 : 5 }).map((es) => Object.fromEntries(es.flat()) as unknown);
  return fc.oneof({ weight: 1, arbitrary: fc.boolean() }, { weight: 12, arbitrary: object });
});

/** A root schema: maybe with `$schema`, usually an object. */
export const rootSchemaArb: fc.Arbitrary<unknown> = fc
  .tuple(schemaArb(4), fc.option(fc.constantFrom(...DRAFT_URIS), { nil: undefined }))
  .map(([s, draft]) => (draft && typeof s === "object" && s !== null ? { $schema: draft, ...s } : s));

/** Issue 12's extremes, as text (JSON.stringify of a 10,000-deep value would be the test's own stack). */
export const hostileSchemaText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 2, max: 4 }).map((k) => {
    const n = 10 ** k;
    return `${'{"type":"object","required":["a"],"properties":{"a":'.repeat(n)}{"type":"string"}${"}}".repeat(n)}`;
  }),
  fc.integer({ min: 2, max: 4 }).map((k) => `${'{"type":"array","minItems":1,"items":'.repeat(10 ** k)}{}${"}".repeat(10 ** k)}`),
  fc.integer({ min: 2, max: 4 }).map((k) => `${'{"allOf":['.repeat(10 ** k)}{}${"]}".repeat(10 ** k)}`),
  fc.integer({ min: 2, max: 4 }).map((k) => `${'{"not":'.repeat(10 ** k)}{}${"}".repeat(10 ** k)}`),
  fc.integer({ min: 2, max: 5 }).map((k) => `{"allOf":[${Array.from({ length: 10 ** k }, () => '{"type":"string"}').join(",")}]}`),
  fc.integer({ min: 3, max: 5 }).map((k) => `{"enum":[${Array.from({ length: 10 ** k }, (_, i) => `"v${i}"`).join(",")}]}`),
  fc
    .tuple(fc.constantFrom("minLength", "maxLength", "minItems", "minProperties", "minContains"), fc.integer({ min: 5, max: 9 }))
    .map(([kw, k]) => {
      const type = kw.endsWith("Length") ? "string" : kw === "minProperties" ? "object" : "array";
      const extra = kw === "maxLength" ? `,"minLength":${10 ** k - 1}` : kw === "minContains" ? ',"contains":{}' : "";
      return `{"type":"${type}","${kw}":${10 ** k}${extra}}`;
    }),
  fc
    .integer({ min: 3, max: 5 })
    .map((k) => `{"type":"object","required":[${Array.from({ length: 10 ** k }, (_, i) => `"p${i}"`).join(",")}]}`),
  hostileRule.map((r) =>
    JSON.stringify({ type: "object", properties: { a: { type: "integer" }, b: { type: "integer" } }, "x-cross-field-rules": [r] }),
  ),
  fc.constant('{"$ref":"cycle-a.json"}'),
  fc.constant('{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}'),
  fc.constant('{"type":"number","minimum":1e400}'),
  fc.constant('{"type":"integer","minimum":-1e400,"maximum":1e400,"multipleOf":1e-400}'),
  fc.constant('{"type":"string","pattern":"(a|a)*$","minLength":30}'),
);

// ---- documents with edits -----------------------------------------------------------------------

export interface Edit {
  at: number;
  kind: "insert" | "delete" | "duplicate";
  length: number;
  text: string;
}

const SNIPPETS = [
  "{",
  "}",
  "[",
  "]",
  '"',
  ",",
  ":",
  "\\",
  "//",
  "/*",
  '"$ref": "../../../../etc/passwd",',
  '"$ref": "#/$defs/a",',
  '"x-cross-field-rules": ["a > b"],',
  '"type": "string",',
  '"properties": {"a": {}},',
  '"pattern": "(a+)+$",',
  '"minLength": 1e9,',
  "\u0000",
  "\ud800",
  "\r\n",
  "\t",
  "null",
  "1e400",
];

export function editArb(): fc.Arbitrary<Edit> {
  return fc.record({
    at: fc.nat(),
    kind: fc.constantFrom("insert", "insert", "delete", "duplicate"),
    length: fc.integer({ min: 0, max: 30 }),
    text: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...SNIPPETS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }),
  });
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  for (const e of edits) {
    const at = e.at % (text.length + 1);
    if (e.kind === "insert") text = text.slice(0, at) + e.text + text.slice(at);
    else if (e.kind === "delete") text = text.slice(0, at) + text.slice(at + e.length);
    else text = text.slice(0, at) + text.slice(at, at + e.length) + text.slice(at);
  }
  return text;
}

/** The files of one case: the main schema (text) and the sibling files its references may name. */
export interface SchemaCase {
  main: string;
  sibling: string;
  other: string;
  seed: number;
  count: number;
}

const toText = (v: unknown, pretty: boolean) => JSON.stringify(v, null, pretty ? 2 : undefined) ?? "null";

export const schemaCaseArb: fc.Arbitrary<SchemaCase> = fc.record({
  main: fc.oneof(
    { weight: 18, arbitrary: fc.tuple(rootSchemaArb, fc.boolean()).map(([s, p]) => toText(s, p)) },
    { weight: 1, arbitrary: hostileSchemaText },
    {
      weight: 1,
      arbitrary: fc.tuple(rootSchemaArb, fc.array(editArb(), { maxLength: 3 })).map(([s, e]) => applyEdits(toText(s, true), e)),
    },
  ),
  sibling: schemaArb(2).map((s) => toText({ $defs: { a: s }, ...(typeof s === "object" ? s : {}) }, false)),
  other: schemaArb(2).map((s) => toText({ allOf: [s, { $ref: "../sibling.json" }] }, false)),
  seed: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(2 ** 32, Number.MAX_SAFE_INTEGER)),
  count: fc.integer({ min: 1, max: 4 }),
});

/** A document being typed: a schema's text, then bursts of edits, with the positions requests are made at. */
export interface DocumentCase {
  text: string;
  versions: Edit[][];
  /** Offsets (taken modulo the text's length) of the hovers, completions, … sent after each version. */
  positions: number[];
}

export const documentCaseArb: fc.Arbitrary<DocumentCase> = fc.record({
  text: fc.oneof(
    { weight: 12, arbitrary: rootSchemaArb.map((s) => toText(s, true)) },
    { weight: 1, arbitrary: hostileSchemaText },
    { weight: 1, arbitrary: fc.constantFrom("", "[]", "null", '"x"', "{", '{"$schema": 5}', "\ufeff{}", "{}".repeat(3)) },
  ),
  versions: fc.array(fc.array(editArb(), { maxLength: 4 }), { minLength: 1, maxLength: 3 }),
  positions: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
});

// ---- datasets -----------------------------------------------------------------------------------

const recordArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(nameArb, smallJson, { maxKeys: 5 }) },
  { weight: 1, arbitrary: smallJson },
);

const DATASET_LINE_GARBAGE = [
  "",
  "   ",
  "{",
  "nul",
  "[1,]",
  "\u0000",
  '{"a":1}{"a":2}',
  '{"__proto__":{"polluted":1}}',
  '{"a":1e999}',
  "\ufeff{}",
  '"\\ud800"',
  '{"a": NaN}',
  "// comment",
];

export const datasetLineArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: recordArb.map((r) => JSON.stringify(r) ?? "null") },
  { weight: 2, arbitrary: fc.constantFrom(...DATASET_LINE_GARBAGE) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.boolean())
      .map(([k, obj]) => (obj ? `${'{"a":'.repeat(10 ** k)}1${"}".repeat(10 ** k)}` : `${"[".repeat(10 ** k)}${"]".repeat(10 ** k)}`)),
  },
);

export interface DatasetCase {
  kind: "jsonl" | "json" | "folder" | "other";
  lines: string[];
}

export const datasetCaseArb: fc.Arbitrary<DatasetCase> = fc.record({
  kind: fc.constantFrom("jsonl", "jsonl", "json", "folder", "other"),
  lines: fc.array(datasetLineArb, { maxLength: 8 }),
});

/** The dataset's files: path relative to the dataset's place → content. */
export function datasetFiles(d: DatasetCase): { path: string; files: [string, string][] } {
  switch (d.kind) {
    case "jsonl":
      return { path: "data.jsonl", files: [["data.jsonl", d.lines.join("\n")]] };
    case "other":
      return { path: "data.txt", files: [["data.txt", d.lines.join("\r\n")]] };
    case "json":
      return { path: "data.json", files: [["data.json", `[${d.lines.join(",")}]`]] };
    case "folder":
      return {
        path: "data",
        files: d.lines.map((l, k): [string, string] => [`data/record_${String(k + 1).padStart(k === 2 ? 1 : 4, "0")}.json`, l]),
      };
  }
}

// ---- the shape of an input, for the list of known classes ---------------------------------------

import type { InputShape } from "./config";

const SIZE_KEY = /"(?:min|max)(?:Length|Items|Properties|Contains)"\s*:\s*(-?[0-9.eE+]+)/g;

/** Sizes of texts measured without parsing them (a parse could overflow on what is measured). */
export function shapeOf(texts: readonly string[]): InputShape {
  const shape: InputShape = {
    depth: 0,
    largestSize: 0,
    largestEnum: 0,
    ruleDepth: 0,
    ruleLength: 0,
    ruleWords: 0,
    selfRef: false,
    refCycle: false,
  };
  for (const text of texts) {
    let depth = 0;
    let inString = false;
    let parens = 0;
    let words = 0;
    let stringStart = 0;
    // Elements of the open arrays, to find the longest array.
    const counts: number[] = [];
    for (let k = 0; k < text.length; k++) {
      const c = text[k];
      if (inString) {
        if (c === "\\") k++;
        else if (c === '"') {
          inString = false;
          shape.ruleLength = Math.max(shape.ruleLength, k - stringStart);
        } else if (c === " ") shape.ruleWords = Math.max(shape.ruleWords, ++words);
        else if (c === "(") shape.ruleDepth = Math.max(shape.ruleDepth, ++parens);
        else if (c === ")") parens = Math.max(0, parens - 1);
        continue;
      }
      if (c === '"') {
        inString = true;
        stringStart = k;
        parens = 0;
        words = 0;
      } else if (c === "{" || c === "[") {
        shape.depth = Math.max(shape.depth, ++depth);
        counts.push(1);
      } else if (c === "}" || c === "]") {
        depth--;
        shape.largestEnum = Math.max(shape.largestEnum, counts.pop() ?? 0);
      } else if (c === "," && counts.length) counts[counts.length - 1]++;
    }
    if (/"\$ref"\s*:\s*"#?"/.test(text)) shape.selfRef = true;
    if (text.includes("cycle-a.json")) shape.refCycle = true;
    for (const m of text.matchAll(SIZE_KEY)) {
      const n = Number(m[1]);
      if (Number.isFinite(n)) shape.largestSize = Math.max(shape.largestSize, n);
    }
  }
  return shape;
}
