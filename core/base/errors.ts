// Errors that reach users carry a location: file, JSON pointer and line:column where known.
// The CLI maps `kind` to its exit code (README "Exit codes").

export type SpecMintErrorKind =
  | "usage" // 64
  | "schema" // 2: cannot be loaded, parsed, resolved or satisfied
  | "io" // 6
  | "validation" // 3
  | "llm"; // 4: an LLM mode was asked for and the host or model is unavailable at start

export interface SourceLocation {
  file?: string;
  pointer?: string;
  line?: number; // 1-based
  column?: number; // 1-based
}

export class SpecMintError extends Error {
  constructor(
    readonly kind: SpecMintErrorKind,
    message: string,
    readonly location: SourceLocation = {},
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = "SpecMintError";
  }
}

/** "file#/pointer line:col" as shown to users. */
export function formatLocation(loc: SourceLocation): string {
  let s = loc.file ?? "";
  if (loc.pointer !== undefined) s += `#${loc.pointer}`;
  if (loc.line !== undefined) s += ` ${loc.line}:${loc.column ?? 1}`;
  return s.trim();
}

/** A thrown value's stack when it has one, else its text: for the log of a failure nobody expected. */
export function stackOf(e: unknown): string {
  const stack = (e as { stack?: unknown } | null | undefined)?.stack;
  return typeof stack === "string" ? stack : String(e);
}

/** A thrown value's message when it has one, else its text. */
export function messageOf(e: unknown): string {
  const message = (e as { message?: unknown } | null | undefined)?.message;
  return typeof message === "string" ? message : String(e);
}
