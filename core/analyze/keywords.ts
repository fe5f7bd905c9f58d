// Which keywords each draft defines, what kind of value each takes, and SpecMint's own extension
// keywords: the tables behind typo detection, completion and hover.
import type { Draft } from "../schema/load";

export type KeywordValueKind =
  | "schema" // an object (or boolean) schema
  | "schemaArray"
  | "schemaMap" // property name → schema
  | "schemaOrArray" // items before 2020-12
  | "number"
  | "integer"
  | "boolean"
  | "string"
  | "uri"
  | "stringArray"
  | "type" // a type name or a list of them
  | "any"
  | "array"
  | "dependencies"; // map of schemas or string lists

export interface KeywordInfo {
  name: string;
  kind: KeywordValueKind;
  /** One line for completion and hover. */
  doc: string;
}

type Row = [name: string, kind: KeywordValueKind, doc: string, drafts: string];

// drafts: which drafts define the keyword — "4" draft-04, "6", "7", "9" 2019-09, "2" 2020-12.
const ROWS: Row[] = [
  ["$schema", "uri", "The dialect (draft) of this schema.", "46792"],
  ["id", "uri", "Base URI of this schema resource (draft-04).", "4"],
  ["$id", "uri", "Base URI of this schema resource.", "6792"],
  ["$ref", "uri", "Apply the schema at this reference.", "46792"],
  ["$comment", "string", "A comment for schema authors; ignored by validators.", "792"],
  ["$anchor", "string", "A plain-name fragment for this schema.", "92"],
  ["$defs", "schemaMap", 'Reusable schemas, referenced with $ref "#/$defs/name".', "92"],
  ["definitions", "schemaMap", 'Reusable schemas, referenced with $ref "#/definitions/name".', "46792"],
  ["$vocabulary", "any", "Vocabularies a meta-schema uses.", "92"],
  ["$recursiveRef", "uri", "Reference that extends recursively (2019-09).", "9"],
  ["$recursiveAnchor", "boolean", "Marks a recursive extension point (2019-09).", "9"],
  ["$dynamicRef", "uri", "Reference resolved in the dynamic scope.", "2"],
  ["$dynamicAnchor", "string", "A dynamic extension point for $dynamicRef.", "2"],
  ["title", "string", "A short title.", "46792"],
  ["description", "string", 'What the value means. A description starting with "llm:" marks the value for LLM enrichment.', "46792"],
  ["default", "any", "A default value (SpecMint uses it for a share of values when it is valid).", "46792"],
  ["examples", "array", "Example values (SpecMint uses valid ones for a share of values).", "6792"],
  ["deprecated", "boolean", "The value should no longer be used.", "92"],
  ["readOnly", "boolean", "The value is managed by the owner of the data.", "792"],
  ["writeOnly", "boolean", "The value is never returned by the owner of the data.", "792"],
  ["type", "type", "The JSON type(s) allowed.", "46792"],
  ["enum", "array", "The value must equal one of these.", "46792"],
  ["const", "any", "The value must equal this.", "6792"],
  ["multipleOf", "number", "Numbers must be a multiple of this (exact decimals in SpecMint).", "46792"],
  ["maximum", "number", "Numbers must be at most this.", "46792"],
  ["exclusiveMaximum", "number", "Numbers must be below this.", "6792"],
  ["minimum", "number", "Numbers must be at least this.", "46792"],
  ["exclusiveMinimum", "number", "Numbers must be above this.", "6792"],
  ["maxLength", "integer", "Strings have at most this many characters.", "46792"],
  ["minLength", "integer", "Strings have at least this many characters.", "46792"],
  ["pattern", "string", "Strings match this regular expression (ECMAScript, unicode).", "46792"],
  ["format", "string", "A named string format such as email or date-time.", "46792"],
  ["contentEncoding", "string", "Encoding of string content (annotation).", "792"],
  ["contentMediaType", "string", "Media type of string content (annotation).", "792"],
  ["contentSchema", "schema", "Schema of decoded string content (annotation).", "92"],
  ["items", "schemaOrArray", "Schema of array elements.", "4679"],
  ["additionalItems", "schema", "Schema of elements past the tuple in items.", "4679"],
  ["prefixItems", "schemaArray", "Schemas of the first elements, by position.", "2"],
  ["contains", "schema", "At least one element matches this schema.", "6792"],
  ["maxContains", "integer", "At most this many elements match contains.", "92"],
  ["minContains", "integer", "At least this many elements match contains.", "92"],
  ["maxItems", "integer", "Arrays have at most this many elements.", "46792"],
  ["minItems", "integer", "Arrays have at least this many elements.", "46792"],
  ["uniqueItems", "boolean", "Array elements are all different.", "46792"],
  ["unevaluatedItems", "schema", "Schema of elements no other keyword evaluated.", "92"],
  ["properties", "schemaMap", "Schemas of named properties.", "46792"],
  ["patternProperties", "schemaMap", "Schemas of properties whose names match a regular expression.", "46792"],
  ["additionalProperties", "schema", "Schema of the other properties (false: none allowed).", "46792"],
  ["unevaluatedProperties", "schema", "Schema of properties no other keyword evaluated.", "92"],
  ["propertyNames", "schema", "Schema every property name matches.", "6792"],
  ["required", "stringArray", "Properties that must be present.", "46792"],
  ["maxProperties", "integer", "Objects have at most this many properties.", "46792"],
  ["minProperties", "integer", "Objects have at least this many properties.", "46792"],
  ["dependencies", "dependencies", "Properties or schemas that apply when a property is present.", "46792"],
  ["dependentRequired", "any", "Properties required when a property is present.", "92"],
  ["dependentSchemas", "schemaMap", "Schemas that apply when a property is present.", "92"],
  ["allOf", "schemaArray", "The value matches every one of these schemas.", "46792"],
  ["anyOf", "schemaArray", "The value matches at least one of these schemas.", "46792"],
  ["oneOf", "schemaArray", "The value matches exactly one of these schemas.", "46792"],
  ["not", "schema", "The value does not match this schema.", "46792"],
  ["if", "schema", "When the value matches this schema, then applies, else else.", "792"],
  ["then", "schema", "Applies when if matches.", "792"],
  ["else", "schema", "Applies when if does not match.", "792"],
];

