// A plan makes the values of one conjunction of schema objects (see Compiler): it chooses the
// type and the anyOf/oneOf/if branches, takes defaults, examples and enum values, and hands the
// rest to the maker of its kind of value (numbers.ts, strings.ts, arrays.ts, objects.ts).
import { groupDigits } from "../base/limits";
import { Rng, childKey, hashString, indexKey, keyFloat, type Key } from "../base/rng";
import { canonicalJson, type Facts, type JsonType } from "../schema/facts";
import { isAnnotation } from "../schema/keywords";
import type { Schema, SchemaObject } from "../schema/load";
import type { Compiler } from "./compiler";
import { FAIL, KEY_USED_AT_ONCE, LIMITS, fail, isLean, type Ctx, type Out, type ValueMaker } from "./options";
import { genNumber, type NumberGrid } from "./numbers";
import { genString, stringSource, type StringSource } from "./strings";
import { genArray } from "./arrays";
import { genObject, propertyPlan, type DeclaredProperty, type ObjectShape } from "./objects";

const STEP_CHOICE = hashString("$choice");
const SCALAR_TYPES: JsonType[] = ["string", "integer", "number", "boolean", "null"];

function clone<T>(v: T): T {
  return v === null || typeof v !== "object" ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * The one stream object number and string leaves draw from, restarted per value (reset(key)
 * starts exactly where new Rng(key) would). Safe because making a leaf value never makes
 * another value before it returns, and nothing keeps the stream (forks are new objects).
 */
const LEAF_RNG = new Rng({ hi: 0, lo: 0 });

export class Plan {
  private readonly hasChoices: boolean;
  private readonly typeChoices: JsonType[];
  private enumOk?: unknown[];
  private defaultsOk?: unknown[];
  private checkedSources?: SchemaObject[];
  private absentPlans?: Map<Plan, { mustFail: Schema[]; plan: Plan }[]>;
  private examplesOk?: unknown[];
  // What the makers of each kind of value keep per plan, read and written only in their own file.
  /** objects.ts: the plan of each property name. */
  readonly propertyPlans = new Map<string, Plan>();
  /** arrays.ts: the plan of each element slot. */
  readonly elementPlans = new Map<number, Plan>();
  private choiceDecided?: Set<SchemaObject>;
  /** strings.ts: the string source last decided, with the property name it was decided for. */
  lastSource?: StringSource;
  private readonly makers = new Map<string | undefined, ValueMaker>();
  /** objects.ts: the compiled shape, null when properties cannot be decided one by one. */
  objectShape?: ObjectShape | null;
  private impossibleWhy?: string;
  /** numbers.ts: the integer grid, or why there is none. */
  intGrid?: NumberGrid | string;
  /** numbers.ts: the number grid, or why there is none. */
  numGrid?: NumberGrid | string;
  /** objects.ts: whether each property name may appear. */
  readonly allowedNames = new Map<string, boolean>();
  /** objects.ts: the declared properties, for objects built without a shape. */
  declared?: DeclaredProperty[];
  /** objects.ts: DECLARES_* bits of the declared properties (coherent values), for objects built without a shape. */
  declaredBits?: number;

  constructor(
    readonly compiler: Compiler,
    readonly facts: Facts,
    private readonly decided: ReadonlySet<SchemaObject>,
  ) {
    const f = facts;
    this.hasChoices = f.anyOf.length + f.oneOf.length + f.nots.length + f.conditionals.length > 0;
    this.typeChoices = this.computeTypeChoices();
    if (!f.never && this.typeChoices.length === 0)
      f.never = { at: f.sources[0], why: this.impossibleWhy ?? "no type can satisfy every constraint here" };
  }

  get origin(): SchemaObject | undefined {
    return this.facts.never?.at ?? this.facts.sources[0];
  }

  private computeTypeChoices(): JsonType[] {
    const f = this.facts;
    let types: JsonType[];
    if (f.types) types = [...f.types];
    else if (f.mentioned.size) types = [...f.mentioned];
    else types = SCALAR_TYPES.slice();
    // `not: {type: X}` is common enough to honour up front instead of by retries.
    for (const n of f.nots) {
      if (typeof n === "object" && Object.keys(n).length === 1 && n.type !== undefined) {
        const banned = new Set(Array.isArray(n.type) ? n.type : [n.type]);
        if (banned.has("number")) banned.add("integer");
        types = types.filter((t) => !banned.has(t));
      }
    }
    // A number may be generated as an integer; keep one of the two so the weights stay even.
    if (types.includes("number") && types.includes("integer")) types = types.filter((t) => t !== "integer");
    const possible = types.filter((t) => !this.typeImpossible(t));
    // A typeless schema whose keywords rule out the type they talk about still allows the others.
    if (!possible.length && f.types === null) return SCALAR_TYPES.filter((t) => !this.typeImpossible(t));
    if (!possible.length && types.length) this.impossibleWhy = this.typeImpossible(types[0]);
    return possible;
  }

  /** Why no value of type t can exist here, or undefined when one can. */
  private typeImpossible(t: JsonType): string | undefined {
    const f = this.facts;
    if (t === "string" && f.maxLength !== undefined && f.minLength > f.maxLength)
      return `minLength ${f.minLength} is greater than maxLength ${f.maxLength}`;
    if (t === "array") {
      if (f.contains.some((c) => c.schema === false && c.min > 0)) return "`contains: false` matches no element";
      if (f.maxItems !== undefined && f.minItems > f.maxItems) return `minItems ${f.minItems} is greater than maxItems ${f.maxItems}`;
    }
    if (t === "object" && f.maxProperties !== undefined && f.minProperties > f.maxProperties)
      return `minProperties ${f.minProperties} is greater than maxProperties ${f.maxProperties}`;
    if ((t === "integer" || t === "number") && f.lower && f.upper) {
      const lo = `${f.lower.exclusive ? "exclusiveMinimum" : "minimum"} ${f.lower.value}`;
      const hi = `${f.upper.exclusive ? "exclusiveMaximum" : "maximum"} ${f.upper.value}`;
      if (f.lower.value > f.upper.value) return `${lo} is greater than ${hi}`;
      if (f.lower.value === f.upper.value && (f.lower.exclusive || f.upper.exclusive)) return `${lo} and ${hi} leave no number`;
    }
    return undefined;
  }

  gen(key: Key, ctx: Ctx): Out {
    if (--ctx.budget < 0)
      return fail(
        ctx,
        this.origin,
        `a record needs more than ${groupDigits(LIMITS.budget)} values (the generation budget of one record attempt): lower the minItems, minProperties or required properties that multiply here`,
      );
    const f = this.facts;
    if (f.never) return fail(ctx, f.never.at ?? this.origin, f.never.why);
    if (ctx.depth > LIMITS.maxDepth) return fail(ctx, this.origin, "the schema requires nesting deeper than " + LIMITS.maxDepth);
    return this.hasChoices ? this.genWithChoices(key, ctx) : this.genSimple(key, ctx);
  }

  /**
   * The function that makes this plan's values under property `name`: gen() itself, or for a
   * plain plan (one type or an enum; no choices, defaults or examples) a function made for this
   * plan and name that goes straight to its kind of value, skipping the dispatch gen() and
   * genSimple() do on every call. Same checks, same draws, same values.
   */
  valueMaker(name: string | undefined): ValueMaker {
    let m = this.makers.get(name);
    if (!m) this.makers.set(name, (m = this.directMaker(name) ?? ((key, ctx) => this.gen(key, ctx))));
    return m;
  }

  private directMaker(name: string | undefined): ValueMaker | undefined {
    const m = this.directMakerOf(name);
    if (m && this.typeChoices[0] !== "array" && this.typeChoices[0] !== "object") KEY_USED_AT_ONCE.add(m);
    return m;
  }

  private directMakerOf(name: string | undefined): ValueMaker | undefined {
    const f = this.facts;
    if (this.hasChoices || f.never || f.defaults.length || f.examples.length) return undefined;
    // gen()'s budget and depth checks, with gen() itself taking over when one trips (it fails there).
    const guard = (ctx: Ctx) => --ctx.budget < 0 || ctx.depth > LIMITS.maxDepth;
    const slow: ValueMaker = (key, ctx) => (++ctx.budget, this.gen(key, ctx));
    if (f.enumValues) {
      const ok = (this.enumOk ??= this.validOnly(f.enumValues));
      if (!ok.length) return undefined;
      const n = ok.length;
      const plain = ok.every((v) => v === null || typeof v !== "object");
      if (n === 1 && plain) return (key, ctx) => (guard(ctx) ? slow(key, ctx) : ok[0]);
      return (key, ctx) =>
        guard(ctx) ? slow(key, ctx) : plain ? ok[Math.floor(keyFloat(key) * n)] : clone(ok[Math.floor(keyFloat(key) * n)]);
    }
    if (this.typeChoices.length !== 1) return undefined;
    switch (this.typeChoices[0]) {
      case "null":
        return (key, ctx) => (guard(ctx) ? slow(key, ctx) : null);
      case "boolean":
        return (key, ctx) => (guard(ctx) ? slow(key, ctx) : keyFloat(key) < 0.5);
      case "integer":
        return (key, ctx) => (guard(ctx) ? slow(key, ctx) : genNumber(this, LEAF_RNG.reset(key), ctx, true));
      case "number":
        return (key, ctx) => {
          if (guard(ctx)) return slow(key, ctx);
          const rng = LEAF_RNG.reset(key);
          return genNumber(this, rng, ctx, rng.chance(0.15));
        };
      case "string": {
        const source = stringSource(this, name);
        return (key, ctx) => (guard(ctx) ? slow(key, ctx) : genString(this, LEAF_RNG.reset(key), ctx, source));
      }
      case "array":
        return (key, ctx) => (guard(ctx) ? slow(key, ctx) : genArray(this, key, new Rng(key), ctx));
      case "object":
        return (key, ctx) => (guard(ctx) ? slow(key, ctx) : genObject(this, key, ctx));
    }
    return undefined;
  }

  // ---- choices: anyOf / oneOf / if-then-else / dependentSchemas / not --------------------------

  private genWithChoices(key: Key, ctx: Ctx): Out {
    const f = this.facts;
    if (!this.choiceDecided) this.choiceDecided = new Set([...this.decided, ...f.disjunctive]);
    // Failures of attempts that a later attempt makes good are not why a record fails.
    const failureBefore = ctx.failure;
    // A dependency (dependentSchemas) is an optional property's presence: as likely as genObject makes
    // one, so that a recursive schema whose properties carry dependencies ends as others do.
    const p = this.compiler.options.optionalProbability;
    const presence = isLean(ctx) ? 0 : ctx.depth > LIMITS.fullDepth ? p * 0.5 ** (ctx.depth - LIMITS.fullDepth) : p;
    for (let attempt = 0; attempt < LIMITS.choiceAttempts; attempt++) {
      const k = attempt === 0 ? key : indexKey(key, 0x7919 + attempt);
      const rng = new Rng(childKey(k, STEP_CHOICE));
      const chosen: Schema[] = [];
      const mustFail: Schema[] = [];
      const mustHold: Schema[] = [];
      /** The branch taken in each oneOf, and whether each conditional took `yes` (to say what went wrong). */
      const oneOfTaken: number[] = [];
      const condYes: boolean[] = [];
      for (const g of f.anyOf) {
        chosen.push(g.branches[(rng.int(0, g.branches.length - 1) + attempt) % g.branches.length]);
      }
      for (const g of f.oneOf) {
        const j = (rng.int(0, g.branches.length - 1) + attempt) % g.branches.length;
        chosen.push(g.branches[j]);
        oneOfTaken.push(j);
        g.branches.forEach((b, o) => o !== j && mustFail.push(b));
      }
      // From the third attempt on, every other attempt lets a value decide: one made without the
      // conditionals is tested against each `if`, and the branch it takes is the one added. Five `if`s
      // on one `type` const (issue forms) leave exactly one branch to take, which coin flips rarely find.
      const probe =
        attempt >= 2 && attempt % 2 === 0 && f.conditionals.length
          ? this.compiler.plan([...f.sources, ...chosen], this.choiceDecided).gen(k, ctx)
          : FAIL;
      for (const cnd of f.conditionals) {
        let yes: boolean;
        if (cnd.present !== undefined) {
          // A dependency: present when required here; else drawn (first attempts), as the probe has it,
          // or absent, what asks least. Never present on every dependency at once: their schemas may
          // contradict each other (minimum asks for a number, minLength for a string).
          const drawn = attempt < 2 && rng.chance(presence);
          yes = f.required.has(cnd.present) || (attempt < 2 ? drawn : probe !== FAIL && hasOwn(probe, cnd.present));
        } else {
          yes =
            probe !== FAIL && cnd.test !== undefined
              ? this.compiler.valid(cnd.test, probe)
              : attempt < 2
                ? rng.chance(cnd.pYes)
                : attempt % 2 === 0;
        }
        condYes.push(yes);
        chosen.push(...(yes ? cnd.yes : cnd.no));
        if (cnd.test !== undefined) (yes ? mustHold : mustFail).push(cnd.test);
      }
      mustFail.push(...f.nots);
      let sub = this.compiler.plan([...f.sources, ...chosen], this.choiceDecided);
      // A schema that must fail and only asks for properties (oneOf: [{required: [a]}, {required: [b]}],
      // not: {required: [a]}) fails for sure when one of its names is absent: made so up front, rather
      // than hoping that no optional property another branch asks for is drawn.
      sub = this.withAbsent(sub, mustFail, chosen);
      const v = sub.gen(k, ctx);
      if (v === FAIL) continue;
      const failed = mustFail.findIndex((s) => this.compiler.valid(s, v));
      const held = failed === -1 ? mustHold.findIndex((s) => !this.compiler.valid(s, v)) : -1;
      if (failed !== -1 || held !== -1) {
        const why = failed !== -1 ? this.whyMatched(failed, oneOfTaken, condYes) : this.whyNotHeld(held, condYes);
        fail(ctx, this.origin, `no generated value matched exactly the required branches (oneOf/not/if): ${why}`);
        continue;
      }
      ctx.failure = failureBefore;
      return v;
    }
    return FAIL;
  }

  /** Which schema of genWithChoices' mustFail (number `index`) the value matched, said for a reader. */
  private whyMatched(index: number, oneOfTaken: number[], condYes: boolean[]): string {
    const f = this.facts;
    let k = index;
    for (const [g, group] of f.oneOf.entries()) {
      if (k < group.branches.length - 1) {
        const o = k < oneOfTaken[g] ? k : k + 1;
        return `the value made for ${this.at(group.owner, `oneOf/${oneOfTaken[g]}`)} also matches ${this.at(group.owner, `oneOf/${o}`)}`;
      }
      k -= group.branches.length - 1;
    }
    for (const [c, cnd] of f.conditionals.entries()) {
      if (cnd.test === undefined || condYes[c]) continue;
      if (k === 0) return `the value made for ${this.at(cnd.owner, "else")} matches ${this.at(cnd.owner, "if")}`;
      k--;
    }
    const owner = f.sources.find((s) => s.not === f.nots[k]);
    return `the value matches ${owner ? this.at(owner, "not") : "a `not` schema"}`;
  }

  /** Which `if` of genWithChoices' mustHold (number `index`) the value made for its `then` fails. */
  private whyNotHeld(index: number, condYes: boolean[]): string {
    let k = index;
    for (const [c, cnd] of this.facts.conditionals.entries()) {
      if (cnd.test === undefined || !condYes[c]) continue;
      if (k === 0) return `the value made for ${this.at(cnd.owner, "then")} fails ${this.at(cnd.owner, "if")}`;
      k--;
    }
    return "a value fails the `if` it was made for";
  }

  /** The place of a keyword of schema `s`, for messages (`/definitions/a/oneOf/1`). */
  private at(s: SchemaObject, keyword: string): string {
    return `${this.compiler.loaded.locate(s).pointer ?? ""}/${keyword}`;
  }

  /**
   * `sub` with absentToFail's schemas added, kept per (sub, mustFail): renovate's root `not` of 40
   * `required`s is met on every object that refers back to the root.
   */
  private withAbsent(sub: Plan, mustFail: Schema[], chosen: Schema[]): Plan {
    const plans = (this.absentPlans ??= new Map<Plan, { mustFail: Schema[]; plan: Plan }[]>());
    let cached = plans.get(sub);
    if (!cached) plans.set(sub, (cached = []));
    const same = (a: Schema[]) => a.length === mustFail.length && a.every((s, k) => s === mustFail[k]);
    const hit = cached.find((c) => same(c.mustFail));
    if (hit) return hit.plan;
    const absent = this.absentToFail(mustFail, sub.facts.required);
    const plan = absent.length ? this.compiler.plan([...this.facts.sources, ...chosen, ...absent], this.choiceDecided) : sub;
    cached.push({ mustFail: [...mustFail], plan });
    return plan;
  }

  /**
   * Schemas that make each of `mustFail` that only asks for properties (`required`; an anyOf/oneOf of
   * such) fail for sure: one of its names that is not required here, absent. Nothing for a schema
   * whose names are all required here (the value is checked after, as for any other).
   */
  private absentToFail(mustFail: Schema[], required: ReadonlySet<string>): SchemaObject[] {
    const names = new Set<string>();
    for (const s of mustFail) for (const n of namesToFail(s, required) ?? []) names.add(n);
    return [...names].sort().map((n) => this.compiler.absent(n));
  }

  // ---- plain values -----------------------------------------------------------------------

  private genSimple(key: Key, ctx: Ctx): Out {
    const f = this.facts;
    // A stream is only built when more than one draw may be needed; single choices (an enum
    // value, a boolean) take one draw straight from the key.
    let rng: Rng | undefined;
    if (f.defaults.length && (rng ??= new Rng(key)).chance(this.compiler.options.defaultProbability)) {
      const ok = (this.defaultsOk ??= this.validOnly(f.defaults));
      if (ok.length) return clone(rng.pick(ok));
    }
    if (f.examples.length && (rng ??= new Rng(key)).chance(this.compiler.options.examplesProbability)) {
      const ok = (this.examplesOk ??= this.validOnly(f.examples));
      if (ok.length) return clone(rng.pick(ok));
    }
    if (f.enumValues) {
      const ok = (this.enumOk ??= this.validOnly(f.enumValues));
      if (!ok.length) return fail(ctx, this.origin, "no `enum`/`const` value satisfies the other constraints here");
      if (ok.length === 1) return clone(ok[0]);
      return clone(rng ? rng.pick(ok) : ok[Math.floor(keyFloat(key) * ok.length)]);
    }
    const types = this.typeChoices;
    const t = types.length === 1 ? types[0] : types[(rng ??= new Rng(key)).int(0, types.length - 1)];
    switch (t) {
      case "null":
        return null;
      case "boolean":
        return rng ? rng.chance(0.5) : keyFloat(key) < 0.5;
      case "integer":
        return genNumber(this, (rng ??= new Rng(key)), ctx, true);
      case "number":
        rng ??= new Rng(key);
        return genNumber(this, rng, ctx, rng.chance(0.15));
      case "string":
        return genString(this, (rng ??= new Rng(key)), ctx);
      case "array":
        return genArray(this, key, (rng ??= new Rng(key)), ctx);
      case "object":
        return genObject(this, key, ctx);
    }
  }

  /** Values (enum, default, examples) that satisfy every schema of this conjunction. */
  /** Values of `values` that every source schema accepts (defaults, examples and enums may break siblings). */
  private validOnly(values: unknown[]): unknown[] {
    const out: unknown[] = [];
    const seen = new Set<string>();
    for (const v of values) {
      const k = canonicalJson(v);
      if (seen.has(k)) continue;
      seen.add(k);
      if ((this.checkedSources ??= this.facts.sources.filter(checkedAlone)).every((s) => this.compiler.valid(s, v))) out.push(v);
    }
    return out;
  }

  /** Schemas that apply to property `name` (properties, matching patternProperties, else additionalProperties). */
  propertyPlan(name: string): Plan {
    return propertyPlan(this, name);
  }
}

/**
 * Whether a source schema must be checked on its own: not when it is only a `$ref` or an `allOf`
 * (with annotations), since its target and members are sources of the same plan (FactsBuilder.build
 * queues them) and a value they all accept is accepted by it. Hundreds of `{"$ref": "#/definitions/rule"}`
 * properties would otherwise each compile a validator.
 */
function checkedAlone(s: SchemaObject): boolean {
  for (const k of Object.keys(s)) if (k !== "$ref" && k !== "allOf" && !isAnnotation(k)) return true;
  return false;
}

function hasOwn(v: unknown, name: string): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, name);
}

