// The engine's front door: a loaded schema and options in, record i out — valid, or an error
// that says which node could not be satisfied.
import { Compiler } from "../plan/compiler";
import { DEFAULT_OPTIONS, FAIL, LIMITS, newCtx, type Ctx, type GenerationOptions } from "../plan/options";
import type { Plan } from "../plan/plan";
import { childKey, hashString, indexKey, recordKey, type Key } from "../base/rng";
import { SpecMintError, formatLocation, type SourceLocation } from "../base/errors";
import type { LoadedSchema, Schema, SchemaObject } from "../schema/load";
import type { SchemaValidator, ValidationIssue } from "../validate/ajv";
import { compileSchemaValidator } from "./validator";
import { reachableSameValueCycle, sameValueCycleMessage } from "../schema/cycles";
import { LimitError } from "../base/limits";
import { localeData } from "../generate/locales";
import { checkGenerationCaps } from "../plan/caps";
import type { OfflineHint } from "../analyze/refs";
import { RuleSet, mentionsRules, type EngineHooks, type LocatedFinding, type RuleEntry, type RuleStats } from "../rules/ruleset";
import type { RuleReferences } from "../rules/references";
import { UniqueAssigner, formatCount, mentionsUnique, uniqueSites, type UniqueSite } from "../generate/unique";
import type { NodeInfo } from "../rules/scope";

/** Whole-record attempts (each on a derived stream) before a record is declared impossible. */
export const RECORD_ATTEMPTS = 24;

export interface GeneratorStats {
  /** Records that needed more than one attempt. */
  retries: number;
  /** Rule repairs applied to the records returned (a rule on one object instance, once per pass). */
  repairs: number;
}

export interface GeneratorExtras {
  /**
   * Stop at construction when an enforced rule has an error (unknown path, type error,
   * contradiction). Default true (the CLI); the editor passes false and shows the findings.
   */
  strictRules?: boolean;
  /** How an unresolved URL reference says to make its document available (default: the CLI's flags). */
  offlineHint?: OfflineHint;
  /** The referenced records, when the schema is an entity of a set: rules with ref(…) are enforced. */
  references?: RuleReferences;
  /** A set's references (core/set): placed after the x-unique values, before the rules, and kept by repairs. */
  referencePlacer?: ReferencePlacer;
}

/** Puts a record's x-ref values in place, given by the set the schema is an entity of (core/set/place.ts). */
export interface ReferencePlacer {
  /** Puts the references of record `index` into `record`, adding each field set to `fields` (rules must not change them). */
  apply(record: unknown, index: number, fields: Map<object, Set<string | number>>): void;
}

const NOT_FROZEN = () => false;

export class Generator {
  readonly options: GenerationOptions;
  readonly validator: SchemaValidator;
  readonly stats: GeneratorStats = { retries: 0, repairs: 0 };
  /** The schema's cross-field rules (undefined when it has none). */
  readonly rules?: RuleSet;
  /** The x-unique nodes (undefined when there are none). */
  readonly unique?: UniqueAssigner;
  private readonly enforcer?: RuleSet;
  private readonly hooks?: EngineHooks;
  private readonly compiler: Compiler;
  private readonly root: Plan;
  private readonly referencePlacer?: ReferencePlacer;

