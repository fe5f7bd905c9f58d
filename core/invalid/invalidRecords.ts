// `--kind invalid`: record i is valid record i with the smallest change that breaks constraint
// number (i − 1) mod N of the schema's N violable constraints, so that every constraint is broken
// in turn. A record is kept only when the engine's ajv (all errors) rejects it for that keyword at
// that place and for nothing else, and its cross-field rules still hold: the label is then the whole
// truth. A constraint the record cannot break alone is passed over for the next one.
import { childKey, hashString, recordKey, type Key } from "../base/rng";
import { SpecMintError } from "../base/errors";
import type { Generator } from "../engine/generator";
import { freshValues, reach } from "../engine/places";
import { SchemaValidator } from "../validate/ajv";
import { APPLICATOR_KEYWORDS, VIOLABLE_KEYWORDS, violableConstraints, type ViolableConstraint } from "./constraints";
import { breakingValues } from "./mutations";
import { RULE_KEYWORD, ruleConstraints } from "./ruleConstraints";
import { branchTargets } from "./branchTargets";

/** One line of violations.jsonl: what record `index` breaks, where, and what the schema expects there. */
export interface Violation {
  index: number;
  /** JSON pointer into the record. */
  instance_path: string;
  /** JSON pointer of the keyword in the schema (ajv's schemaPath without `#`). */
  schema_path: string;
  keyword: string;
  /** ajv's message for it. */
  message: string;
  /** The keyword's value in the schema. */
  expected: unknown;
}

export interface InvalidRecord {
  record: unknown;
  violation: Violation;
}

export class InvalidRecords {
  /** The constraints broken in turn (only those of the asked keywords). */
  readonly constraints: ViolableConstraint[];
  private readonly checker: SchemaValidator;
  private readonly schemasAt: ReturnType<typeof violableConstraints>["schemasAt"];
  private readonly unconditional: ReturnType<typeof violableConstraints>["unconditional"];
  private readonly targets = new Map<ViolableConstraint, string[]>();

  /**
   * `keywords`: break only constraints of these keywords (--violate). Throws a usage error when the
   * schema has none of them, a schema error when it has no violable constraint at all.
   */
  constructor(
    readonly generator: Generator,
    keywords?: readonly string[],
  ) {
    const loaded = generator.loaded;
    const index = violableConstraints(loaded, generator.validator);
    if (generator.rules) index.constraints.push(...ruleConstraints(generator.rules));
    this.schemasAt = index.schemasAt;
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
    this.checker = new SchemaValidator(loaded, { allErrors: true });
  }

  /** Record `index` (1-based) of kind invalid, with its label. Throws SpecMintError("schema") when no constraint can be broken alone. */
  record(index: number): InvalidRecord {
    const valid = this.generator.record(index);
    const base = childKey(recordKey(this.generator.options.seed, index), hashString("$invalid"));
    const n = this.constraints.length;
    for (let k = 0; k < n; k++) {
      const c = this.constraints[(index - 1 + k) % n];
      const found = this.breakOne(valid, c, base, index);
      if (found) return found;
    }
    throw new SpecMintError(
      "schema",
      `cannot make invalid record ${index}: none of the ${n} constraint${n === 1 ? "" : "s"} can be broken in it without breaking something else as well (another keyword, a cross-field rule)`,
      this.generator.loaded.locate(""),
      this.constraints.slice(0, 5).map((c) => `${c.keyword} at ${c.instanceTemplate || "/"} (schema ${c.schemaPath || "/"})`),
    );
  }

  private breakOne(valid: unknown, c: ViolableConstraint, base: Key, index: number): InvalidRecord | undefined {
    const root = { value: JSON.parse(JSON.stringify(valid)) as unknown };
    const fresh = freshValues(this.generator, this.schemasAt, base, c.schemaPath);
    const place = reach(root, c.steps, fresh);
    if (!place) return undefined;
    for (const candidate of breakingValues(c, place.value, fresh)) {
      place.set(candidate);
      const error = this.soleError(root.value, c, place.pointer);
      if (error)
        return {
          record: root.value,
          violation: {
            index,
            instance_path: place.pointer,
            schema_path: c.schemaPath,
            keyword: c.keyword,
            message: error,
            expected: c.expected,
          },
        };
    }
    return undefined;
  }

  /**
   * ajv's message when `record` fails by `c`'s keyword at `pointer` and by nothing else (rules
   * included); else undefined. The errors ajv gives inside an applicator (a oneOf's branches, a
   * propertyNames pattern) explain that one failure and are part of it.
   */
  private soleError(record: unknown, c: ViolableConstraint, pointer: string): string | undefined {
    if (c.keyword === RULE_KEYWORD) return this.soleRuleFailure(record, c, pointer);
    const validate = this.checker.root;
    if (validate(record)) return undefined;
    const errors = validate.errors ?? [];
    const main = errors.find((e) => e.keyword === c.keyword && e.instancePath === pointer && e.schemaPath === `#${c.schemaPath}`);
    if (!main) return undefined;
    const explaining = { unconditional: this.unconditional, targets: this.targetsOf(c) };
    if (!errors.every((e) => e === main || belongsTo(e, c, pointer, explaining))) return undefined;
    if (this.generator.rules && this.generator.rules.failing(record).length > 0) return undefined;
    return main.message ?? c.keyword;
  }

  /** The $ref targets inside an applicator's subschemas, found once per constraint. */
  private targetsOf(c: ViolableConstraint): string[] {
    if (!APPLICATOR_KEYWORDS.has(c.keyword)) return [];
    let t = this.targets.get(c);
    if (!t) this.targets.set(c, (t = branchTargets(this.generator.loaded, c)));
    return t;
  }

  /** A record that breaks a cross-field rule must pass the schema and fail that rule, there, and no other. */
  private soleRuleFailure(record: unknown, c: ViolableConstraint, pointer: string): string | undefined {
    if (!this.checker.root(record)) return undefined;
    const failing = this.generator.rules!.failing(record);
    if (failing.length !== 1 || failing[0].rule !== c.expected || !(failing[0].pointer + "/").startsWith(pointer + "/")) return undefined;
    return failing[0].message;
  }
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
  const at = `#${c.schemaPath}`;
  if (e.keyword === c.keyword && e.instancePath === pointer && e.schemaPath === at) return true;
  if (!APPLICATOR_KEYWORDS.has(c.keyword) || !(e.instancePath === pointer || e.instancePath.startsWith(pointer + "/"))) return false;
  const base = at.slice(0, at.length - c.keyword.length);
  const inside = c.keyword === "if" ? [`${base}then/`, `${base}else/`] : [`${at}/`];
  if (inside.some((prefix) => e.schemaPath.startsWith(prefix))) return true;
  const carrier = e.schemaPath.slice(1, e.schemaPath.lastIndexOf("/"));
  const inTarget = explaining.targets.some((t) => t !== "" && (carrier === t || carrier.startsWith(t + "/")));
  const template = e.instancePath.replace(/\/\d+(?=\/|$)/g, "/*");
  return inTarget && !(explaining.unconditional.get(carrier)?.has(template) ?? false);
}
