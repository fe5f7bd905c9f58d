// Ranges inside JSON string values (what rule and regex findings are placed with), globs of
// specmint.schemaGlobs, settings as clients send them, the kind of records a request asks for and
// the hover's invalid line: the server's pure helpers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { JsonDocument } from "../../server/jsonDocument";
import { rangeInStringValue } from "../../server/stringRanges";
import { globToRegExp } from "../../common/globs";
import { normalizeSettings } from "../../server/settings";
import { DEFAULT_SETTINGS } from "../../common/settings";
import { textAt } from "../support/textAt";
import { ErrorCodes, ResponseError } from "vscode-languageserver";
import { invalidLine } from "../../server/features/hover";
import { kindChoiceOf } from "../../server/kindParams";

test("rangeInStringValue maps decoded offsets through escapes, \\u escapes and surrogate pairs", () => {
  // Decoded value: a"b\né😀x  (é written as \u00e9, 😀 as a surrogate pair of \u escapes)
  const text = '{\n  "rules": ["a\\"b\\n\\u00e9\\ud83d\\ude00x"]\n}';
  const doc = new JsonDocument("untitled:t.json", 1, text);
  const decoded = (JSON.parse(text) as { rules: string[] }).rules[0];
  assert.equal(decoded, 'a"b\né😀x');
  const piece = (start: number, length: number) => textAt(text, rangeInStringValue(doc, "/rules/0", start, length)!);
  assert.equal(piece(0, 1), "a");
  assert.equal(piece(1, 1), '\\"');
  assert.equal(piece(3, 1), "\\n");
  assert.equal(piece(4, 1), "\\u00e9");
  assert.equal(piece(5, 2), "\\ud83d\\ude00");
  assert.equal(piece(7, 1), "x");
  assert.equal(piece(2, 3), "b\\n\\u00e9");
  assert.equal(piece(7, 10), "x", "clamped at the end of the string");
  assert.equal(piece(8, 0), "", "an empty range at the end");
  assert.equal(rangeInStringValue(doc, "/rules", 0, 1), undefined, "not a string");
  assert.equal(rangeInStringValue(doc, "/nothing", 0, 1), undefined);
});

test("schema globs: ** spans folders (or none), * stays in one, braces choose", () => {
  const schema = globToRegExp("**/*.schema.json");
  assert.ok(schema.test("a.schema.json") && schema.test("x/y/a.schema.json") && schema.test("/abs/a.schema.json"));
  assert.ok(!schema.test("a.json") && !schema.test("a.schema.jsonc"));
  const folder = globToRegExp("**/schemas/**/*.json");
  assert.ok(folder.test("schemas/a.json") && folder.test("p/schemas/q/r/a.json"));
  assert.ok(!folder.test("myschemas/a.json"));
  assert.ok(globToRegExp("*.{json,jsonc}").test("a.jsonc") && !globToRegExp("*.{json,jsonc}").test("d/a.json"));
});

test("settings arrive nested or flat; malformed values take their defaults", () => {
  assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(normalizeSettings(null), DEFAULT_SETTINGS);
  const nested = normalizeSettings({ seed: 9, hover: { samples: 5 }, referenceDate: "2025-06-01", schemaGlobs: ["*.json"] });
  assert.equal(nested.seed, 9);
  assert.equal(nested.hover.samples, 5);
  assert.equal(nested.referenceDate, "2025-06-01T00:00:00Z");
  assert.deepEqual(nested.schemaGlobs, ["*.json"]);
  assert.equal(normalizeSettings({ "hover.samples": 2 }).hover.samples, 2);
  const bad = normalizeSettings({ seed: -1, count: "many", formats: ["xml"], hover: { samples: 1000 }, referenceDate: "soon" });
  assert.equal(bad.seed, 1);
  assert.equal(bad.count, 10);
  assert.deepEqual(bad.formats, ["json", "jsonl"]);
  assert.equal(bad.hover.samples, 3);
  assert.equal(bad.referenceDate, "2026-01-01T00:00:00Z");
});

test("the hover's invalid line: the value inline (absent for a required property), ajv's message, where, which record", () => {
  const label = {
    index: 3,
    instance_path: "/age",
    schema_path: "/properties/age/minimum",
    keyword: "minimum",
    message: "age -1 is below minimum 0",
    expected: {
      instancePath: "/age",
      schemaPath: "#/properties/age/minimum",
      keyword: "minimum",
      params: { comparison: ">=", limit: 0 },
      message: "must be >= 0",
    },
  };
  assert.equal(
    invalidLine({ value: -1, violation: label }),
    "Invalid: `-1` — age -1 is below minimum 0 (minimum at /age; record 3 of `--kind invalid`)",
  );
  const required = {
    ...label,
    instance_path: "",
    keyword: "required",
    message: "age is missing (required)",
    expected: {
      instancePath: "",
      schemaPath: "#/required",
      keyword: "required",
      params: { missingProperty: "age" },
      message: "must have required property 'age'",
    },
  };
  assert.match(invalidLine({ value: { id: 1 }, violation: required }), /^Invalid: absent — age is missing \(required\) \(required at \/;/);
  // A value holding backticks stays one code span; a long one is cut.
  assert.match(invalidLine({ value: "a`b", violation: label }), /^Invalid: ``"a`b"`` — /);
  assert.match(invalidLine({ value: "x".repeat(500), violation: label }), /^Invalid: `"x{119}…` — /);
});

test("kind and violate of a request: checked as --kind and --violate are, refused with InvalidParams", () => {
  assert.deepEqual(kindChoiceOf({}), { kind: "valid" });
  assert.deepEqual(kindChoiceOf({ kind: "boundary" }), { kind: "boundary" });
  assert.deepEqual(kindChoiceOf({ kind: "invalid", violate: ["minimum", "type", "minimum"] }), {
    kind: "invalid",
    violate: ["minimum", "type"],
  });
  assert.deepEqual(kindChoiceOf({ kind: "invalid", violate: [] }), { kind: "invalid" });
  const refused = (params: { kind?: unknown; violate?: unknown }, pattern: RegExp) =>
    assert.throws(
      () => kindChoiceOf(params),
      (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidParams && pattern.test(e.message),
    );
  refused({ kind: "edge" }, /unknown kind "edge"; expected valid, invalid, boundary/);
  refused({ kind: "invalid", violate: "minimum" }, /violate is a list of keywords/);
  refused({ kind: "invalid", violate: ["minimun"] }, /unknown keyword "minimun" in violate/);
  refused({ kind: "valid", violate: ["minimum"] }, /ask for kind "invalid"/);
});
