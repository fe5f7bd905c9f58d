// Findings (pointer-based, from core) as LSP diagnostics on the exact text they are about.
import * as jsonc from "jsonc-parser";
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation, type Range } from "vscode-languageserver";
import type { Finding, FindingPlace, FindingSeverity } from "../core/analyze";
import { DIAGNOSTIC_SOURCE } from "../common/protocol";
import type { JsonDocument } from "./jsonDocument";
import { rangeInStringValue } from "./stringRanges";

const SEVERITY: Record<FindingSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The range a finding place names; a pointer that no longer exists falls back to its nearest ancestor. */
export function placeRange(doc: JsonDocument, place: FindingPlace): Range {
  const t = place.target;
  if (t.part === "string") {
    const r = rangeInStringValue(doc, place.pointer, t.offset, t.length);
    if (r) return r;
  }
  let pointer = place.pointer;
  for (;;) {
    const r = doc.memberRange(pointer, t.part === "key" ? "key" : "value");
    if (r) return r;
    if (pointer === "") break;
    pointer = pointer.slice(0, pointer.lastIndexOf("/"));
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
}

export function findingToDiagnostic(doc: JsonDocument, f: Finding): Diagnostic {
  const related: DiagnosticRelatedInformation[] | undefined = f.related?.map((r) => ({
    location: { uri: doc.uri, range: placeRange(doc, r) },
    message: r.message,
  }));
  const d: Diagnostic = {
    range: placeRange(doc, f),
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.code,
    message: f.message,
  };
  if (related?.length) d.relatedInformation = related;
  // Struck through by editors rather than underlined: the keyword works, it is just not current.
  if (f.deprecated) d.tags = [DiagnosticTag.Deprecated];
  return d;
}

export function syntaxDiagnostics(doc: JsonDocument): Diagnostic[] {
  if (doc.unreadable) {
    return [
      {
        range: doc.rangeOf(0, 1),
        severity: DiagnosticSeverity.Error,
        source: DIAGNOSTIC_SOURCE,
        code: "json-syntax",
        message: `JSON syntax error: ${doc.unreadable}`,
      },
    ];
  }
  const errors = doc.syntaxErrors;
  const shown = errors.slice(0, MAX_SYNTAX_DIAGNOSTICS).map((e) => ({
    range: doc.rangeOf(e.offset, Math.max(1, e.length)),
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: "json-syntax",
    message: `JSON syntax error: ${describeParseError(e.error)}`,
  }));
  if (errors.length > MAX_SYNTAX_DIAGNOSTICS) {
    const next = errors[MAX_SYNTAX_DIAGNOSTICS];
    const more = (errors.length - MAX_SYNTAX_DIAGNOSTICS).toLocaleString("en-US");
    shown.push({
      range: doc.rangeOf(next.offset, Math.max(1, next.length)),
      severity: DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      code: "json-syntax",
      message: `JSON syntax error: ${describeParseError(next.error)}, and ${more} more from here on, not shown (they often follow from the first ones: fix those first)`,
    });
  }
  return shown;
}

/**
 * Syntax errors shown one by one; the rest are one diagnostic. One stray character deep in a large
 * document makes the parser's recovery report thousands, which no one reads and which an editor
 * redraws on every keystroke.
 */
export const MAX_SYNTAX_DIAGNOSTICS = 100;

function describeParseError(code: jsonc.ParseErrorCode): string {
  const words: Partial<Record<jsonc.ParseErrorCode, string>> = {
    [jsonc.ParseErrorCode.InvalidSymbol]: "unexpected character",
    [jsonc.ParseErrorCode.InvalidNumberFormat]: "malformed number",
    [jsonc.ParseErrorCode.PropertyNameExpected]: "a property name (in double quotes) is expected",
    [jsonc.ParseErrorCode.ValueExpected]: "a value is expected",
    [jsonc.ParseErrorCode.ColonExpected]: "a colon is expected after the property name",
    [jsonc.ParseErrorCode.CommaExpected]: "a comma is expected",
    [jsonc.ParseErrorCode.CloseBraceExpected]: "a closing brace } is expected",
    [jsonc.ParseErrorCode.CloseBracketExpected]: "a closing bracket ] is expected",
    [jsonc.ParseErrorCode.EndOfFileExpected]: "nothing may follow the top-level value",
    [jsonc.ParseErrorCode.UnexpectedEndOfComment]: "unterminated comment",
    [jsonc.ParseErrorCode.UnexpectedEndOfString]: "unterminated string",
    [jsonc.ParseErrorCode.UnexpectedEndOfNumber]: "unterminated number",
    [jsonc.ParseErrorCode.InvalidUnicode]: "invalid \\u escape",
    [jsonc.ParseErrorCode.InvalidEscapeCharacter]: "invalid escape character",
    [jsonc.ParseErrorCode.InvalidCharacter]: "invalid character in a string",
  };
  return words[code] ?? jsonc.printParseErrorCode(code);
}
