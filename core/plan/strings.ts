// Strings: a source decided once per plan (and property name) — a pattern, a format, a named
// or realistic generator, or lorem text — then length and pattern checks on each value.
import { Rng, hashString, type Key } from "../base/rng";
import { coherentField, coherentValue } from "../generate/coherence";
import { localeData } from "../generate/locales";
import { compilePattern, patternRegExp, type PatternGenerator } from "../generate/regex";
import { birthDateWindow, dateIn, dateTime, formatGenerators, type FormatGenerator } from "../generate/formats";
import { realisticGeneratorFor, namedGenerator, isBirthDateName } from "../generate/realism";
import { loremText, codePointLength } from "../generate/text";
import { fail, type Ctx, type Out } from "./options";
import type { Plan } from "./plan";

/** How a plan makes its strings under one property name. */
export interface StringSource {
  name: string | undefined;
  make: (r: Rng) => string | undefined;
  /** Tests a drawn value must still pass: patterns it was not drawn from, the format of a pattern-drawn value. */
  checks: ((s: string) => boolean)[];
  /**
   * For a field of a coherence group (a name, an e-mail address, a city…): its value read from the
   * identity of its object (Ctx.scope, role, bits), or undefined when that value breaks the field's
   * length, pattern or format; then it is drawn by `make` as any other string.
   */
  coherent?: (scope: Key, role: number, bits: number) => string | undefined;
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

/**
 * Dates and date-times of a property named like a birth date: adults at the run's reference date,
 * within the schema's formatMinimum/formatMaximum; undefined (the usual window) when those leave no adult.
 */
function birthDateGenerator(plan: Plan, name: string): FormatGenerator | undefined {
  const f = plan.facts;
  if ((f.format !== "date" && f.format !== "date-time") || !isBirthDateName(name)) return undefined;
  const window = birthDateWindow(plan.compiler.options.referenceDate, f.formatMinimum, f.formatMaximum);
  if (!window) return undefined;
  return f.format === "date" ? dateIn(window) : dateTime(false, window);
}

/** How strings of this plan are made, decided once (per property name for name-based realism). */
export function stringSource(plan: Plan, name: string | undefined): StringSource {
  if (plan.lastSource && plan.lastSource.name === name) return plan.lastSource;
  const f = plan.facts;
  const compiled = f.patterns.length ? compilePattern(f.patterns[0]) : undefined;
  const pattern = compiled?.ok ? compiled.generator : undefined;
  const formatGen =
    (name !== undefined && birthDateGenerator(plan, name)) || (f.format !== undefined ? formatGenerators[f.format] : undefined);
  const named = f.faker !== undefined ? namedGenerator(f.faker) : undefined;
  const realistic = !formatGen && !f.patterns.length && name !== undefined ? realisticGeneratorFor(name) : undefined;
  const minL = f.minLength,
    maxL = f.maxLength;
  // Lengths are drawn up to maxLength, but never past the string-length limit: `maxLength: 1e9`
  // alone would otherwise draw strings of hundreds of millions of characters. Below the limit
  // (every ordinary schema) the draw is unchanged.
  const drawMax = maxL === undefined ? undefined : Math.min(maxL, Math.max(minL, plan.compiler.loaded.limits["string-length"]));
  const hiL = drawMax ?? Math.max(minL + 24, 12);
  // minLength 0 is no constraint: format generators then skip their length fitting.
  const formatContext = { referenceDate: plan.compiler.options.referenceDate, minLength: minL > 0 ? minL : undefined, maxLength: maxL };
  // A pattern that realistic values usually satisfy (a `state` field with ^[A-Z]{2}$, an
  // x-faker name with a loose pattern) keeps the realistic value and draws from the pattern
  // only when that value does not fit.
  const preferred = pattern && !formatGen ? (named ?? (name !== undefined ? realisticGeneratorFor(name) : undefined)) : undefined;
  const fits = (v: string | undefined): v is string => {
    if (v === undefined) return false;
    const len = codePointLength(v);
    return len >= minL && (maxL === undefined || len <= maxL) && f.patterns.every((p) => patternRegExp(p)?.test(v) ?? true);
  };
  let make: (r: Rng) => string | undefined;
  // Without maxLength, the pattern's own lengths bound the realistic value (a state code, not a name).
  const patternMax = pattern && maxL === undefined ? patternSampleMax(pattern, minL, name ?? "") : undefined;
  const hiPreferred = drawMax ?? patternMax ?? hiL;
  // A pattern next to a format (`format: uri` with `^https?://`): the pattern alone draws characters the
  // format forbids, so values of the format come first when they usually fit the pattern too.
  const formatFirst = pattern && formatGen ? (r: Rng) => formatGen(r, formatContext) : undefined;
  if (pattern && formatFirst && probeShare(formatFirst, fits, `${name ?? ""}:${f.format}`) >= 0.5) {
    make = (r) => {
      const v = formatFirst(r);
      return fits(v) ? v : pattern.generate(r, minL, drawMax);
    };
  } else if (pattern && preferred && probeShare((r) => preferred(r, minL, hiPreferred), fits, name ?? "") >= 0.5) {
    make = (r) => {
      const v = preferred(r, minL, hiPreferred);
      return fits(v) ? v : pattern.generate(r, minL, drawMax);
    };
  } else if (pattern) make = (r) => pattern.generate(r, minL, drawMax);
  else if (formatGen) make = (r) => formatGen(r, formatContext);
  else if (named) make = (r) => named(r, minL, hiL);
  else if (realistic) make = (r) => realistic(r, minL, hiL);
  else make = (r) => loremText(r, minL, hiL);
  // Patterns the generator did not produce from must still be checked.
  const checks = (pattern ? f.patterns.slice(1) : f.patterns)
    .map((p) => patternRegExp(p))
    .filter((r): r is RegExp => r !== undefined)
    .map((re) => (s: string) => re.test(s));
  const format = pattern && formatGen && f.format !== undefined ? plan.compiler.validator.formatTest(f.format) : undefined;
  if (format) checks.push(format);
  return (plan.lastSource = { name, make, checks, coherent: coherentSource(plan, name) });
}

/** StringSource.coherent of the plan's strings under property `name`, when they belong to a group. */
function coherentSource(plan: Plan, name: string | undefined): StringSource["coherent"] {
  const f = plan.facts;
  const field = coherentField(name, f.faker, f.format);
  if (!field) return undefined;
  const locale = localeData(plan.compiler.options.locale);
  const minL = f.minLength,
    maxL = f.maxLength;
  const patterns = f.patterns.map((p) => patternRegExp(p)).filter((r): r is RegExp => r !== undefined);
  // No format test: coherentField only takes formats (email, hostname, uri…) whose coherent values are
  // valid by construction (ASCII names at reserved domains), as the format generators' own values are.
  const accept = (s: string): boolean => {
    // A code point is one or two UTF-16 units: count code points only where the units cannot decide.
    if (s.length < minL || (s.length < 2 * minL && codePointLength(s) < minL)) return false;
    if (maxL !== undefined && s.length > maxL && codePointLength(s) > maxL) return false;
    for (const re of patterns) if (!re.test(s)) return false;
    return true;
  };
  return (scope, role, bits) => coherentValue(field, locale, scope, role, bits, accept);
}

/** One string from `rng`: up to six draws from the source until one fits the length and patterns. */
export function genString(plan: Plan, rng: Rng, ctx: Ctx, source = stringSource(plan, ctx.name)): Out {
  const f = plan.facts;
  const minL = f.minLength;
  const maxL = f.maxLength;
  if (maxL !== undefined && minL > maxL) return fail(ctx, plan.origin, "minLength is greater than maxLength");
  if (source.coherent !== undefined && ctx.scope !== undefined) {
    const v = source.coherent(ctx.scope, ctx.role, ctx.bits);
    if (v !== undefined) return v;
  }
  for (let attempt = 0; attempt < 6; attempt++) {
    const s = source.make(attempt === 0 ? rng : rng.fork(attempt));
    if (s === undefined) continue;
    // Code points only differ from UTF-16 length when there are surrogate pairs: count only then.
    if (s.length < minL || (maxL !== undefined && s.length > maxL * 2)) continue;
    if (maxL !== undefined && s.length > maxL && codePointLength(s) > maxL) continue;
    // Each code point is one or two units, so only a string shorter than 2·minL can fall short.
    if (s.length < 2 * minL && codePointLength(s) < minL) continue;
    if (source.checks.length && !source.checks.every((test) => test(s))) continue;
    return s;
  }
  return fail(ctx, plan.origin, "no string satisfies the length, pattern and format here");
}
