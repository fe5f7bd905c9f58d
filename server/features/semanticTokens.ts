// Semantic highlighting (textDocument/semanticTokens): what a JSON grammar cannot know. A key is a
// JSON Schema keyword only in a schema position of the file's draft (`"type"` under `properties` is
// a property name); SpecMint's x- keywords are keywords with a modifier of their own; deprecated
// keywords carry `deprecated`; inside the rule strings of x-cross-field-rules, the rule language's
// tokens (field paths, functions, operators, literals) sit at their exact characters, escapes and
// all. One walk over the parse tree with an explicit stack: a document nested 10,000 deep answers
// like any other.
import type * as jsonc from "jsonc-parser";
import type { Range, SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import { deprecatedKeyword, draftKeywords, EXTENSION_KEYWORD_INFO } from "../../core/analyze";
import { FUNCTIONS, KEYWORDS, REF_FORM, looksLikeProse, RuleSyntaxError, tokenize, type Token } from "../../core/rules";
import { schemaPathStep, type Draft, type PathStepKind } from "../../core/schema";
import type { JsonDocument } from "../jsonDocument";
import { decodedToRawOffsets } from "../stringRanges";

/** Standard LSP token types (so that any theme colours them), in the legend's order. */
const TOKEN_TYPES = ["keyword", "property", "type", "function", "operator", "number", "string", "variable"] as const;
/** `specmint`: one of SpecMint's extension keywords (x-llm, x-cross-field-rules, …); the others are LSP's. */
const TOKEN_MODIFIERS = ["declaration", "deprecated", "specmint"] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

const typeIndex = (t: TokenType) => TOKEN_TYPES.indexOf(t);
const modifierBit = (m: TokenModifier) => 1 << TOKEN_MODIFIERS.indexOf(m);

const EXTENSION_KEYWORDS: ReadonlySet<string> = new Set(EXTENSION_KEYWORD_INFO.map((k) => k.name));
/** Words of the rule language that join expressions, as opposed to the literals true, false, null. */
const WORD_OPERATORS: ReadonlySet<string> = new Set([...KEYWORDS].filter((w) => !["true", "false", "null"].includes(w)));

export interface SemanticTokensOptions {
  /** The draft the document is read as: which keys are keywords. */
  draft: Draft;
  /** The draft whose deprecated keywords are marked (deprecationDraft), or none. */
  deprecationsOf?: Draft;
  /** Rule strings longer than this (the rule-length limit) are not tokenized: the rule check refuses them too. */
  ruleLength: number;
  /** Only tokens that start inside this range (textDocument/semanticTokens/range). */
  range?: Range;
}

interface Found {
  offset: number;
  length: number;
  type: number;
  modifiers: number;
}

/** The rule text's tokens, also around syntax errors: a rule being typed is highlighted up to and after its mistake. */
function ruleTokens(text: string): Token[] {
  const out: Token[] = [];
  const take = (tokens: Token[], shift: number) => {
    for (const t of tokens) if (t.kind !== "eof") out.push({ ...t, start: t.start + shift, end: t.end + shift });
  };
  // Each round reads up to the next error and goes on after it: every character is read at most twice.
  for (let from = 0; from < text.length;) {
    try {
      take(tokenize(text.slice(from)), from);
      break;
    } catch (e) {
      if (!(e instanceof RuleSyntaxError)) throw e;
      try {
        take(tokenize(text.slice(from, from + e.offset)), from);
      } catch {
        // what came before the mistake is not a complete token either: nothing to show there
      }
      from += e.offset + Math.max(1, e.length);
    }
  }
  return out;
}

/** What a rule token is to a reader; undefined for punctuation (and the `*` of `items[*]`). */
function ruleTokenType(tokens: readonly Token[], k: number): TokenType | undefined {
  const t = tokens[k];
  const previous = tokens[k - 1]?.kind;
  switch (t.kind) {
    case "number":
      return "number";
    case "string":
      return "string";
    case "op":
      return previous === "[" && tokens[k + 1]?.kind === "]" ? undefined : "operator";
    case "$":
      return "variable";
    case "ident":
      // After a dot every word is a property name, a keyword too (`order.in`).
      if (previous === ".") return "property";
      if (WORD_OPERATORS.has(t.text)) return "operator";
      if (KEYWORDS.has(t.text)) return "keyword";
      if (tokens[k + 1]?.kind === "(" && (Object.hasOwn(FUNCTIONS, t.text) || t.text === REF_FORM)) return "function";
      return "variable";
    default:
      return undefined;
  }
}

/** The tokens of one rule string literal, placed on the document's characters. */
function ruleStringTokens(doc: JsonDocument, node: jsonc.Node, ruleLength: number, out: Found[]): void {
  const text = node.value as string;
  if (text.length > ruleLength || looksLikeProse(text)) return;
  const base = node.offset + 1;
  const raw = doc.text.slice(base, node.offset + node.length - 1);
  const map = decodedToRawOffsets(raw);
  const last = map.length - 1;
  const tokens = ruleTokens(text);
  for (let k = 0; k < tokens.length; k++) {
    const type = ruleTokenType(tokens, k);
    if (!type) continue;
    const start = map[Math.min(tokens[k].start, last)];
    const end = map[Math.min(tokens[k].end, last)];
    if (end > start) out.push({ offset: base + start, length: end - start, type: typeIndex(type), modifiers: 0 });
  }
}

/** The rule strings of an x-cross-field-rules array: each element, or the `rule` of an element object. */
function rulesTokens(doc: JsonDocument, list: jsonc.Node, ruleLength: number, out: Found[]): void {
  for (const item of list.children ?? []) {
    const rule =
      item.type === "object"
        ? item.children?.find((m) => m.children?.[0]?.value === "rule" && m.children[1]?.type === "string")?.children?.[1]
        : item;
    if (rule?.type === "string") ruleStringTokens(doc, rule, ruleLength, out);
  }
}

/** The semantic tokens of a schema document, in LSP's relative encoding. */
export function semanticTokensFor(doc: JsonDocument, options: SemanticTokensOptions): SemanticTokens {
  const found: Found[] = [];
  const keywords = draftKeywords(options.draft);
  const stack: { node: jsonc.Node; kind: PathStepKind; keyword?: string }[] = doc.tree ? [{ node: doc.tree, kind: "schema" }] : [];
  const push = (node: jsonc.Node, type: TokenType, ...modifiers: TokenModifier[]) =>
    found.push({
      offset: node.offset,
      length: node.length,
      type: typeIndex(type),
      modifiers: modifiers.reduce((m, x) => m | modifierBit(x), 0),
    });
  while (stack.length) {
    const { node, kind, keyword } = stack.pop()!;
    const children = node.children ?? [];
    if (node.type === "array") {
      children.forEach((element, index) => {
        const next = schemaPathStep(kind, index);
        if (next !== "other") stack.push({ node: element, kind: next, keyword });
      });
      continue;
    }
    if (node.type !== "object") continue;
    // An object in a schema position is a schema (also the one-schema form of `items`).
    const isSchema = kind === "schema" || kind === "itemsLike";
    const isArray = (key: string) => children.some((m) => m.children?.[0]?.value === key && m.children[1]?.type === "array");
    for (const member of children) {
      const [keyNode, valueNode] = member.children ?? [];
      if (keyNode?.type !== "string") continue;
      const key = keyNode.value as string;
      if (isSchema) {
        const deprecated = options.deprecationsOf && deprecatedKeyword(options.deprecationsOf, key, isArray);
        if (EXTENSION_KEYWORDS.has(key)) push(keyNode, "keyword", "specmint");
        else if (deprecated) push(keyNode, "keyword", "deprecated");
        else if (keywords.has(key)) push(keyNode, "keyword");
      } else if (kind === "schemaMap") {
        // The names of $defs/definitions are the schema's own types; the rest name properties.
        push(keyNode, keyword === "$defs" || keyword === "definitions" ? "type" : "property", "declaration");
      }
      if (!valueNode || (valueNode.type !== "object" && valueNode.type !== "array")) continue;
      if (isSchema && key === "x-cross-field-rules") {
        if (valueNode.type === "array") rulesTokens(doc, valueNode, options.ruleLength, found);
        continue;
      }
      // dependentRequired maps property names to lists of them: its keys are property names too.
      const next = isSchema && key === "dependentRequired" ? "schemaMap" : schemaPathStep(kind, key);
      if (next !== "other") stack.push({ node: valueNode, kind: next, keyword: key });
    }
  }
  let from = 0;
  let to = Infinity;
  if (options.range) {
    from = doc.offsetAt(options.range.start);
    to = doc.offsetAt(options.range.end);
  }
  const shown = found.filter((f) => f.offset >= from && f.offset < to).sort((a, b) => a.offset - b.offset);
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const f of shown) {
    const at = doc.positionAt(f.offset);
    data.push(at.line - line, at.line === line ? at.character - character : at.character, f.length, f.type, f.modifiers);
    line = at.line;
    character = at.character;
  }
  return { data };
}