const DRAFT_TAG: Record<Draft, string> = { "04": "4", "06": "6", "07": "7", "2019-09": "9", "2020-12": "2" };

export const DRAFT_NAMES: Record<Draft, string> = {
  "2020-12": "2020-12",
  "2019-09": "2019-09",
  "07": "draft-07",
  "06": "draft-06",
  "04": "draft-04",
};

/** SpecMint's extension keywords (README "What it does", docs/rules.md, docs/llm.md), with completion snippets. */
export interface ExtensionKeywordInfo extends KeywordInfo {
  /** LSP snippet for the value. */
  snippet: string;
}

export const EXTENSION_KEYWORD_INFO: readonly ExtensionKeywordInfo[] = [
  { name: "x-llm", kind: "boolean", doc: "Enrich this value with the local LLM (string, number or array nodes).", snippet: "${1:true}" },
  {
    name: "x-llm-context",
    kind: "string",
    doc: "Plain-text domain context for the LLM (root only; quoted, never obeyed).",
    snippet: '"${1:context}"',
  },
  {
    name: "x-cross-field-rules",
    kind: "array",
    doc: 'Rules over field paths, checked and patched (e.g. "end >= start").',
    snippet: '[\n\t"${1:a <= b}"\n]',
  },
  { name: "x-unique", kind: "boolean", doc: "The value is unique across the dataset.", snippet: "${1:true}" },
  { name: "x-faker", kind: "string", doc: "A named realistic-value generator such as person.fullName.", snippet: '"${1:person.fullName}"' },
  {
    name: "x-ref",
    kind: "string",
    doc: 'A reference to another entity of a set: "entity.field" (an x-unique field); the value is that record\'s value.',
    snippet: '"${1:entity}.${2:id}"',
  },
  {
    name: "x-ref-distribution",
    kind: "string",
    doc: 'How an x-ref picks parent records: "uniform" (default) or "skewed" (a few parents get many references).',
    snippet: '"${1|uniform,skewed|}"',
  },
];

const byDraft = new Map<Draft, Map<string, KeywordInfo>>();
for (const draft of Object.keys(DRAFT_TAG) as Draft[]) {
  const m = new Map<string, KeywordInfo>();
  for (const [name, kind, doc, drafts] of ROWS) {
    if (!drafts.includes(DRAFT_TAG[draft])) continue;
    // Before 2020-12 items also takes an array of schemas; from 2020-12 on only one schema.
    m.set(name, { name, kind, doc });
  }
  if (draft === "2020-12")
    m.set("items", { name: "items", kind: "schema", doc: "Schema of the elements after prefixItems (all elements when there is none)." });
  byDraft.set(draft, m);
}

const extensionByName = new Map(EXTENSION_KEYWORD_INFO.map((k) => [k.name, k]));

/** The keywords a draft defines (not the extensions). */
export function draftKeywords(draft: Draft): ReadonlyMap<string, KeywordInfo> {
  return byDraft.get(draft)!;
}

export function extensionKeyword(name: string): ExtensionKeywordInfo | undefined {
  return extensionByName.get(name);
}

/** True when `name` means something to SpecMint in a schema of `draft`. */
export function isKnownKeyword(draft: Draft, name: string): boolean {
  return byDraft.get(draft)!.has(name) || extensionByName.has(name);
}

/** Drafts (other than `draft`) that define `name`, for "this keyword belongs to another draft". */
export function draftsDefining(name: string): Draft[] {
  return (Object.keys(DRAFT_TAG) as Draft[]).filter((d) => byDraft.get(d)!.has(name));
}

/** Every name a typo could be meant as: the draft's keywords and the extensions. */
export function keywordNames(draft: Draft): string[] {
  return [...byDraft.get(draft)!.keys(), ...extensionByName.keys()];
}