/** Per schema: the `required` lists it is made of (see presenceOnly), null when it asks for more. */
const PRESENCE_ONLY = new WeakMap<SchemaObject, string[][] | null>();

/**
 * The `required` lists of a schema that only asks for properties: `{required: [...]}` (with
 * annotations), or an anyOf/oneOf of such (it fails when each branch fails); null for any other.
 */
function presenceOnly(s: SchemaObject): string[][] | null {
  let lists = PRESENCE_ONLY.get(s);
  if (lists !== undefined) return lists;
  PRESENCE_ONLY.set(s, null); // a cycle through anyOf asks for more than presence
  lists = null;
  const keys = Object.keys(s).filter((k) => !isAnnotation(k));
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only === "required" && Array.isArray(s.required)) {
    const names = (s.required as unknown[]).filter((n): n is string => typeof n === "string");
    if (names.length) lists = [names];
  } else if ((only === "anyOf" || only === "oneOf") && Array.isArray(s[only]) && (s[only] as unknown[]).length) {
    const all: string[][] = [];
    for (const b of s[only] as Schema[]) {
      const sub = typeof b === "object" ? presenceOnly(b) : null;
      if (sub === null) {
        all.length = 0;
        break;
      }
      all.push(...sub);
    }
    if (all.length) lists = all;
  }
  PRESENCE_ONLY.set(s, lists);
  return lists;
}

/** Names whose absence makes `s` fail (one per `required` list of presenceOnly, not in `required`), or undefined. */
function namesToFail(s: Schema, required: ReadonlySet<string>): string[] | undefined {
  const lists = typeof s === "object" ? presenceOnly(s) : null;
  if (lists === null) return undefined;
  const out: string[] = [];
  for (const names of lists) {
    const name = names.find((n) => !required.has(n));
    if (name === undefined) return undefined;
    out.push(name);
  }
  return out;
}
