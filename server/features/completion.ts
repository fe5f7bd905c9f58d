// Completion: keywords the document's draft defines (and SpecMint's extensions, with snippets) at
// a key position in a schema; format names, $ref targets, types, x-faker names as values;
// `required` entries from the sibling properties. Works on half-typed text: where a location is
// in the schema is judged from the keywords on the path to it, not from a successful parse.
import * as jsonc from "jsonc-parser";
import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from "vscode-languageserver";
import { chooseDraft, DRAFT_URIS, type Draft, type Schema } from "../../core/schema";
import { draftKeywords, EXTENSION_KEYWORD_INFO, type KeywordValueKind } from "../../core/analyze";
import { knownFormatNames } from "../../core/analyze";
import { localDefinitionRefs } from "../../core/analyze";
import { schemaPathKind } from "../../core/schema";
import { ARRAY_WORDS, NUMBER_WORDS, OBJECT_WORDS, STRING_WORDS } from "../../core/schema";
import { FAKER_LIKE_NAMES } from "../../core/generate";
import { rulePaths } from "../../core/rules";
import type { FieldPath } from "../../core/rules";
import type { SchemaObject } from "../../core/schema";
import type { JsonDocument } from "../jsonDocument";
import type { DocumentModel } from "../analysis";
import { REF_DISTRIBUTIONS } from "../../core/set";
import type { RefTargetChoice } from "./setRefs";

const TYPES = ["string", "number", "integer", "boolean", "object", "array", "null"];

const VALUE_SNIPPET: Record<KeywordValueKind, string> = {
  schema: "{$1}",
  schemaArray: "[\n\t{$1}\n]",
  schemaMap: "{\n\t$1\n}",
  schemaOrArray: "{$1}",
  number: "${1:0}",
  integer: "${1:0}",
  boolean: "${1:true}",
  string: '"$1"',
  uri: '"$1"',
  stringArray: "[$1]",
  type: '"${1|string,number,integer,boolean,object,array,null|}"',
  any: "$1",
  array: "[$1]",
  dependencies: "{$1}",
};

const PLAIN_VALUE: Record<KeywordValueKind, string> = {
  schema: "{}",
  schemaArray: "[]",
  schemaMap: "{}",
  schemaOrArray: "{}",
  number: "0",
  integer: "0",
  boolean: "true",
  string: '""',
  uri: '""',
  stringArray: "[]",
  type: '"string"',
  any: "null",
  array: "[]",
  dependencies: "{}",
};

/** Keywords that only apply to instances of some types; others (type, enum, $ref, …) apply to all. */
const TYPE_KEYWORDS: Record<string, readonly string[]> = {
  number: NUMBER_WORDS,
  integer: NUMBER_WORDS,
  string: [...STRING_WORDS, "contentEncoding", "contentMediaType", "contentSchema"],
  array: ARRAY_WORDS,
  object: OBJECT_WORDS,
};

/** "0" for a keyword valid for the node's declared type(s) (or any keyword when none is declared), "2" for the others. */
function typeRank(name: string, types: string[]): string {
  if (types.length === 0) return "0";
  const owners = Object.keys(TYPE_KEYWORDS).filter((t) => TYPE_KEYWORDS[t].includes(name));
  if (owners.length === 0) return "0";
  return owners.some((t) => types.includes(t)) ? "0" : "2";
}

/**
 * The meta-schemas whose keywords VS Code's JSON completion lists (bundled with it; draft-06 fetched
 * from json-schema.org, a domain it trusts), keyed as it reads a $schema: http://json-schema.org/ as
 * https://json-schema.org/, without a trailing "#".
 */
const CLIENT_DRAFTS: Record<string, Draft> = {
  "https://json-schema.org/draft-04/schema": "04",
  "https://json-schema.org/draft-06/schema": "06",
  "https://json-schema.org/draft-07/schema": "07",
  "https://json-schema.org/draft/2019-09/schema": "2019-09",
  "https://json-schema.org/draft/2020-12/schema": "2020-12",
};

