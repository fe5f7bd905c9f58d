// A schema compiled into plans: one per distinct conjunction of schema objects, built lazily and
// kept. A plan turns a stream key into a value; it never reads anything but its key and the
// generation options, so record i depends only on (schema, options, seed, i).
import { Rng, childFloat, childKey, hashString, indexKey, keyFloat, type Key } from "../base/rng";
import { FactsBuilder, canonicalJson, valueMatchesType, type Facts, type JsonType } from "../schema/facts";
import type { LoadedSchema, Schema, SchemaObject } from "../schema/load";
import type { SchemaValidator } from "../validate/ajv";
import { compilePattern, patternRegExp, type PatternGenerator } from "../generate/regex";
import { formatGenerators } from "../generate/formats";
import { realisticGeneratorFor, namedGenerator } from "../generate/realism";
import { fractionDigits, isMultipleOf, multiplyExact, decimalLcm } from "../base/decimal";
import { loremText, codePointLength } from "../generate/text";
import { compileObjectBuilder, type ObjectBuilder } from "./objectBuilder";

export const FAIL: unique symbol = Symbol("fail");
export type Out = unknown;

export interface GenerationOptions {
  seed: number;
  /** "today" for dates and rules (ISO 8601). */
  referenceDate: string;
  /** Probability that an optional property is present (at shallow depth). */
  optionalProbability: number;
  /** Share of values taken from a node's `default` when it has one. */
  defaultProbability: number;
  /** Share of values taken from a node's `examples` when it has some. */
  examplesProbability: number;
}

export const DEFAULT_OPTIONS: Omit<GenerationOptions, "seed"> = {
  referenceDate: "2026-01-01T00:00:00Z",
  optionalProbability: 0.9,
  defaultProbability: 0.1,
  examplesProbability: 0.1,
};

/** Limits that keep recursive schemas finite (documented in docs/determinism.md). */
export const LIMITS = {
  /** Below this nesting depth optional properties keep their full probability. */
  fullDepth: 3,
  /** At and beyond this depth only required properties and minimum array lengths are generated. */
  minimalDepth: 8,
  /** Beyond this depth generation gives up (a schema that requires infinite nesting). */
  maxDepth: 48,
  /** Attempts at one node that has choices (anyOf/oneOf/if/not) before it fails. */
  choiceAttempts: 8,
  /** Attempts at one array element for uniqueItems/maxContains. */
  elementAttempts: 12,
  /** Plan.gen calls allowed per record attempt. */
  budget: 250_000,
};

export interface Failure {
  at: SchemaObject | undefined;
  why: string;
  depth: number;
}

export interface Ctx {
  depth: number;
  budget: number;
  failure?: Failure;
  /** Property name of the value being made (for realistic strings). */
  name?: string;
}

/** A generation context; always built here so every Ctx has one hidden class. */
export function newCtx(depth: number, budget: number, name?: string): Ctx {
  return { depth, budget, failure: undefined, name };
}

const STEP_CHOICE = hashString("$choice");
const STRING_SCHEMA: SchemaObject = { type: "string" };
const SCALAR_TYPES: JsonType[] = ["string", "integer", "number", "boolean", "null"];

function fail(ctx: Ctx, at: SchemaObject | undefined, why: string): typeof FAIL {
  if (!ctx.failure || ctx.depth >= ctx.failure.depth) ctx.failure = { at, why, depth: ctx.depth };
  return FAIL;
}

