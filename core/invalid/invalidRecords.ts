// `--kind invalid`: record i is valid record i with the smallest change that breaks constraint
// number (i − 1) mod N of the schema's N violable constraints, so that every constraint is broken
// in turn. A record is kept only when the engine's ajv (all errors) rejects it for that keyword at
// that place and for nothing else, and its cross-field rules still hold: the label is then the whole
// truth. A constraint the record cannot break alone is passed over for the next one.
import { childKey, hashString, recordKey, type Key } from "../base/rng";
import { SpecMintError } from "../base/errors";
import type { Generator } from "../engine/generator";
import { freshValues, reach, type MutationContext, type Place } from "../engine/places";
import { SchemaValidator } from "../validate/ajv";
import { APPLICATOR_KEYWORDS, VIOLABLE_KEYWORDS, violableConstraints, type ViolableConstraint } from "./constraints";
import { eachBreakingValue } from "./mutations";
import { RULE_KEYWORD, ruleConstraints } from "./ruleConstraints";
import { branchTargets } from "./branchTargets";
import {
  describeViolation,
  isLabelledError,
  reportedKeyword,
  reportedSchemaPath,
  validatorError,
  valueAt,
  type ValidatorError,
} from "./labels";
import { uniqueConstraints, UNIQUE_LABEL_KEYWORD } from "./uniqueConstraints";

/** One line of violations.jsonl: what record `index` breaks, where, and the validator's error for it. */
export interface Violation {
  index: number;
  /** JSON pointer into the record. */
  instance_path: string;
  /** JSON pointer of the keyword in the schema (ajv's schemaPath without `#`). */
  schema_path: string;
  keyword: string;
  /** A sentence naming the field, its value and the constraint ("amount 0 is below minimum 0.01"). */
  message: string;
  /**
   * The validator's error for it (ajv, all errors: instancePath, schemaPath, keyword, params,
   * message); for a rule or x-unique, an error of the same shape with keyword x-cross-field-rules
   * (params.rule) or x-unique (params.duplicateOf).
   */
  expected: ValidatorError;
  /** x-cross-field-rules: the rule's text. */
  rule?: string;
  /** oneOf: how many branches the value matches (0, or 2 or more). */
  matches?: number;
  /** x-unique: the earlier record whose value this one repeats. */
  duplicate_of?: number;
}

export interface InvalidRecord {
  record: unknown;
  violation: Violation;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** The type a keyword is about: it breaks only on values of that type. */
const KEYWORD_TYPES: Record<string, "array" | "object" | "string" | "number"> = {
  minItems: "array",
  maxItems: "array",
  uniqueItems: "array",
  contains: "array",
  minContains: "array",
  maxContains: "array",
  unevaluatedItems: "array",
  required: "object",
  minProperties: "object",
  maxProperties: "object",
  additionalProperties: "object",
  unevaluatedProperties: "object",
  dependentRequired: "object",
  dependencies: "object",
  propertyNames: "object",
  minLength: "string",
  maxLength: "string",
  pattern: "string",
  format: "string",
  multipleOf: "number",
};
const TYPE_OF = {
  array: Array.isArray,
  object: isObj,
  string: (v: unknown) => typeof v === "string",
  number: (v: unknown) => typeof v === "number",
};
const EMPTY_OF = { array: () => [], object: () => ({}), string: () => "", number: () => 0 };
/** Values of a place's schemas tried for one of the keyword's type. */
const RETYPE_TRIES = 8;

/** Candidates checked for one keyword (not an applicator's, not a rule's) in one record before it is passed over. */
const CANDIDATE_TRIES = 16;

/** Keywords whose failure is the enum's or const's own, or is not ajv's (see siblingValues). */
const SIBLING_KEYWORDS: ReadonlySet<string> = new Set(["enum", "const", RULE_KEYWORD, UNIQUE_LABEL_KEYWORD]);

/** Earlier records an x-unique duplicate may copy from (the nearest first). */
const DUPLICATE_LOOKBACK = 8;

export class InvalidRecords {
  /** The constraints broken in turn (only those of the asked keywords). */
  readonly constraints: ViolableConstraint[];
  private readonly checker: SchemaValidator;
  private readonly schemasAt: ReturnType<typeof violableConstraints>["schemasAt"];
  private readonly unconditional: ReturnType<typeof violableConstraints>["unconditional"];
  private readonly targets = new Map<ViolableConstraint, string[]>();
  /** Every violable constraint of the schema, --violate or not. */
  private readonly all: ViolableConstraint[];

