// The editor's checks run in-process on a document string, the way vscode-json-languageservice
// tests its services: text in, findings out, each placed on the text it is about. Placing follows
// server/diagnostics.ts: a `key` target is the member's key with its quotes (the value itself for
// the root and array elements), a `value` target the value's text, a `string` target characters
// inside a string literal, where an escape counts as the one character it stands for. Unlike the
// server, a pointer that is not in the document is a failure here rather than a fall-back to its
// parent: a check must point at text that is there.
import * as path from "node:path";
import * as jsonc from "jsonc-parser";
import { analyzeSchema } from "../../core/analyze";
import type { Finding, FindingPlace } from "../../core/analyze/finding";
import { loadSchemaText, nodeAtPointer, pointerToPath, type LoadedSchema } from "../../core/schema/load";
import { ruleFindings, type RuleCheckOptions } from "../../core/rules/findings";

/** Where the document under test lives; referenced files are given relative to its folder. */
export const DOCUMENT_PATH = path.resolve("/virtual/schemas/doc.schema.json");

export interface LoadedDocument {
  loaded: LoadedSchema;
  /** Why a referenced file could not be used, as the language server records it. */
  fileProblems: Map<string, string>;
}

/** Loads `text` with `files` (path relative to the document's folder → text) as the only other files. */
export function loadDocument(text: string, files: Record<string, string> = {}): LoadedDocument {
  const dir = path.dirname(DOCUMENT_PATH);
  const byPath = new Map(Object.entries(files).map(([p, t]) => [path.resolve(dir, p), t]));
  const fileProblems = new Map<string, string>();
  const loaded = loadSchemaText(text, DOCUMENT_PATH, {
    readFile: (file) => {
      const t = byPath.get(file);
      // As the language server's reader does: a file that cannot be used is recorded, not fatal.
      const problem = t === undefined ? "the file does not exist" : syntaxProblem(t);
      if (problem) {
        fileProblems.set(file, problem);
        throw new Error(problem);
      }
      return t!;
    },
  });
  return { loaded, fileProblems };
}

function syntaxProblem(text: string): string | undefined {
  const errors: jsonc.ParseError[] = [];
  jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length ? `it is not valid JSON (${jsonc.printParseErrorCode(errors[0].error)})` : undefined;
}

export interface PlacedText {
  /** The text the finding's range covers. */
  text: string;
  /** 1-based line of the range's start. */
  line: number;
  offset: number;
  length: number;
}

/** Offsets into a literal's raw text (between the quotes) where each decoded UTF-16 unit starts, and the end. */
function decodedStarts(raw: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < raw.length;) {
    out.push(i);
    if (raw[i] !== "\\") i++;
    else if (raw[i + 1] === "u" && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) i += 6;
    else i += 2;
  }
  out.push(raw.length);
  return out;
}

/** The text a finding (or a related place) names in the document `loaded` was read from. */
export function placeText(loaded: LoadedSchema, place: FindingPlace): PlacedText {
  const { text, tree } = loaded.main;
  const node = nodeAtPointer(tree, pointerToPath(place.pointer));
  if (!node) throw new Error(`pointer ${JSON.stringify(place.pointer)} is not in the document`);
  let offset: number, length: number;
  const t = place.target;
  if (t.part === "key") {
    const key: jsonc.Node = node.parent?.type === "property" ? node.parent.children![0] : node;
    offset = key.offset;
    length = key.length;
  } else if (t.part === "value") {
    offset = node.offset;
    length = node.length;
  } else {
    if (node.type !== "string") throw new Error(`a string target at ${place.pointer}, which is a ${node.type}`);
    const starts = decodedStarts(text.slice(node.offset + 1, node.offset + node.length - 1));
    const last = starts.length - 1;
    const from = Math.min(t.offset, last),
      to = Math.min(t.offset + t.length, last);
    offset = node.offset + 1 + starts[from];
    length = starts[to] - starts[from];
  }
  const line = text.slice(0, offset).split("\n").length;
  return { text: text.slice(offset, offset + length), line, offset, length };
}

export interface PlacedFinding extends PlacedText {
  code: Finding["code"];
  severity: Finding["severity"];
  message: string;
  finding: Finding;
}

export function placeFindings(loaded: LoadedSchema, findings: readonly Finding[]): PlacedFinding[] {
  return findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, ...placeText(loaded, f), finding: f }));
}

/** Keys that make the language server ask the rules module about a schema object (server/ruleFindings.ts). */
const RULE_KEYWORDS = ["x-cross-field-rules", "x-unique"];

/**
 * What the editor shows for a document as a person types: every quick check of core/analyze, then
 * the rules checks for each schema object that carries rules or x-unique (as server/analysis.ts
 * runs them). Not the checks that generate (regex-unsupported, unsatisfiable).
 */
export function editorFindings(text: string, options: { files?: Record<string, string>; rules?: RuleCheckOptions } = {}): PlacedFinding[] {
  const { loaded, fileProblems } = loadDocument(text, options.files);
  const analysis = analyzeSchema(loaded, { fileProblems });
  const findings = [...analysis.findings];
  for (const node of analysis.nodes) {
    if (typeof node.schema === "object" && RULE_KEYWORDS.some((k) => k in (node.schema as object))) {
      findings.push(...ruleFindings(loaded, node.schema, options.rules));
    }
  }
  return placeFindings(loaded, findings);
}

/** A compact line per finding for assertion messages. */
export function shown(findings: readonly PlacedFinding[]): string {
  return (
    findings.map((f) => `${f.code} ${f.severity} line ${f.line} ${JSON.stringify(f.text)}: ${f.message}`).join("\n") || "(no findings)"
  );
}
