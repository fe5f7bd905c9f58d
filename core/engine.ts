// The engine's front door: a loaded schema and options in, record i out — valid, or an error
// that says which node could not be satisfied.
import { Compiler, DEFAULT_OPTIONS, FAIL, LIMITS, type Ctx, type GenerationOptions, type Plan } from "./plan";
import { indexKey, recordKey } from "./rng";
import { SpecMintError, type SourceLocation } from "./errors";
import type { LoadedSchema, SchemaObject } from "./schema";
import { SchemaValidator, type ValidationIssue } from "./validate";

/** Whole-record attempts (each on a derived stream) before a record is declared impossible. */
export const RECORD_ATTEMPTS = 24;

export interface GeneratorStats {
  /** Records that needed more than one attempt. */
  retries: number;
}

export class Generator {
  readonly options: GenerationOptions;
  readonly validator: SchemaValidator;
  readonly stats: GeneratorStats = { retries: 0 };
  private readonly compiler: Compiler;
  private readonly root: Plan;

  constructor(readonly loaded: LoadedSchema, options: Partial<GenerationOptions> & { seed: number }) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    if (!Number.isSafeInteger(this.options.seed) || this.options.seed < 0) {
      throw new SpecMintError("usage", `seed must be a non-negative integer, got ${options.seed}`);
    }
    try {
      this.validator = new SchemaValidator(loaded);
    } catch (e) {
      throw new SpecMintError("schema", `the schema cannot be compiled: ${(e as Error).message}`, loaded.locate(""));
    }
    this.compiler = new Compiler(loaded, this.validator, this.options);
    this.root = this.compiler.plan([loaded.main.root]);
    const never = this.root.facts.never;
    if (never) throw this.unsatisfiable(never.at, never.why);
  }

  /** Record `index` (1-based). Throws SpecMintError("schema") when no valid record can be made. */
  record(index: number): unknown {
    const base = recordKey(this.options.seed, index);
    let ctx: Ctx | undefined;
    let lastIssues: ValidationIssue[] = [];
    for (let attempt = 0; attempt < RECORD_ATTEMPTS; attempt++) {
      ctx = { depth: 0, budget: LIMITS.budget };
      const v = this.root.gen(attempt === 0 ? base : indexKey(base, 0x5ec0 + attempt), ctx);
      if (v === FAIL) continue;
      if (this.validator.root(v)) {
        if (attempt > 0) this.stats.retries++;
        return v;
      }
      lastIssues = this.validator.issues(v);
    }
    if (ctx?.failure) throw this.unsatisfiable(ctx.failure.at, ctx.failure.why);
    const first = lastIssues[0];
    const schemaPointer = first ? first.schemaPointer.split("/").slice(0, -1).join("/") : "";
    const loc = this.loaded.locate(schemaPointer);
    throw new SpecMintError(
      "schema",
      `cannot generate a valid record ${index}: ${first ? `${first.message} at ${first.pointer || "/"}` : "no valid value found"}`,
      loc,
      lastIssues.slice(0, 5).map((i) => `record${i.pointer || "/"}: ${i.message} (schema ${i.schemaPointer})`),
    );
  }

  /** Validation issues of a value against the whole schema (first error only; see validate.allIssues). */
  check(value: unknown): ValidationIssue[] {
    return this.validator.issues(value);
  }

  private unsatisfiable(at: SchemaObject | undefined, why: string): SpecMintError {
    const loc: SourceLocation = at ? this.loaded.locate(at) : this.loaded.locate("");
    return new SpecMintError("schema", `the schema cannot be satisfied at ${loc.pointer || "/"}: ${why}`, loc);
  }
}