  /**
   * `keywords`: break only constraints of these keywords (--violate). Throws a usage error when the
   * schema has none of them, a schema error when it has no violable constraint at all.
   */
  constructor(
    readonly generator: Generator,
    keywords?: readonly string[],
  ) {
    const loaded = generator.loaded;
    // A property name of a patternProperties pattern, made as generation makes a string of it.
    const names = childKey(recordKey(generator.options.seed, 0), hashString("$invalid-names"));
    const nameFor = (pattern: string) => {
      const v = generator.valueFor([{ type: "string", pattern, minLength: 1, maxLength: 24 }], childKey(names, hashString(pattern)));
      return typeof v === "string" ? v : undefined;
    };
    const index = violableConstraints(loaded, generator.validator, nameFor);
    if (generator.unique) index.constraints.push(...uniqueConstraints(loaded, generator.unique));
    if (generator.rules) index.constraints.push(...ruleConstraints(generator.rules));
    this.schemasAt = index.schemasAt;
    this.all = index.constraints;
    this.unconditional = index.unconditional;
    this.constraints = keywords ? index.constraints.filter((c) => keywords.includes(c.keyword)) : index.constraints;
    if (this.constraints.length === 0) {
      const present = VIOLABLE_KEYWORDS.filter((k) => index.constraints.some((c) => c.keyword === k));
      if (keywords && present.length > 0)
        throw new SpecMintError(
          "usage",
          `--violate ${keywords.join(",")}: the schema holds every record to no constraint of ${keywords.length === 1 ? "that keyword" : "these keywords"} (those inside anyOf/oneOf branches are not broken); the keywords it has that can be broken are ${present.join(", ")}; see specmint generate --help`,
        );
      throw new SpecMintError(
        "schema",
        `the schema has no constraint a record can break (invalid records break one of ${VIOLABLE_KEYWORDS.join(", ")} where it applies to every record)`,
        loaded.locate(""),
      );
    }
    this.checker = new SchemaValidator(loaded, { allErrors: true, schemaChecked: true });
    this.duplicates = this.constraints.some((c) => c.keyword === UNIQUE_LABEL_KEYWORD);
  }

  /** Record `index` (1-based) of kind invalid, with its label. Throws SpecMintError("schema") when no constraint can be broken alone. */
  record(index: number): InvalidRecord {
    const made = this.make(index, false);
    if (made) return made;
    const n = this.constraints.length;
    throw new SpecMintError(
      "schema",
      `cannot make invalid record ${index}: none of the ${n} constraint${n === 1 ? "" : "s"} can be broken in it without breaking something else as well (another keyword, a cross-field rule)`,
      this.generator.loaded.locate(""),
      this.constraints.slice(0, 5).map((c) => `${c.keyword} at ${c.instanceTemplate || "/"} (schema ${c.schemaPath || "/"})`),
    );
  }

  /**
   * Record `index`, or undefined when no constraint can be broken in it. `probe`: made only to read
   * an earlier record's values (for an x-unique duplicate); undefined as soon as its turn comes to an
   * x-unique constraint, whose outcome would need records before it in turn.
   */
  private make(index: number, probe: boolean): InvalidRecord | undefined {
    if (probe && this.probes.has(index)) return this.probes.get(index) ?? undefined;
    const valid = this.generator.record(index);
    const base = childKey(recordKey(this.generator.options.seed, index), hashString("$invalid"));
    const n = this.constraints.length;
    // Whether an x-unique constraint came up before the record was made: until one does, the record
    // is the same made as a probe or not, and is kept as the probe of its index.
    let sawUnique = false;
    let found: InvalidRecord | undefined;
    // First the constraints whose place the record has (or whose place is an absent property of an
    // object it has), so that the record differs from valid record i only inside the labelled place;
    // then, when none of them works, those reached by adding what is missing on the way.
    search: for (const lenient of [false, true])
      for (let k = 0; k < n; k++) {
        const c = this.constraints[(index - 1 + k) % n];
        if (c.keyword === UNIQUE_LABEL_KEYWORD) {
          if (probe) break search;
          // Its probe would stop here, with nothing found: kept now, so that the x-unique records after
          // it do not make it again.
          if (!sawUnique) this.keepProbe(index, undefined);
          sawUnique = true;
        }
        found = this.breakOne(valid, c, base, index, lenient);
        if (found) break search;
      }
    if (!sawUnique) this.keepProbe(index, found);
    return found;
  }