  constructor(
    readonly loaded: LoadedSchema,
    options: Partial<GenerationOptions> & { seed: number },
    extras: GeneratorExtras = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options, locale: options.locale ?? DEFAULT_OPTIONS.locale };
    if (!Number.isSafeInteger(this.options.seed) || this.options.seed < 0) {
      throw new SpecMintError("usage", `seed must be a non-negative integer, got ${options.seed}`);
    }
    // Loaded here, once, so that an unknown locale is a usage error before anything is made.
    localeData(this.options.locale);
    // A minimum above a size cap is refused before anything is compiled or made.
    checkGenerationCaps(loaded);
    this.validator = compileSchemaValidator(loaded, extras.offlineHint);
    this.compiler = new Compiler(loaded, this.validator, this.options);
    this.root = this.compiler.plan([loaded.main.root]);
    const never = this.root.facts.never;
    if (never) throw this.unsatisfiable(never.at, never.why);
    this.referencePlacer = extras.referencePlacer;
    // Schemas without rules or x-unique pay nothing below.
    if (mentionsRules(loaded)) {
      this.rules = new RuleSet(loaded, this.validator, this.options.referenceDate, { references: extras.references });
      if (extras.strictRules !== false) {
        const tooBig = this.rules.entries.find((e) => e.analysis.limit);
        if (tooBig) throw ruleLimitError(tooBig);
        const fatal = this.rules.entries.find(
          (e) => e.severity === "error" && e.analysis.ast && e.analysis.findings.some((f) => f.severity === "error"),
        );
        if (fatal)
          throw ruleError(
            fatal,
            this.rules.findings().filter((f) => f.rule === fatal.text && f.severity === "error"),
          );
      }
      if (this.rules.size > 0) {
        this.enforcer = this.rules;
        this.hooks = {
          valid: (node: NodeInfo, value: unknown) => node.schemas.every((s) => this.validator.forSchema(s as SchemaObject)(value)),
          fresh: (node: NodeInfo, name: string | undefined, key: Key) => this.valueFor(node.schemas, key, name),
        };
      }
    }
    if (mentionsUnique(loaded)) {
      const assigner = new UniqueAssigner(uniqueSites(loaded, this.options.seed, this.options.referenceDate, this.validator));
      if (assigner.sites.length) this.unique = assigner;
    }
  }

  /** Record `index` (1-based). Throws SpecMintError("schema") when no valid record can be made. */
  /** The root validator; a schema whose references never reach a keyword overflows ajv's stack. */
  private valid(v: unknown): boolean {
    try {
      return this.validator.root(v);
    } catch (e) {
      if (e instanceof RangeError) {
        const cycle = reachableSameValueCycle(this.loaded);
        if (cycle) throw new SpecMintError("schema", sameValueCycleMessage(this.loaded, cycle), this.loaded.locate(cycle[0]));
        throw new SpecMintError(
          "schema",
          "checking a value against the schema overflowed the stack: either its references go round without reaching a constraint " +
            '(a cycle through allOf or anyOf, such as {"allOf": [{"$ref": "#"}]}), or it holds more checks than one validator can run ' +
            "(thousands of properties in nested objects); no value can be checked against it",
          this.loaded.locate(""),
        );
      }
      throw e;
    }
  }

  record(index: number): unknown {
    const base = recordKey(this.options.seed, index);
    // Why the last attempt that could not make a value failed. An attempt that made a value records
    // failures too (of branches and optional properties it did without): those are no reason.
    let failure: Ctx["failure"];
    let lastIssues: ValidationIssue[] = [];
    let ruleFailure: { entry: RuleEntry; pointer: string; why: string } | undefined;
    for (let attempt = 0; attempt < RECORD_ATTEMPTS; attempt++) {
      const ctx = newCtx(0, LIMITS.budget);
      const key = attempt === 0 ? base : indexKey(base, 0x5ec0 + attempt);
      const v = this.root.gen(key, ctx);
      if (v === FAIL) {
        failure = ctx.failure;
        continue;
      }
      let frozen: ((c: object, k: string | number) => boolean) | undefined;
      if (this.unique || this.referencePlacer) {
        const fields = new Map<object, Set<string | number>>();
        const exhausted = this.unique?.apply(v, index, fields);
        if (exhausted) throw uniqueImpossible(exhausted, index);
        this.referencePlacer?.apply(v, index, fields);
        frozen = (c, k) => fields.get(c)?.has(k) ?? false;
      }
      let repairs = 0;
      let tally: Parameters<RuleSet["commit"]>[0] | undefined;
      if (this.enforcer) {
        const r = this.enforcer.enforce(v, key, this.hooks!, frozen ?? NOT_FROZEN);
        if (!r.ok) {
          ruleFailure = r;
          continue;
        }
        repairs = r.repairs;
        tally = r.tally;
      }
      if (this.valid(v)) {
        if (attempt > 0) this.stats.retries++;
        this.stats.repairs += repairs;
        if (tally) this.enforcer!.commit(tally);
        return v;
      }
      lastIssues = this.validator.issues(v);
    }
    if (ruleFailure) {
      const { entry, pointer, why } = ruleFailure;
      throw new SpecMintError(
        "schema",
        `rule "${entry.text}" cannot be satisfied together with the schema (record ${index}, at ${pointer || "/"}): ${why}`,
        entry.location,
        lastIssues.slice(0, 5).map((i) => `record${i.pointer || "/"}: ${i.message} (schema ${i.schemaPointer})`),
      );
    }
    if (failure) throw this.unsatisfiable(failure.at, failure.why);
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

  /**
   * A value of the conjunction of `schemas` made from `key`, as generation makes one there (`name`:
   * the property it is for, for realistic strings); undefined when none could be made. Rule repairs
   * take fresh values from here, and the invalid kind the optional values it adds to reach a constraint.
   */
  valueFor(schemas: Schema[], key: Key, name?: string): unknown {
    const v = this.compiler.plan(schemas).gen(key, newCtx(1, 20_000, name));
    return v === FAIL ? undefined : v;
  }

  /**
   * Makes the enforced cross-field rules hold again on a record changed after it was made (a
   * boundary record's edge values), by the repairs generation makes, without touching the `frozen`
   * fields; true when they hold. The record is changed in place.
   */
  repairRules(record: unknown, key: Key, frozen: (container: object, k: string | number) => boolean): boolean {
    if (!this.enforcer) return true;
    return this.enforcer.enforce(record, childKey(key, hashString("$changed")), this.hooks!, frozen).ok;
  }

  /** Validation issues of a value against the whole schema (first error only; see validate.allIssues). */
  check(value: unknown): ValidationIssue[] {
    return this.validator.issues(value);
  }

  /** Per enforced rule: instances checked, held before repair, repaired (records returned so far). */
  ruleStats(): RuleStats[] {
    return this.rules?.ruleStats() ?? [];
  }

  /** Problems of the rules records reach, located in the schema (for the CLI's warnings and the editor). */
  ruleFindings(): LocatedFinding[] {
    return this.rules?.findings() ?? [];
  }

  /**
   * Refuse a dataset of `count` records that some x-unique node cannot fill (unique-impossible):
   * throws SpecMintError("schema") naming the node.
   */
  assertUniqueCapacity(count: number): void {
    if (!this.unique) return;
    for (const s of this.unique.active) {
      if (BigInt(count) > s.capacity!) throw uniqueImpossible(s, count, true);
    }
  }

  /**
   * Lines worth telling the user about rules and x-unique, each starting with "warning: " or
   * "note: " (rules kept as LLM guidance): not errors, generation goes on.
   */
  warnings(): string[] {
    const out: string[] = [];
    for (const f of this.ruleFindings()) {
      if (f.severity === "error" && this.rules!.entries.some((e) => e.text === f.rule && e.severity === "error" && e.analysis.ast))
        continue;
      const where = formatLocation({ file: f.file, pointer: f.pointer, line: f.line, column: f.column });
      out.push(`${f.severity === "information" ? "note" : "warning"}: ${f.code}: rule "${f.rule}": ${f.message} (${where})`);
    }
    if (this.rules?.truncated)
      out.push("warning: the schema has too many paths to look for x-cross-field-rules everywhere; rules deep inside it are not enforced");
    for (const s of this.unique?.sites ?? []) {
      if (s.unsupported) out.push(`warning: x-unique at ${s.path} is not guaranteed: ${s.unsupported} (${formatLocation(s.location)})`);
    }
    return out;
  }

  private unsatisfiable(at: SchemaObject | undefined, why: string): SpecMintError {
    const loc: SourceLocation = at ? this.loaded.locate(at) : this.loaded.locate("");
    return new SpecMintError("schema", `the schema cannot be satisfied at ${loc.pointer || "/"}: ${why}`, loc);
  }
}