/**
 * The draft whose keywords VS Code's JSON completion lists in a document, picked as its JSON
 * extension picks a schema: the document's $schema wins (one it does not know lists none); without
 * one, its jsonValidation maps every file named *.schema.json (case-sensitive) to draft-07.
 */
function clientKeywordDraft(uri: string, $schema: unknown): Draft | undefined {
  if (typeof $schema === "string")
    return CLIENT_DRAFTS[$schema.replace(/^http:\/\/json-schema\.org\//, "https://json-schema.org/").replace(/#$/, "")];
  return /\.schema\.json$/.test(uri) ? "07" : undefined;
}

const escapeSnippet = (s: string) => s.replace(/[$}\\]/g, "\\$&");

interface Context {
  doc: JsonDocument;
  offset: number;
  snippets: boolean;
  /** Standard keywords the client lists itself (VS Code's JSON completion): SpecMint leaves them out. */
  clientKeywords: ReadonlyMap<string, unknown> | undefined;
}

function valueAtPath(root: unknown, path: readonly (string | number)[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return cur;
}

/** The range of the string literal the cursor is in or right after, if any. */
function stringUnderCursor(ctx: Context, node: jsonc.Node | undefined): Range | undefined {
  // getLocation reports a key being typed as a node of type "property" spanning the key string.
  if (!node || (node.type !== "string" && node.type !== "property")) return undefined;
  if (ctx.offset < node.offset || ctx.offset > node.offset + node.length) return undefined;
  return ctx.doc.rangeOf(node.offset, node.length);
}

function nextSignificant(text: string, from: number): string {
  const m = /\S/.exec(text.slice(from, from + 200));
  return m ? m[0] : "";
}

function keywordItems(ctx: Context, draft: Draft, objectPath: (string | number)[], previous: jsonc.Node | undefined): CompletionItem[] {
  const root = ctx.doc.value();
  const existing = valueAtPath(root, objectPath);
  const typed = previous?.type === "string" || previous?.type === "property" ? (previous.value as string) : undefined;
  const present = new Set(typeof existing === "object" && existing !== null ? Object.keys(existing).filter((k) => k !== typed) : []);
  const inString = stringUnderCursor(ctx, previous);
  const replace = inString ?? { start: ctx.doc.positionAt(ctx.offset), end: ctx.doc.positionAt(ctx.offset) };
  const end = inString && previous ? previous.offset + previous.length : ctx.offset;
  const keyOnly = nextSignificant(ctx.doc.text, end) === ":";
  const comma = !keyOnly && nextSignificant(ctx.doc.text, end) === '"' ? "," : "";
  const items: CompletionItem[] = [];
  const declared = typeof existing === "object" && existing !== null ? (existing as Record<string, unknown>).type : undefined;
  const types = typeof declared === "string" ? [declared] : stringsIn(declared);
  const add = (name: string, kind: KeywordValueKind, doc: string, snippet: string | undefined, extension: boolean) => {
    if (present.has(name)) return;
    const key = JSON.stringify(name);
    let newText: string;
    if (keyOnly) newText = ctx.snippets ? escapeSnippet(key) : key;
    else if (ctx.snippets) newText = `${escapeSnippet(key)}: ${snippet ?? VALUE_SNIPPET[kind]}${comma}`;
    else newText = `${key}: ${PLAIN_VALUE[kind]}${comma}`;
    items.push({
      label: name,
      kind: extension ? CompletionItemKind.Snippet : CompletionItemKind.Property,
      detail: extension ? "SpecMint extension" : `JSON Schema ${draft}`,
      documentation: doc,
      filterText: key,
      sortText: typeRank(name, types) + (extension ? "1" : "0") + name,
      insertTextFormat: ctx.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: replace, newText },
    });
  };
  for (const k of draftKeywords(draft).values()) if (!ctx.clientKeywords?.has(k.name)) add(k.name, k.kind, k.doc, undefined, false);
  for (const k of EXTENSION_KEYWORD_INFO) {
    if (k.name === "x-llm-context" && objectPath.length > 0) continue; // root only
    add(k.name, k.kind, k.doc, k.snippet, true);
  }
  return items;
}

function valueItems(
  ctx: Context,
  values: readonly string[],
  kind: CompletionItemKind,
  previous: jsonc.Node | undefined,
  detail?: string,
): CompletionItem[] {
  const replace = stringUnderCursor(ctx, previous) ?? { start: ctx.doc.positionAt(ctx.offset), end: ctx.doc.positionAt(ctx.offset) };
  return values.map((v, k) => ({
    label: v,
    kind,
    detail,
    filterText: JSON.stringify(v),
    sortText: String(k).padStart(4, "0"),
    textEdit: { range: replace, newText: JSON.stringify(v) },
  }));
}

function stringsIn(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** The path of the schema owning the rule string at `path` ("x-cross-field-rules"/n or …/n/"rule"), if it is one. */
function ruleStringOwner(path: readonly (string | number)[]): (string | number)[] | undefined {
  const p = path.at(-1) === "rule" ? path.slice(0, -1) : path;
  if (typeof p.at(-1) !== "number" || p.at(-2) !== "x-cross-field-rules") return undefined;
  const owner = p.slice(0, -2);
  return schemaPathKind(owner) === "schema" ? owner : undefined;
}

/** The rule language's functions (core/rules/check.ts), documented as in docs/rules.md. */
const RULE_FUNCTIONS: { name: string; signature: string; param?: string; doc: string }[] = [
  { name: "sum", signature: "sum(xs[*].y) -> number", param: "path", doc: "Adds the numbers; absent ones are skipped." },
  {
    name: "count",
    signature: "count(xs[*].flag == true) -> number",
    param: "condition",
    doc: "Elements for which the condition holds; `count(xs)` is the length.",
  },
  { name: "len", signature: "len(x) -> number", param: "x", doc: "Length of a string in code points, or of an array." },
  { name: "date", signature: "date(x) -> date", param: "x", doc: "A string read as a date." },
  {
    name: "today",
    signature: "today() -> date",
    doc: "The reference date: `--reference-date` or `specmint.referenceDate`, default `2026-01-01T00:00:00Z`.",
  },
  { name: "days", signature: "days(n) -> duration", param: "n", doc: "A duration of n days, to add to or subtract from dates." },
  {
    name: "ref",
    signature: "ref(path).field",
    param: "path",
    doc: "The record that the `x-ref` at `path` points to, in a set of entities: `ref(customer_id).signed_up_at`.",
  },
];

/** The rule language's operators (docs/rules.md, loosest first). */
const RULE_OPERATORS: { op: string; doc: string }[] = [
  { op: "->", doc: "implication, right-associative: holds when A is false or B is true" },
  { op: "or", doc: "either side holds" },
  { op: "and", doc: "both sides hold" },
  { op: "not", doc: "negation" },
  { op: "==", doc: "equal" },
  { op: "!=", doc: "not equal" },
  { op: "<", doc: "less than" },
  { op: "<=", doc: "less than or equal" },
  { op: ">", doc: "greater than" },
  { op: ">=", doc: "greater than or equal" },
  { op: "in", doc: "membership in a list: `x in [..]`" },
  { op: "not in", doc: "not in a list: `x not in [..]`" },
];

/** Field paths, functions and operators for the token being typed at the cursor inside a rule string. */
function ruleItems(ctx: Context, paths: FieldPath[]): CompletionItem[] {
  let start = ctx.offset;
  while (start > 0 && /[A-Za-z0-9_.[\]*]/.test(ctx.doc.text[start - 1])) start--;
  const range = { start: ctx.doc.positionAt(start), end: ctx.doc.positionAt(ctx.offset) };
  const items: CompletionItem[] = paths.map((p) => ({
    label: p.path,
    kind: CompletionItemKind.Field,
    detail: p.description,
    sortText: "0" + p.path,
    filterText: p.path,
    textEdit: { range, newText: p.path },
  }));
  for (const f of RULE_FUNCTIONS) {
    const snippet = f.param ? `${f.name}(\${1:${f.param}})` : `${f.name}()`;
    items.push({
      label: f.name,
      kind: CompletionItemKind.Function,
      detail: f.signature,
      documentation: { kind: "markdown", value: f.doc },
      sortText: "1" + f.name,
      filterText: f.name,
      insertTextFormat: ctx.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range, newText: ctx.snippets ? snippet : `${f.name}()` },
    });
  }
  for (const o of RULE_OPERATORS)
    items.push({
      label: o.op,
      kind: CompletionItemKind.Operator,
      detail: "operator",
      documentation: o.doc,
      sortText: "2" + o.op,
      filterText: o.op,
      textEdit: { range, newText: o.op },
    });
  return items;
}

/**
 * Inside an x-ref string: the entities of the sets that list the schema (each with its key), or,
 * after "entity.", that entity's x-unique fields, the key first. Each replaces the whole string.
 */
function refItems(ctx: Context, previous: jsonc.Node | undefined, targets: readonly RefTargetChoice[]): CompletionItem[] {
  const replace = stringUnderCursor(ctx, previous) ?? { start: ctx.doc.positionAt(ctx.offset), end: ctx.doc.positionAt(ctx.offset) };
  const typed = previous?.type === "string" ? ctx.doc.text.slice(previous.offset + 1, Math.max(previous.offset + 1, ctx.offset)) : "";
  const dot = typed.indexOf(".");
  const item = (label: string, value: string, detail: string, k: number, kind: CompletionItemKind): CompletionItem => ({
    label,
    kind,
    detail,
    filterText: JSON.stringify(value),
    sortText: String(k).padStart(4, "0"),
    textEdit: { range: replace, newText: JSON.stringify(value) },
  });
  if (dot >= 0) {
    const target = targets.find((t) => t.entity === typed.slice(0, dot));
    if (!target) return [];
    return target.fields.map((f, k) =>
      item(
        f,
        `${target.entity}.${f}`,
        f === target.key ? `key of ${target.entity}` : `x-unique field of ${target.entity}`,
        k,
        CompletionItemKind.Field,
      ),
    );
  }
  return targets.map((t, k) =>
    item(
      t.entity,
      t.key ? `${t.entity}.${t.key}` : `${t.entity}.`,
      `entity${t.title ? ` "${t.title}"` : ""}${t.key ? `, key ${t.key}` : ", no x-unique field"}`,
      k,
      CompletionItemKind.Module,
    ),
  );
}

export function completionAt(
  doc: JsonDocument,
  analysis: DocumentModel | undefined,
  position: Position,
  snippets: boolean,
  jsonKeywordCompletion = false,
  refTargets: () => readonly RefTargetChoice[] = () => [],
): CompletionList {
  // getLocation parses the text again, recursing once per level.
  if (doc.tooDeep()) return { isIncomplete: false, items: [] };
  const offset = doc.offsetAt(position);
  const location = jsonc.getLocation(doc.text, offset);
  const path = location.path;
  const previous = location.previousNode;
  const root = doc.value();
  const $schema = typeof root === "object" && root !== null ? (root as Record<string, unknown>).$schema : undefined;
  const clientDraft = jsonKeywordCompletion ? clientKeywordDraft(doc.uri, $schema) : undefined;
  const ctx: Context = { doc, offset, snippets, clientKeywords: clientDraft && draftKeywords(clientDraft) };
  const draft =
    analysis?.loaded?.draft ?? chooseDraft((typeof root === "object" && root !== null ? root : {}) as Schema, analysis?.draft).draft;
  const list = (items: CompletionItem[]): CompletionList => ({ isIncomplete: false, items });

  if (location.isAtPropertyKey) {
    const objectPath = path.slice(0, -1);
    const kind = schemaPathKind(objectPath);
    if (kind === "schema") return list(keywordItems(ctx, draft, objectPath, previous));
    if (kind === "schemaMap" && objectPath.at(-1) === "properties") {
      // Property names that `required` lists but `properties` does not define yet.
      const owner = valueAtPath(root, objectPath.slice(0, -1)) as Record<string, unknown> | undefined;
      const defined = new Set(Object.keys((valueAtPath(root, objectPath) as object) ?? {}));
      const missing = stringsIn(owner?.required).filter((n) => !defined.has(n));
      const replace = stringUnderCursor(ctx, previous) ?? { start: position, end: position };
      return list(
        missing.map((n) => ({
          label: n,
          kind: CompletionItemKind.Field,
          detail: "required, not defined yet",
          filterText: JSON.stringify(n),
          insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
          textEdit: { range: replace, newText: snippets ? `${escapeSnippet(JSON.stringify(n))}: {$1}` : `${JSON.stringify(n)}: {}` },
        })),
      );
    }
    return list([]);
  }

  const last = path.at(-1);
  const parent = path.slice(0, -1);
  if (typeof last === "string" && schemaPathKind(parent) === "schema") {
    switch (last) {
      case "format":
        return list(valueItems(ctx, knownFormatNames(), CompletionItemKind.EnumMember, previous, "format"));
      case "$ref":
        return list(
          valueItems(
            ctx,
            localDefinitionRefs(analysis?.nodes ?? []),
            CompletionItemKind.Reference,
            previous,
            "definition in this document",
          ),
        );
      case "type":
        return list(valueItems(ctx, TYPES, CompletionItemKind.EnumMember, previous, "JSON type"));
      case "x-faker":
        return list(valueItems(ctx, FAKER_LIKE_NAMES, CompletionItemKind.EnumMember, previous, "x-faker generator"));
      case "x-ref":
        return list(refItems(ctx, previous, refTargets()));
      case "x-ref-distribution":
        return list(valueItems(ctx, REF_DISTRIBUTIONS, CompletionItemKind.EnumMember, previous, "how parents are picked"));
      case "$schema":
        return list(
          parent.length === 0 ? valueItems(ctx, Object.values(DRAFT_URIS), CompletionItemKind.Value, previous, "JSON Schema draft") : [],
        );
      default: {
        const info = draftKeywords(draft).get(last) ?? EXTENSION_KEYWORD_INFO.find((k) => k.name === last);
        if (info?.kind === "boolean") {
          const replace = { start: position, end: position };
          return list(
            ["true", "false"].map((v) => ({ label: v, kind: CompletionItemKind.Value, textEdit: { range: replace, newText: v } })),
          );
        }
        return list([]);
      }
    }
  }
  const rules = ruleStringOwner(path);
  if (rules && previous?.type === "string" && analysis?.loaded) {
    const owner = valueAtPath(analysis.loaded.main.root, rules);
    if (typeof owner === "object" && owner !== null) return list(ruleItems(ctx, rulePaths(analysis.loaded, owner as SchemaObject)));
  }
  if (typeof last === "number") {
    const key = path.at(-2);
    const owner = path.slice(0, -2);
    if (schemaPathKind(owner) === "schema") {
      if (key === "required") {
        const schema = valueAtPath(root, owner) as Record<string, unknown> | undefined;
        const listed = new Set(stringsIn(schema?.required));
        const typed = previous?.type === "string" ? (previous.value as string) : undefined;
        const names = Object.keys((schema?.properties as object) ?? {}).filter((n) => !listed.has(n) || n === typed);
        return list(valueItems(ctx, names, CompletionItemKind.Field, previous, "property of this schema"));
      }
      if (key === "type") return list(valueItems(ctx, TYPES, CompletionItemKind.EnumMember, previous, "JSON type"));
    }
  }
  return list([]);
}
