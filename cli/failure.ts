// Exit codes (README "Exit codes") and the summary every failure ends with.
import { LimitError, SpecMintError, formatLocation, type SpecMintErrorKind } from "../core/base";
import { SIGNAL_EXIT } from "./threads";

export const EXIT = {
  ok: 0,
  bug: 1,
  schema: 2,
  validation: 3,
  llmUnavailable: 4,
  io: 6,
  usage: 64,
  /** Ctrl-C (SIGINT). */
  interrupted: SIGNAL_EXIT.SIGINT,
  /** SIGTERM (`kill`, `timeout`, a CI job cancelled). */
  terminated: SIGNAL_EXIT.SIGTERM,
} as const;

/**
 * The exit code of a run that `signal` stopped: 143 when SIGTERM stopped it (cli/worker.ts aborts
 * with the signal's name as `reason.signal`), 130 for Ctrl-C and for any other abort.
 */
export function interruptedExit(signal: AbortSignal): number {
  const reason: unknown = signal.reason;
  return typeof reason === "object" && reason !== null && (reason as { signal?: unknown }).signal === "SIGTERM"
    ? EXIT.terminated
    : EXIT.interrupted;
}

const BY_KIND: Record<SpecMintErrorKind, number> = {
  usage: EXIT.usage,
  schema: EXIT.schema,
  io: EXIT.io,
  validation: EXIT.validation,
  llm: EXIT.llmUnavailable,
};

const KIND_WORDS: Record<SpecMintErrorKind, string> = {
  usage: "usage error",
  schema: "schema error",
  io: "I/O error",
  validation: "validation failure",
  llm: "LLM provider unavailable",
};

export const MAX_EXAMPLES = 5;

export function exitCodeOf(e: unknown): number {
  return e instanceof SpecMintError ? (BY_KIND[e.kind] ?? EXIT.bug) : EXIT.bug;
}

/** The text printed on stderr for an error, ending with its summary line. */
export function describeFailure(e: unknown): string {
  if (!(e instanceof SpecMintError)) {
    const err = e instanceof Error ? e : new Error(String(e));
    return (
      `specmint: internal error (this is a bug in SpecMint): ${err.message}\n` +
      `${err.stack ?? ""}\n` +
      `summary: 1 internal error, exit ${EXIT.bug}; please report it with the command that caused it\n`
    );
  }
  // A work limit is not a fault of the schema (a dataset record can be what is too deep): said as such.
  const limit = e instanceof LimitError;
  const lines = [`specmint: ${limit ? "over a work limit" : (KIND_WORDS[e.kind] ?? "error")}: ${e.message}`];
  const where = formatLocation(e.location);
  // The message of a parse error already starts with its location; do not say it twice.
  if (where && !e.message.includes(where)) lines.push(`  at ${where}`);
  const shown = e.details.slice(0, MAX_EXAMPLES);
  if (shown.length > 0) {
    lines.push(e.details.length > MAX_EXAMPLES ? `  first ${MAX_EXAMPLES} of ${e.details.length}:` : "  details:");
    for (const d of shown) lines.push(`    - ${d}`);
  }
  const what = limit ? "input over a work limit" : KIND_WORDS[e.kind];
  const count = e.details.length > 1 ? `1 ${what} (${e.details.length} problems)` : `1 ${what}`;
  lines.push(`summary: ${count}, exit ${exitCodeOf(e)}`);
  return lines.join("\n") + "\n";
}