function ruleError(entry: RuleEntry, findings: LocatedFinding[]): SpecMintError {
  const f = findings[0];
  const loc: SourceLocation = f ? { file: f.file, pointer: f.pointer, line: f.line, column: f.column } : entry.location;
  return new SpecMintError(
    "schema",
    `rule "${entry.text}" cannot be enforced (${f?.code ?? "rule-error"}): ${f?.message ?? "it has an error"}`,
    loc,
    findings.slice(1, 6).map((x) => `${x.code}: ${x.message}`),
  );
}

function uniqueImpossible(s: UniqueSite, count: number, asked = false): SpecMintError {
  const values =
    s.perRecord > 1n
      ? `${formatCount(s.space!.size)} values for up to ${s.perRecord} per record`
      : `${formatCount(s.space!.size)} values (${s.space!.what})`;
  const message = asked
    ? `x-unique at ${s.path} cannot hold for ${formatCount(BigInt(count))} records: it has only ${values}, enough for ${formatCount(s.capacity!)} records (unique-impossible)`
    : `x-unique at ${s.path} has no value left for record ${count}: it has only ${values} (unique-impossible)`;
  return new SpecMintError("schema", message, s.location);
}

/** A rule beyond rule-length or rule-depth, as the schema error it is (exit 2), at the rule. */
export function ruleLimitError(entry: RuleEntry): LimitError {
  const e = entry.analysis.limit!;
  const err = new LimitError(e.limit, e.allowed, "", entry.location);
  // The rule's own message already names the limit and how to raise it.
  err.message = `cross-field rule ${entry.index + 1}: ${e.message}`;
  return err;
}