  /**
   * Probes (records made only to read their values for a later record's x-unique duplicate), by
   * index: a duplicate looks at the DUPLICATE_LOOKBACK records before it, which a run made just
   * before. A probe is a function of its index alone, so keeping it changes no record.
   */
  private readonly probes = new Map<number, InvalidRecord | null>();

  /** Whether an x-unique constraint is broken in turn (its duplicates read probes). */
  private readonly duplicates: boolean;

  private keepProbe(index: number, made: InvalidRecord | undefined): void {
    // Without an x-unique constraint no probe is asked for. A kept record outlives the young
    // generation's collections and is copied by each: kept only as long as a duplicate may ask.
    if (!this.duplicates) return;
    if (this.probes.size >= DUPLICATE_LOOKBACK) this.probes.delete(this.probes.keys().next().value!);
    this.probes.set(index, made ?? null);
  }

  private breakOne(valid: unknown, c: ViolableConstraint, base: Key, index: number, lenient: boolean): InvalidRecord | undefined {
    // Only the containers on the way to the place are copied (reach's copy-on-write): the rest of
    // the record is shared with valid record i, which nothing changes.
    const root = { value: valid };
    const fresh: MutationContext = {
      ...freshValues(this.generator, this.schemasAt, base, c.schemaPath),
      itemSchemas: (template) => this.schemasAt.get(`${template}/*`) ?? [],
    };
    const place = reach(root, c.steps, fresh, lenient ? "lenient" : "last", true);
    if (!place) return undefined;
    if (c.keyword === UNIQUE_LABEL_KEYWORD) return this.duplicate(root, place, c, index, !lenient);
    // A keyword this many of its smallest changes do not break alone (a date-time a rule reads, so
    // that no text breaks its format and not the rule) is passed over for the next constraint.
    // Applicators and rules keep all their tries: few of theirs (values of other branches, swaps)
    // break them alone.
    const limit = APPLICATOR_KEYWORDS.has(c.keyword) || c.keyword === RULE_KEYWORD ? Infinity : CANDIDATE_TRIES;
    let tries = 0;
    const allowed = lenient ? undefined : this.siblingValues(c);
    for (const candidate of this.candidates(c, place, fresh)) {
      if (++tries > limit) break;
      if (allowed && !allowed(candidate)) continue;
      place.set(candidate);
      const failure = this.soleError(root.value, c, place.pointer, !lenient);
      if (failure) return { record: root.value, violation: labelOf(index, c, place.pointer, root.value, failure) };
    }
    return undefined;
  }

  /**
   * For a keyword (not an applicator's, not enum or const) on a schema object with an enum or a
   * const: whether a value is one of those. ajv, with all errors, checks the enum wherever it checks
   * the keyword beside it, so a value outside it fails that too, at the same place, and cannot break
   * `c` alone: it is passed over without a run of ajv (a string enum's `type` is broken only by
   * values that are all refused so). Undefined when the schema object has neither.
   */
  private siblingValues(c: ViolableConstraint): ((v: unknown) => boolean) | undefined {
    if (this.allowedBy.has(c)) return this.allowedBy.get(c);
    let allowed: ((v: unknown) => boolean) | undefined;
    const own = (k: string) => Object.prototype.hasOwnProperty.call(c.schema, k);
    const values = Array.isArray(c.schema.enum) ? (c.schema.enum as unknown[]) : own("const") ? [c.schema.const] : undefined;
    if (values && !APPLICATOR_KEYWORDS.has(c.keyword) && !SIBLING_KEYWORDS.has(c.keyword)) {
      // ajv compares objects and arrays by their contents: such a value is left to ajv when the enum has one.
      const structured = values.some((v) => typeof v === "object" && v !== null);
      allowed = (v) => (typeof v === "object" && v !== null ? structured : values.includes(v));
    }
    this.allowedBy.set(c, allowed);
    return allowed;
  }

  private readonly allowedBy = new Map<ViolableConstraint, ((v: unknown) => boolean) | undefined>();

  /**
   * The breaking values of `c` at `place`: from the value there; for a keyword of one type (maxItems,
   * pattern) when that value is of another type (a schema without `type`), from values of the
   * place's schemas of that type, then from the smallest value of it.
   */
  private *candidates(c: ViolableConstraint, place: Place, fresh: MutationContext): IterableIterator<unknown> {
    yield* eachBreakingValue(c, place.value, fresh);
    const type = KEYWORD_TYPES[c.keyword];
    if (!type || TYPE_OF[type](place.value)) return;
    const template = c.instanceTemplate;
    for (let t = 1; t <= RETYPE_TRIES; t++) {
      const v = fresh.at(template, t);
      if (v !== undefined && TYPE_OF[type](v)) yield* eachBreakingValue(c, v, fresh);
    }
    yield* eachBreakingValue(c, EMPTY_OF[type](), fresh);
  }