function clone<T>(v: T): T {
  return v === null || typeof v !== "object" ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export class Compiler {
  private readonly builder: FactsBuilder;
  private readonly plans = new Map<string, Plan>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;

  constructor(
    readonly loaded: LoadedSchema,
    readonly validator: SchemaValidator,
    readonly options: GenerationOptions,
  ) {
    this.builder = new FactsBuilder(loaded, loaded.draft, options.optionalProbability);
  }

  private id(s: Schema): string {
    if (typeof s === "boolean") return s ? "T" : "F";
    let n = this.ids.get(s);
    if (n === undefined) this.ids.set(s, (n = this.nextId++));
    return String(n);
  }

  /** The plan for values that satisfy every schema in `list`, with the disjunctions of `decided` already chosen. */
  plan(list: readonly Schema[], decided: ReadonlySet<SchemaObject> = EMPTY_SET): Plan {
    let key = list.map((s) => this.id(s)).join(",");
    if (decided.size) key += "|" + [...decided].map((s) => this.id(s)).sort().join(",");
    let p = this.plans.get(key);
    if (!p) {
      p = new Plan(this, this.builder.build(list as Schema[], decided), decided);
      this.plans.set(key, p);
    }
    return p;
  }

  valid(schema: Schema, value: unknown): boolean {
    return this.validator.forSchema(schema as SchemaObject)(value) as boolean;
  }
}

const EMPTY_SET: ReadonlySet<SchemaObject> = new Set();

/**
 * The one stream object number and string leaves draw from, restarted per value (reset(key)
 * starts exactly where new Rng(key) would). Safe because making a leaf value never makes
 * another value before it returns, and nothing keeps the stream (forks are new objects).
 */
const LEAF_RNG = new Rng({ hi: 0, lo: 0 });

/**
 * Value makers that read their key before returning and keep nothing of it (enum, boolean,
 * number and string leaves: LEAF_RNG copies the key's words, and a leaf makes no other value).
 * Object builders hand these a reused key object.
 */
const KEY_USED_AT_ONCE = new WeakSet<ValueMaker>();

/** Values up to JSON equality (uniqueItems): primitives as themselves, objects and arrays by canonical text. */
class JsonValueSet {
  private readonly primitives = new Set<unknown>();
  private objects?: Set<string>;
  has(v: unknown): boolean {
    return v !== null && typeof v === "object" ? (this.objects?.has(canonicalJson(v)) ?? false) : this.primitives.has(v);
  }
  add(v: unknown): void {
    if (v !== null && typeof v === "object") (this.objects ??= new Set()).add(canonicalJson(v));
    else this.primitives.add(v);
  }
}

/** The longest of 16 strings a pattern gives on fixed probe streams. */
function patternSampleMax(pattern: PatternGenerator, minL: number, label: string): number | undefined {
  const salt = hashString(`$pattern-probe:${label}`);
  let max: number | undefined;
  for (let k = 0; k < 16; k++) {
    const v = pattern.generate(new Rng({ hi: salt, lo: k }), minL);
    if (v !== undefined) max = Math.max(max ?? 0, codePointLength(v));
  }
  return max;
}

/** Share of 32 fixed probe streams on which `make` gives a value that `fits`: a compile-time test. */
function probeShare(make: (r: Rng) => string | undefined, fits: (v: string | undefined) => boolean, label: string): number {
  const salt = hashString(`$probe:${label}`);
  let ok = 0;
  for (let k = 0; k < 32; k++) if (fits(make(new Rng({ hi: salt, lo: k })))) ok++;
  return ok / 32;
}

/** Makes one value from its stream key (see Plan.valueMaker). */
export type ValueMaker = (key: Key, ctx: Ctx) => Out;

interface NumberGrid {
  step: number;
  kLo: number;
  kHi: number;
}

interface StringSource {
  name: string | undefined;
  make: (r: Rng) => string | undefined;
  checks: RegExp[];
}

/** Objects whose properties can be decided one by one (no cross-property keywords). */
interface ObjectShape {
  properties: (DeclaredProperty & { plan: Plan; allowed: boolean })[];
  build: ObjectBuilder<Ctx>;
}

interface DeclaredProperty {
  name: string;
  required: boolean;
  /** hashString(name): the step to the property's value. */
  valueStep: number;
  /** hashString("?" + name): the step to its presence draw. */
  presenceStep: number;
}

export class Plan {
  private readonly hasChoices: boolean;
  private readonly typeChoices: JsonType[];
  private enumOk?: unknown[];
  private defaultsOk?: unknown[];
  private examplesOk?: unknown[];
  private readonly propertyPlans = new Map<string, Plan>();
  private readonly elementPlans = new Map<number, Plan>();
  private choiceDecided?: Set<SchemaObject>;
  private lastSource?: StringSource;
  private readonly makers = new Map<string | undefined, ValueMaker>();
  private objectShape?: ObjectShape | null;
  private impossibleWhy?: string;
  private intGrid?: NumberGrid | string;
  private numGrid?: NumberGrid | string;
  private allowedNames = new Map<string, boolean>();
  private declared?: DeclaredProperty[];

  constructor(
    private readonly c: Compiler,
    readonly facts: Facts,
    private readonly decided: ReadonlySet<SchemaObject>,
  ) {
    const f = facts;
    this.hasChoices = f.anyOf.length + f.oneOf.length + f.nots.length + f.conditionals.length > 0;
    this.typeChoices = this.computeTypeChoices();
    if (!f.never && this.typeChoices.length === 0) f.never = { at: f.sources[0], why: this.impossibleWhy ?? "no type can satisfy every constraint here" };
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
    if (t === "string" && f.maxLength !== undefined && f.minLength > f.maxLength) return `minLength ${f.minLength} is greater than maxLength ${f.maxLength}`;
    if (t === "array") {
      if (f.contains.some((c) => c.schema === false && c.min > 0)) return "`contains: false` matches no element";
      if (f.maxItems !== undefined && f.minItems > f.maxItems) return `minItems ${f.minItems} is greater than maxItems ${f.maxItems}`;
    }
    if (t === "object" && f.maxProperties !== undefined && f.minProperties > f.maxProperties) return `minProperties ${f.minProperties} is greater than maxProperties ${f.maxProperties}`;
    if ((t === "integer" || t === "number") && f.lower && f.upper) {
      const lo = `${f.lower.exclusive ? "exclusiveMinimum" : "minimum"} ${f.lower.value}`;
      const hi = `${f.upper.exclusive ? "exclusiveMaximum" : "maximum"} ${f.upper.value}`;
      if (f.lower.value > f.upper.value) return `${lo} is greater than ${hi}`;
      if (f.lower.value === f.upper.value && (f.lower.exclusive || f.upper.exclusive)) return `${lo} and ${hi} leave no number`;
    }
    return undefined;
  }

  gen(key: Key, ctx: Ctx): Out {
    if (--ctx.budget < 0) return fail(ctx, this.origin, "generation budget exhausted (the schema nests too deeply)");
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
      return (key, ctx) => (guard(ctx) ? slow(key, ctx) : plain ? ok[Math.floor(keyFloat(key) * n)] : clone(ok[Math.floor(keyFloat(key) * n)]));
    }
    if (this.typeChoices.length !== 1) return undefined;
    switch (this.typeChoices[0]) {
      case "null":
        return (key, ctx) => (guard(ctx) ? slow(key, ctx) : null);
      case "boolean":
        return (key, ctx) => (guard(ctx) ? slow(key, ctx) : keyFloat(key) < 0.5);
      case "integer":
        return (key, ctx) => (guard(ctx) ? slow(key, ctx) : this.genNumber(LEAF_RNG.reset(key), ctx, true));
      case "number":
        return (key, ctx) => {
          if (guard(ctx)) return slow(key, ctx);
          const rng = LEAF_RNG.reset(key);
          return this.genNumber(rng, ctx, rng.chance(0.15));
        };
      case "string": {
        const source = this.stringSource(name);
        return (key, ctx) => (guard(ctx) ? slow(key, ctx) : this.genString(LEAF_RNG.reset(key), ctx, source));
      }
      case "array":
        return (key, ctx) => (guard(ctx) ? slow(key, ctx) : this.genArray(key, new Rng(key), ctx));
      case "object":
        return (key, ctx) => (guard(ctx) ? slow(key, ctx) : this.genObject(key, ctx));
    }
    return undefined;
  }

  // ---- choices: anyOf / oneOf / if-then-else / dependentSchemas / not --------------------------

  private genWithChoices(key: Key, ctx: Ctx): Out {
    const f = this.facts;
    if (!this.choiceDecided) this.choiceDecided = new Set([...this.decided, ...f.disjunctive]);
    for (let attempt = 0; attempt < LIMITS.choiceAttempts; attempt++) {
      const k = attempt === 0 ? key : indexKey(key, 0x7919 + attempt);
      const rng = new Rng(childKey(k, STEP_CHOICE));
      const chosen: Schema[] = [];
      const mustFail: Schema[] = [];
      const mustHold: Schema[] = [];
      for (const g of f.anyOf) {
        chosen.push(g.branches[(rng.int(0, g.branches.length - 1) + attempt) % g.branches.length]);
      }
      for (const g of f.oneOf) {
        const j = (rng.int(0, g.branches.length - 1) + attempt) % g.branches.length;
        chosen.push(g.branches[j]);
        g.branches.forEach((b, o) => o !== j && mustFail.push(b));
      }
      for (const cnd of f.conditionals) {
        const yes = attempt < 2 ? rng.chance(cnd.pYes) : attempt % 2 === 0;
        chosen.push(...(yes ? cnd.yes : cnd.no));
        if (cnd.test !== undefined) (yes ? mustHold : mustFail).push(cnd.test);
      }
      mustFail.push(...f.nots);
      const sub = this.c.plan([...f.sources, ...chosen], this.choiceDecided);
      const v = sub.gen(k, ctx);
      if (v === FAIL) continue;
      if (mustFail.some((s) => this.c.valid(s, v)) || !mustHold.every((s) => this.c.valid(s, v))) {
        fail(ctx, this.origin, "no generated value matched exactly the required branches (oneOf/not/if)");
        continue;
      }
      return v;
    }
    return FAIL;
  }

  // ---- plain values -----------------------------------------------------------------------

  private genSimple(key: Key, ctx: Ctx): Out {
    const f = this.facts;
    // A stream is only built when more than one draw may be needed; single choices (an enum
    // value, a boolean) take one draw straight from the key.
    let rng: Rng | undefined;
    if (f.defaults.length && (rng ??= new Rng(key)).chance(this.c.options.defaultProbability)) {
      const ok = (this.defaultsOk ??= this.validOnly(f.defaults));
      if (ok.length) return clone(rng.pick(ok));
    }
    if (f.examples.length && (rng ??= new Rng(key)).chance(this.c.options.examplesProbability)) {
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
        return this.genNumber((rng ??= new Rng(key)), ctx, true);
      case "number":
        rng ??= new Rng(key);
        return this.genNumber(rng, ctx, rng.chance(0.15));
      case "string":
        return this.genString((rng ??= new Rng(key)), ctx);
      case "array":
        return this.genArray(key, (rng ??= new Rng(key)), ctx);
      case "object":
        return this.genObject(key, ctx);
    }
  }

  /** Values (enum, default, examples) that satisfy every schema of this conjunction. */
  private validOnly(values: unknown[]): unknown[] {
    const out: unknown[] = [];
    const seen = new Set<string>();
    for (const v of values) {
      const k = canonicalJson(v);
      if (seen.has(k)) continue;
      seen.add(k);
      if (this.facts.sources.every((s) => this.c.valid(s, v))) out.push(v);
    }
    return out;
  }

  // ---- numbers ------------------------------------------------------------------------------

  /** The grid numbers are drawn from: k·step for k in [kLo, kHi]; computed once per plan and kind. */
  private numberGrid(integer: boolean): NumberGrid | string {
    const cached = integer ? this.intGrid : this.numGrid;
    if (cached !== undefined) return cached;
    const grid = this.computeGrid(integer);
    if (integer) this.intGrid = grid;
    else this.numGrid = grid;
    return grid;
  }

  private computeGrid(integer: boolean): NumberGrid | string {
    const f = this.facts;
    let step = f.multipleOf;
    if (integer) step = step === undefined ? 1 : decimalLcm(step, 1) ?? step;
    if (step === undefined) {
      // Two decimals read like real data; a narrow range gets as many as it needs.
      const width = f.lower && f.upper ? f.upper.value - f.lower.value : Infinity;
      let digits = 2;
      while (digits < 12 && width * 10 ** digits < 4) digits++;
      step = Number(`1e-${digits}`);
    }
    // The window: the allowed range, or a plausible span where it is open.
    const SPAN = 10000;
    let lo = f.lower?.value, hi = f.upper?.value;
    if (lo === undefined && hi === undefined) (lo = 0), (hi = 1000);
    else if (lo === undefined) lo = Math.min(hi!, 0) - (hi! > 0 ? 0 : SPAN);
    else if (hi === undefined) hi = Math.max(lo, 0) + SPAN;
    let kLo = Math.ceil(lo! / step), kHi = Math.floor(hi! / step);
    if (!Number.isFinite(kLo) || !Number.isFinite(kHi)) return "numeric range too large to sample";
    // Adjust for rounding in the division and for exclusive bounds, exactly.
    const val = (k: number) => multiplyExact(k, step!);
    const okLo = (k: number) => (f.lower ? (f.lower.exclusive ? val(k) > f.lower.value : val(k) >= f.lower.value) : true);
    const okHi = (k: number) => (f.upper ? (f.upper.exclusive ? val(k) < f.upper.value : val(k) <= f.upper.value) : true);
    const MAX_K = 2 ** 52;
    kLo = Math.max(kLo, -MAX_K);
    kHi = Math.min(kHi, MAX_K);
    for (let n = 0; n < 3 && !okLo(kLo); n++) kLo++;
    for (let n = 0; n < 3 && !okHi(kHi); n++) kHi--;
    if (kLo > kHi || !okLo(kLo) || !okHi(kHi)) return "no number satisfies the bounds and multipleOf here";
    return { step, kLo, kHi };
  }

  private genNumber(rng: Rng, ctx: Ctx, integer: boolean): Out {
    const grid = this.numberGrid(integer);
    if (typeof grid === "string") return fail(ctx, this.origin, grid);
    let v = multiplyExact(rng.int(grid.kLo, grid.kHi), grid.step);
    if (Object.is(v, -0)) v = 0;
    const f = this.facts;
    if (f.multipleOfs.length > 1 && !f.multipleOfs.every((m) => isMultipleOf(v, m))) {
      return fail(ctx, this.origin, "no number is a multiple of every multipleOf here");
    }
    return v;
  }

  // ---- strings ------------------------------------------------------------------------------

  /** How strings of this plan are made, decided once (per property name for name-based realism). */
  private stringSource(name: string | undefined): StringSource {
    if (this.lastSource && this.lastSource.name === name) return this.lastSource;
    const f = this.facts;
    const compiled = f.patterns.length ? compilePattern(f.patterns[0]) : undefined;
    const pattern = compiled?.ok ? compiled.generator : undefined;
    const formatGen = f.format !== undefined ? formatGenerators[f.format] : undefined;
    const named = f.faker !== undefined ? namedGenerator(f.faker) : undefined;
    const realistic = !formatGen && !f.patterns.length && name !== undefined ? realisticGeneratorFor(name) : undefined;
    const minL = f.minLength, maxL = f.maxLength;
    const hiL = maxL ?? Math.max(minL + 24, 12);
    // minLength 0 is no constraint: format generators then skip their length fitting.
    const formatContext = { referenceDate: this.c.options.referenceDate, minLength: minL > 0 ? minL : undefined, maxLength: maxL };
    // A pattern that realistic values usually satisfy (a `state` field with ^[A-Z]{2}$, an
    // x-faker name with a loose pattern) keeps the realistic value and draws from the pattern
    // only when that value does not fit.
    const preferred = pattern && !formatGen ? named ?? (name !== undefined ? realisticGeneratorFor(name) : undefined) : undefined;
    const fits = (v: string | undefined): v is string => {
      if (v === undefined) return false;
      const len = codePointLength(v);
      return len >= minL && (maxL === undefined || len <= maxL) && f.patterns.every((p) => patternRegExp(p)?.test(v) ?? true);
    };
    let make: (r: Rng) => string | undefined;
    // Without maxLength, the pattern's own lengths bound the realistic value (a state code, not a name).
    const patternMax = pattern && maxL === undefined ? patternSampleMax(pattern, minL, name ?? "") : undefined;
    const hiPreferred = maxL ?? patternMax ?? hiL;
    if (pattern && preferred && probeShare((r) => preferred(r, minL, hiPreferred), fits, name ?? "") >= 0.5) {
      make = (r) => {
        const v = preferred(r, minL, hiPreferred);
        return fits(v) ? v : pattern.generate(r, minL, maxL);
      };
    } else if (pattern) make = (r) => pattern.generate(r, minL, maxL);
    else if (formatGen) make = (r) => formatGen(r, formatContext);
    else if (named) make = (r) => named(r, minL, hiL);
    else if (realistic) make = (r) => realistic(r, minL, hiL);
    else make = (r) => loremText(r, minL, hiL);
    // Patterns the generator did not produce from must still be checked.
    const checks = (pattern ? f.patterns.slice(1) : f.patterns).map((p) => patternRegExp(p)).filter((r): r is RegExp => r !== undefined);
    return (this.lastSource = { name, make, checks });
  }

  private genString(rng: Rng, ctx: Ctx, source = this.stringSource(ctx.name)): Out {
    const f = this.facts;
    const minL = f.minLength;
    const maxL = f.maxLength;
    if (maxL !== undefined && minL > maxL) return fail(ctx, this.origin, "minLength is greater than maxLength");
    for (let attempt = 0; attempt < 6; attempt++) {
      const s = source.make(attempt === 0 ? rng : rng.fork(attempt));
      if (s === undefined) continue;
      // Code points only differ from UTF-16 length when there are surrogate pairs: count only then.
      if (s.length < minL || (maxL !== undefined && s.length > maxL * 2)) continue;
      if (maxL !== undefined && s.length > maxL && codePointLength(s) > maxL) continue;
      // Each code point is one or two units, so only a string shorter than 2·minL can fall short.
      if (s.length < 2 * minL && codePointLength(s) < minL) continue;
      if (source.checks.length && !source.checks.every((re) => re.test(s))) continue;
      return s;
    }
    return fail(ctx, this.origin, "no string satisfies the length, pattern and format here");
  }

  // ---- arrays -------------------------------------------------------------------------------

  private elementSchemas(k: number, extra?: Schema): Schema[] {
    const f = this.facts;
    const list: Schema[] = [...(f.prefix[k] ?? [])];
    for (const r of f.rest) if (k >= r.from) list.push(r.schema);
    if (extra !== undefined) list.push(extra);
    return list;
  }

  private elementPlan(k: number, containsIndex: number): Plan {
    const f = this.facts;
    // Elements past the prefix share a plan per set of applicable `items` rules and contains-assignment.
    let slot = k;
    if (k >= f.prefix.length) {
      slot = f.prefix.length;
      for (const r of f.rest) if (k >= r.from) slot += 1 << 10;
    }
    const id = slot * 64 + containsIndex + 1;
    let p = this.elementPlans.get(id);
    if (!p) {
      p = this.c.plan(this.elementSchemas(k, containsIndex >= 0 ? f.contains[containsIndex].schema : undefined));
      this.elementPlans.set(id, p);
    }
    return p;
  }

  private genArray(key: Key, rng: Rng, ctx: Ctx): Out {
    const f = this.facts;
    let maxN = f.maxItems ?? Infinity;
    for (const r of f.rest) if (r.schema === false) maxN = Math.min(maxN, Math.max(r.from, 0));
    if (f.noExtraItems && !f.rest.some((r) => r.schema !== false)) maxN = Math.min(maxN, f.prefix.length);
    let minN = f.minItems;
    for (const c of f.contains) minN = Math.max(minN, c.min);
    if (minN > maxN) return fail(ctx, this.origin, "the array length constraints leave no length");
    let hiN: number;
    if (ctx.depth >= LIMITS.minimalDepth) hiN = minN;
    else if (f.maxItems !== undefined && f.maxItems - minN <= 10) hiN = f.maxItems;
    else hiN = Math.min(maxN, Math.max(minN + (ctx.depth > LIMITS.fullDepth ? 2 : 5), f.prefix.length));
    hiN = Math.max(hiN, Math.min(maxN, minN));
    const n = rng.int(minN, Math.min(hiN, maxN));
    const hasContains = f.contains.length > 0;
    // Which positions must satisfy which `contains`.
    const assigned = hasContains ? new Int32Array(n).fill(-1) : undefined;
    if (assigned) {
      let cursor = n > 0 ? rng.int(0, n - 1) : 0;
      f.contains.forEach((c, ci) => {
        for (let m = 0; m < c.min; m++) {
          for (let tries = 0; tries < n && assigned[cursor] !== -1; tries++) cursor = (cursor + 1) % n;
          if (assigned[cursor] === -1) assigned[cursor] = ci;
        }
      });
    }
    const counts = hasContains ? f.contains.map(() => 0) : [];
    const out: unknown[] = [];
    const seen = f.uniqueItems ? new JsonValueSet() : undefined;
    const sub: Ctx = ctx;
    sub.depth++;
    let plan: Plan | undefined;
    let make: ValueMaker | undefined;
    for (let k = 0; k < n; k++) {
      const p = this.elementPlan(k, assigned ? assigned[k] : -1);
      if (p !== plan) (plan = p), (make = p.valueMaker(ctx.name));
      const ek = indexKey(key, k);
      let ok = false;
      for (let t = 0; t < LIMITS.elementAttempts && !ok; t++) {
        const v = make!(t === 0 ? ek : indexKey(ek, 0x100 + t), sub);
        if (v === FAIL) break;
        if (seen?.has(v)) continue;
        if (assigned) {
          // A value may match a `contains` it was not made for; maxContains counts those too.
          const hits = f.contains.map((c, ci) => assigned[k] === ci || this.c.valid(c.schema, v));
          if (hits.some((h, ci) => h && f.contains[ci].max !== undefined && counts[ci] + 1 > f.contains[ci].max!)) continue;
          hits.forEach((h, ci) => h && counts[ci]++);
        }
        seen?.add(v);
        out.push(v);
        ok = true;
      }
      if (!ok) {
        sub.depth--;
        return fail(ctx, this.origin, f.uniqueItems ? "not enough distinct values for uniqueItems" : "no array element satisfies its schema here");
      }
    }
    sub.depth--;
    return out;
  }

  // ---- objects ------------------------------------------------------------------------------

  /** Schemas that apply to property `name` (properties, matching patternProperties, else additionalProperties). */
  propertyPlan(name: string): Plan {
    let p = this.propertyPlans.get(name);
    if (p) return p;
    const list: Schema[] = [];
    for (const s of this.facts.objectSchemas) {
      let matched = false;
      const props = s.properties as Record<string, Schema> | undefined;
      if (props && Object.prototype.hasOwnProperty.call(props, name)) (list.push(props[name]), (matched = true));
      const pp = s.patternProperties as Record<string, Schema> | undefined;
      if (pp) {
        for (const [re, sch] of Object.entries(pp)) if (patternRegExp(re)?.test(name)) (list.push(sch), (matched = true));
      }
      if (!matched && s.additionalProperties !== undefined) list.push(s.additionalProperties as Schema);
    }
    p = this.c.plan(list);
    this.propertyPlans.set(name, p);
    return p;
  }

  private nameAllowed(name: string): boolean {
    let ok = this.allowedNames.get(name);
    if (ok === undefined) this.allowedNames.set(name, (ok = this.computeNameAllowed(name)));
    return ok;
  }

  private computeNameAllowed(name: string): boolean {
    const f = this.facts;
    if (this.propertyPlan(name).facts.never) return false;
    for (const c of f.closed) {
      if (!c.all && !c.names.has(name) && !c.patterns.some((p) => patternRegExp(p)?.test(name))) return false;
    }
    return f.propertyNames.every((pn) => this.c.valid(pn, name));
  }

  private shape(): ObjectShape | null {
    if (this.objectShape !== undefined) return this.objectShape;
    const f = this.facts;
    const simple = f.dependentRequired.size === 0 && f.minProperties === 0 && f.maxProperties === undefined &&
      f.propertyNames.length === 0 && f.closed.length === 0 && [...f.required].every((r) => f.properties.has(r));
    if (!simple) return (this.objectShape = null);
    // The common case: each property present or not on its own draw, values in declaration order.
    const properties = [...f.properties.keys()].map((name) => ({
      name, required: f.required.has(name), valueStep: hashString(name), presenceStep: hashString("?" + name),
      plan: this.propertyPlan(name), allowed: this.nameAllowed(name),
    }));
    const failRequired = (ctx: Ctx, d: (typeof properties)[number]) => {
      const never = d.plan.facts.never;
      fail(ctx, never?.at ?? d.plan.origin, never?.why ?? `required property "${d.name}" cannot have any value here`);
    };
    const makers = properties.map((d) => d.plan.valueMaker(d.name));
    const keyUsedAtOnce = makers.map((m) => KEY_USED_AT_ONCE.has(m));
    return (this.objectShape = { properties, build: compileObjectBuilder(properties, makers, keyUsedAtOnce, FAIL, failRequired) });
  }

  private genObject(key: Key, ctx: Ctx): Out {
    const f = this.facts;
    const depth = ctx.depth;
    let p = this.c.options.optionalProbability;
    if (depth >= LIMITS.minimalDepth) p = 0;
    else if (depth > LIMITS.fullDepth) p *= 0.5 ** (depth - LIMITS.fullDepth);
    const shape = this.shape();
    if (shape) return shape.build(key, ctx, p);
    const names: string[] = [];
    const included = new Set<string>();
    const mandatory = new Set<string>();
    const add = (n: string, must: boolean) => {
      if (must) mandatory.add(n);
      if (!included.has(n)) (included.add(n), names.push(n));
    };
    this.declared ??= [...f.properties.keys()].map((name) => ({
      name, required: f.required.has(name), valueStep: hashString(name), presenceStep: hashString("?" + name),
    }));
    for (const d of this.declared) {
      if (d.required) add(d.name, true);
      else if (childFloat(key, d.presenceStep) < p && this.nameAllowed(d.name)) add(d.name, false);
    }
    for (const n of f.required) add(n, true);
    // dependentRequired: presence of one property requires others.
    for (let changed = f.dependentRequired.size > 0; changed; ) {
      changed = false;
      for (const n of names.slice()) {
        for (const d of f.dependentRequired.get(n) ?? []) {
          if (!included.has(d)) (add(d, mandatory.has(n)), (changed = true));
        }
      }
    }
    for (const n of mandatory) {
      if (this.nameAllowed(n)) continue;
      const never = this.propertyPlan(n).facts.never;
      if (never) {
        ctx.depth++;
        fail(ctx, never.at ?? this.propertyPlan(n).origin, never.why);
        ctx.depth--;
        return FAIL;
      }
      return fail(ctx, this.origin, `required property "${n}" is not an allowed property name here`);
    }
    // maxProperties: drop optional properties from the end.
    if (f.maxProperties !== undefined) {
      for (let k = names.length - 1; k >= 0 && names.length > f.maxProperties; k--) {
        if (!mandatory.has(names[k]) && !this.isDependency(names[k], included)) (included.delete(names[k]), names.splice(k, 1));
      }
      if (names.length > f.maxProperties) return fail(ctx, this.origin, "more properties are required than maxProperties allows");
    }
    // minProperties: declared optional properties first, then new names where allowed.
    if (names.length < f.minProperties) {
      for (const n of f.properties.keys()) if (names.length < f.minProperties && !included.has(n) && this.nameAllowed(n)) add(n, true);
      const rng = new Rng(childKey(key, hashString("$extra")));
      for (let k = 0; names.length < f.minProperties && k < f.minProperties * 6 + 10; k++) {
        const n = this.extraName(rng.fork(k), ctx, k);
        if (n !== undefined && !included.has(n) && this.nameAllowed(n)) add(n, true);
      }
      if (names.length < f.minProperties) return fail(ctx, this.origin, "cannot find enough allowed property names for minProperties");
    }
    const out: Record<string, unknown> = {};
    const saved = ctx.name;
    ctx.depth = depth + 1;
    for (const n of names) {
      ctx.name = n;
      const v = this.propertyPlan(n).gen(childKey(key, hashString(n)), ctx);
      if (v === FAIL) {
        if (mandatory.has(n) || this.isDependency(n, included) || names.length - 1 < f.minProperties) {
          ctx.depth = depth;
          ctx.name = saved;
          return FAIL;
        }
        continue;
      }
      // "__proto__" must become an own data property, not the prototype.
      if (n === "__proto__") Object.defineProperty(out, n, { value: v, enumerable: true, writable: true, configurable: true });
      else out[n] = v;
    }
    ctx.depth = depth;
    ctx.name = saved;
    return out;
  }

  private isDependency(name: string, included: Set<string>): boolean {
    for (const [k, deps] of this.facts.dependentRequired) if (included.has(k) && deps.includes(name)) return true;
    return false;
  }

  private extraName(rng: Rng, ctx: Ctx, k: number): string | undefined {
    const f = this.facts;
    if (f.propertyNames.length) {
      const v = this.c.plan([...f.propertyNames, STRING_SCHEMA]).gen(rng.key, newCtx(ctx.depth + 1, 1000));
      return typeof v === "string" ? v : undefined;
    }
    const patterns: string[] = [];
    for (const s of f.objectSchemas) if (s.patternProperties && typeof s.patternProperties === "object") patterns.push(...Object.keys(s.patternProperties));
    if (patterns.length && (k % 2 === 0 || f.objectSchemas.some((s) => s.additionalProperties === false))) {
      const c = compilePattern(patterns[k % patterns.length]);
      if (c.ok) return c.generator.generate(rng, 1, 24);
    }
    return `extra_${k + 1}`;
  }
}

export { valueMatchesType, fractionDigits };
