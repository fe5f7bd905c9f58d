// What the schema checks report: a problem at a JSON pointer of the schema document, in terms an
// editor, a linter or the CLI can place on their own (the language server turns these into LSP
// diagnostics; nothing here knows about text ranges other than offsets inside string values).

/** Stable codes (docs/protocol.md "Diagnostics"). */
export type FindingCode =
  | "json-syntax"
  | "schema-invalid"
  | "unknown-keyword"
  | "range-empty"
  | "required-undefined"
  | "enum-type-mismatch"
  | "const-type-mismatch"
  | "default-invalid"
  | "example-invalid"
  | "ref-unresolved"
  | "regex-invalid"
  | "regex-unsupported"
  | "format-unknown"
  | "unsatisfiable"
  | "llm-misplaced"
  | "llm-constrained"
  | "faker-unknown"
  | "rule-syntax"
  | "rule-unknown-path"
  | "rule-type"
  | "rule-unenforced"
  | "rule-contradiction"
  | "rule-limit"
  | "rule-ref"
  | "limit-exceeded"
  | "unique-impossible"
  | "keyword-deprecated";

export type FindingSeverity = "error" | "warning" | "information" | "hint";

/**
 * Which text of the member at `pointer` the finding is about: its key (the property name), its
 * value, or — for string values — `length` UTF-16 units from `offset` inside the decoded string.
 */
export type FindingTarget = { part: "key" } | { part: "value" } | { part: "string"; offset: number; length: number };

export interface FindingPlace {
  /** JSON pointer into the schema document. */
  pointer: string;
  target: FindingTarget;
}

/** A repair a person can accept with one click, expressed on the JSON structure, not on text. */
export type FixEdit =
  /** Replace the key at `pointer` (the member keeps its value). */
  | { op: "renameKey"; pointer: string; newKey: string }
  /** Replace the value at `pointer` with `value`. */
  | { op: "setValue"; pointer: string; value: unknown }
  /** Swap the values at two pointers. */
  | { op: "swapValues"; a: string; b: string }
  /** Insert `value` at `pointer` (creating missing parent objects). */
  | { op: "insert"; pointer: string; value: unknown }
  /** Remove the member or array element at `pointer`. */
  | { op: "remove"; pointer: string };

export interface Fix {
  title: string;
  edits: FixEdit[];
  /** The one fix an editor may apply on save or offer first. */
  preferred?: boolean;
}

export interface Finding extends FindingPlace {
  code: FindingCode;
  severity: FindingSeverity;
  message: string;
  /** Other places that explain the finding (the other bound of an empty range, …). */
  related?: (FindingPlace & { message: string })[];
  fixes?: Fix[];
  /** The key is deprecated in the file's draft: editors strike it through (LSP DiagnosticTag.Deprecated). */
  deprecated?: boolean;
}

export const at = {
  key: (pointer: string): FindingPlace => ({ pointer, target: { part: "key" } }),
  value: (pointer: string): FindingPlace => ({ pointer, target: { part: "value" } }),
  inString: (pointer: string, offset: number, length: number): FindingPlace => ({ pointer, target: { part: "string", offset, length } }),
};