  /**
   * ajv's error when `record` fails by `c`'s keyword at `pointer` and by nothing else (rules
   * included), with the errors that explain it; else undefined. The errors ajv gives inside an
   * applicator (a oneOf's branches, a propertyNames pattern) explain that one failure and are part of it.
   * `onlyThere`: the record differs from valid record i only at `pointer`.
   */
  private soleError(record: unknown, c: ViolableConstraint, pointer: string, onlyThere: boolean): Failure | undefined {
    if (c.keyword === RULE_KEYWORD) return this.soleRuleFailure(record, c, pointer);
    // The rules first, when they may fail: cheaper than ajv with all errors, and a record that breaks
    // one is refused whatever ajv says.
    if (!this.rulesHold(record, pointer, onlyThere)) return undefined;
    const validate = this.checker.root;
    if (validate(record)) return undefined;
    const errors = (validate.errors ?? []) as ValidatorError[];
    const main = this.errorOf(c, pointer, errors);
    if (!main) return undefined;
    const explaining = { unconditional: this.unconditional, targets: this.targetsOf(c) };
    if (!errors.every((e) => e === main || belongsTo(e, c, pointer, explaining))) return undefined;
    return { error: validatorError(main), explaining: errors.filter((e) => e !== main).map(validatorError) };
  }

  /**
   * x-unique broken at the dataset level: the value at `place` takes the value an earlier record of
   * the dataset has there (the nearest of the DUPLICATE_LOOKBACK before it whose value is a valid
   * one and differs), and the record stays valid otherwise. The label is on this, the later, record.
   */
  private duplicate(
    root: { value: unknown },
    place: Place,
    c: ViolableConstraint,
    index: number,
    onlyThere: boolean,
  ): InvalidRecord | undefined {
    for (let j = index - 1; j >= Math.max(1, index - DUPLICATE_LOOKBACK); j--) {
      const earlier = this.make(j, true);
      if (!earlier) continue;
      const v = valueAt(earlier.record, place.pointer);
      if (v === undefined || JSON.stringify(v) === JSON.stringify(place.value)) continue;
      place.set(JSON.parse(JSON.stringify(v)));
      if (!this.rulesHold(root.value, place.pointer, onlyThere) || !this.checker.root(root.value)) continue;
      const error: ValidatorError = {
        instancePath: place.pointer,
        schemaPath: `#${c.schemaPath}`,
        keyword: UNIQUE_LABEL_KEYWORD,
        params: { duplicateOf: j },
        message: `must be unique across the dataset (record ${j} has the same value)`,
      };
      return { record: root.value, violation: labelOf(index, c, place.pointer, root.value, { error, explaining: [] }) };
    }
    return undefined;
  }

  /**
   * Whether the cross-field rules hold for `record`. `onlyThere`: it differs from valid record i only
   * at `pointer`; the valid record holds every rule, so only those that read that place are checked.
   */
  private rulesHold(record: unknown, pointer: string, onlyThere: boolean): boolean {
    const rules = this.generator.rules;
    return !rules || rules.allHold(record, onlyThere ? pointer : undefined);
  }

  /**
   * ajv's error for `c` at `pointer`: the one at its schema path (ajv percent-encodes property names
   * there); else, when ajv reports a `$ref` target under a path of its own (`#foo/type`, the first
   * `$ref`'s path, another resource's), the one error of that keyword at that place, provided no
   * other constraint has that keyword there (so that it cannot be another's).
   */
  private errorOf(c: ViolableConstraint, pointer: string, errors: ValidatorError[]): ValidatorError | undefined {
    const keyword = reportedKeyword(c.keyword);
    const here = errors.filter((e) => e.keyword === keyword && e.instancePath === pointer);
    const exact = reportedSchemaPath(c.schemaPath, c.keyword);
    const found = here.find((e) => e.schemaPath === exact || decodedPath(e.schemaPath) === exact);
    if (found) return found;
    if (here.length !== 1) return undefined;
    const same = this.all.filter((o) => o.keyword === c.keyword && o.instanceTemplate === c.instanceTemplate).length;
    return same === 1 ? here[0] : undefined;
  }

