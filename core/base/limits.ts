// A named work limit that the input exceeded: a schema error (exit 2) that says what was counted,
// where (file, JSON pointer, line:column), the limit and how to raise it. Each stage that follows
// its input checks its own limit before the work, so that it ends early with this message instead
// of a stack overflow, an exhausted heap or a run that does not end.
import { DEFAULT_LIMITS, WORK_LIMITS, resolveLimits, type LimitName, type Limits } from "../../common/settings";
import { SpecMintError, type SourceLocation } from "./errors";

export { DEFAULT_LIMITS, LIMIT_NAMES, WORK_LIMITS, resolveLimits, type LimitName, type Limits } from "../../common/settings";

/** 1234567 → "1,234,567": limits are read by people. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** How a limit is raised, in every place it can be (the same words in every message). */
export function raiseHint(limit: LimitName): string {
  const max = WORK_LIMITS.find((l) => l.name === limit)?.max;
  return (
    `to allow it, raise the limit: --limit ${limit}=N, or \`${limit} = N\` under [limits] in specmint.toml, ` +
    `or "specmint.limits": {"${limit}": N} in the editor` +
    (max !== undefined ? ` (at most ${groupDigits(max)})` : "")
  );
}

export class LimitError extends SpecMintError {
  constructor(
    /** The limit exceeded. */
    readonly limit: LimitName,
    /** Its value in this run. */
    readonly allowed: number,
    /** What was found, as a phrase: "the schema nests 10,001 deep". */
    found: string,
    location: SourceLocation = {},
  ) {
    super("schema", `${found}, more than the ${limit} limit of ${groupDigits(allowed)}; ${raiseHint(limit)}`, location);
    this.name = "LimitError";
  }
}

/** The limits given, or the defaults. */
export function limitsOf(given: Partial<Limits> | undefined): Limits {
  return given ? resolveLimits(given) : { ...DEFAULT_LIMITS };
}