  /** The $ref targets inside an applicator's subschemas, found once per constraint. */
  private targetsOf(c: ViolableConstraint): string[] {
    if (!APPLICATOR_KEYWORDS.has(c.keyword)) return [];
    let t = this.targets.get(c);
    if (!t) this.targets.set(c, (t = branchTargets(this.generator.loaded, c)));
    return t;
  }

  /** A record that breaks a cross-field rule must pass the schema and fail that rule, there, and no other. */
  private soleRuleFailure(record: unknown, c: ViolableConstraint, pointer: string): Failure | undefined {
    // The rules first: most values tried keep every rule, and then ajv need not run.
    const rules = this.generator.rules!;
    if (rules.allHold(record) || !this.checker.root(record)) return undefined;
    const failing = rules.failing(record);
    if (failing.length !== 1 || failing[0].rule !== c.expected || !(failing[0].pointer + "/").startsWith(pointer + "/")) return undefined;
    const error = {
      instancePath: pointer,
      schemaPath: `#${c.schemaPath}`,
      keyword: RULE_KEYWORD,
      params: { rule: c.expected },
      message: failing[0].message,
    };
    return { error, explaining: [], message: failing[0].message };
  }
}

/** An ajv schemaPath with its percent-encoding undone (`#/properties/foo%0Abar/type`). */
function decodedPath(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/** How a candidate record fails: the validator's error for the constraint, the errors that explain it, and (for a rule) its sentence. */
interface Failure {
  error: ValidatorError;
  explaining: ValidatorError[];
  message?: string;
}

/** The label of record `index`, which breaks `c` at `pointer` as `failure` says. */
function labelOf(index: number, c: ViolableConstraint, pointer: string, record: unknown, failure: Failure): Violation {
  const { error } = failure;
  const label: Violation = {
    index,
    instance_path: pointer,
    schema_path: c.schemaPath,
    keyword: c.keyword,
    message: failure.message ?? describeViolation(c.keyword, error, record, failure.explaining),
    expected: error,
  };
  if (c.keyword === RULE_KEYWORD) label.rule = c.expected as string;
  if (c.keyword === UNIQUE_LABEL_KEYWORD) label.duplicate_of = error.params.duplicateOf as number;
  if (c.keyword === "oneOf") label.matches = Array.isArray(error.params.passingSchemas) ? error.params.passingSchemas.length : 0;
  return label;
}

/** What tells an error that explains an applicator's failure from one of its own (see belongsTo). */
export interface ExplainingErrors {
  /** Schema objects that apply to every record: pointer in their resource → the instance templates they apply at. */
  unconditional: ReadonlyMap<string, ReadonlySet<string>>;
  /** Resource pointers of the $ref targets inside the applicator's subschemas (branchTargets). */
  targets: readonly string[];
}

/**
 * Whether ajv error `e` is the labelled failure itself or, for an applicator, one of the errors that
 * explain it, at or below its instance path: under its schema path (for `if`, under its `then` or
 * `else`), or inside a `$ref` target of its subschemas (ajv reports those at the target's own path)
 * when that target does not also apply there to every record. Anything else is a failure of its own.
 */
export function belongsTo(
  e: { keyword: string; instancePath: string; schemaPath: string },
  c: ViolableConstraint,
  pointer: string,
  explaining: ExplainingErrors,
): boolean {
  if (isLabelledError(e, { keyword: c.keyword, instance_path: pointer, schema_path: c.schemaPath })) return true;
  if (!APPLICATOR_KEYWORDS.has(c.keyword) || !(e.instancePath === pointer || e.instancePath.startsWith(pointer + "/"))) return false;
  const at = reportedSchemaPath(c.schemaPath, c.keyword);
  const base = at.slice(0, at.length - reportedKeyword(c.keyword).length);
  const inside = c.keyword === "if" ? [`${base}then/`, `${base}else/`] : [`${at}/`];
  if (inside.some((prefix) => e.schemaPath.startsWith(prefix))) return true;
  const carrier = e.schemaPath.slice(1, e.schemaPath.lastIndexOf("/"));
  const inTarget = explaining.targets.some((t) => t !== "" && (carrier === t || carrier.startsWith(t + "/")));
  const template = e.instancePath.replace(/\/\d+(?=\/|$)/g, "/*");
  return inTarget && !(explaining.unconditional.get(carrier)?.has(template) ?? false);
}
