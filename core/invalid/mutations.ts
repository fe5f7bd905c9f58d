// The values that break one constraint, smallest change first: each is a whole replacement for the
// value at the constraint's place in a valid record (a number just past its bound, a string one
// character short, an object without the required property). The caller keeps the first one that
// fails the schema by exactly that keyword there, so a candidate here may also break something else.
import { addExact, isMultipleOf, lastPlace } from "../base/decimal";
import { escapePointerSegment } from "../schema/load";
import type { Schema } from "../schema/load";
import type { KeywordConstraint, ViolableConstraint } from "./constraints";
import type { MutationContext } from "../engine/places";

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const listOf = (x: unknown): unknown[] | undefined => (Array.isArray(x) ? (x as unknown[]) : undefined);

const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  null: (v) => v === null,
  boolean: (v) => typeof v === "boolean",
  string: (v) => typeof v === "string",
  number: (v) => typeof v === "number",
  integer: (v) => typeof v === "number" && Number.isInteger(v),
  array: (v) => Array.isArray(v),
  object: isObj,
};

/** A step along the value's grid: its multipleOf, else 1 for an integer node, else the bound's last place. */
function stepOf(schema: Record<string, unknown>, bound: number): number[] {
  const m = schema.multipleOf;
  const steps: number[] = [];
  if (typeof m === "number" && m > 0) steps.push(m);
  steps.push(lastPlace(bound));
  if (!steps.includes(1)) steps.push(1);
  return steps;
}

const codePoints = (s: string) => [...s];

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Strings near `s` that differ by one character or a marker: for pattern, format, enum and const. */
function nearStrings(s: string): string[] {
  const cps = codePoints(s);
  const out = [
    cps.length ? "~" + cps.slice(1).join("") : "~",
    cps.length ? cps.slice(0, -1).join("") + "~" : "~",
    "~" + s,
    s + "~",
    s.toUpperCase() !== s ? s.toUpperCase() : s.toLowerCase(),
    "",
  ];
  return out.filter((x) => x !== s);
}

/** Values of the same JSON type as v, close to it, for enum and const. */
function nearValues(v: unknown, forbidden: unknown[]): unknown[] {
  if (typeof v === "string") return nearStrings(v);
  if (typeof v === "number") {
    const nums = forbidden.filter((x): x is number => typeof x === "number");
    const out = [addExact(v, 1), addExact(v, -1), nums.length ? addExact(Math.max(...nums), 1) : v + 1];
    if (Number.isInteger(v)) out.push(addExact(v, 0.5));
    return out;
  }
  if (typeof v === "boolean") return [!v];
  if (v === null) return [0, "", false];
  const list = listOf(v);
  if (list) return [[...list, list.length ? clone(list[0]) : null], list.slice(1), []];
  if (isObj(v)) return [{}, { ...v, "~": null }];
  return [];
}

/** The names of a pointer below an object. */
function pointerNames(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((x) => x.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The value at `pointer` below `obj`, or undefined. */
function fieldAt(obj: unknown, pointer: string): unknown {
  let v: unknown = obj;
  for (const name of pointerNames(pointer)) {
    if (isObj(v)) v = Object.prototype.hasOwnProperty.call(v, name) ? v[name] : undefined;
    else v = listOf(v)?.[Number(name)];
    if (v === undefined) return undefined;
  }
  return v;
}

/** A copy of `obj` with the value at `pointer` (below it) replaced, or removed for undefined; undefined when the path is not there. */
function withField(obj: Record<string, unknown>, pointer: string, v: unknown): unknown {
  const copy = clone(obj);
  const names = pointerNames(pointer);
  let holder: unknown = copy;
  for (const name of names.slice(0, -1)) {
    holder = isObj(holder) ? holder[name] : listOf(holder)?.[Number(name)];
    if (typeof holder !== "object" || holder === null) return undefined;
  }
  const last = names[names.length - 1];
  if (isObj(holder)) {
    if (v === undefined) {
      if (!(last in holder)) return undefined;
      delete holder[last];
    } else holder[last] = v;
  } else {
    const list = listOf(holder)!;
    const at = Number(last);
    if (v === undefined || !(at < list.length)) return undefined;
    list[at] = v;
  }
  return copy;
}

/** A copy of `obj` with `v` at the property names `names`, objects on the way made when absent; undefined when a non-object is in the way. */
function withPath(obj: Record<string, unknown>, names: readonly string[], v: unknown): unknown {
  const copy = clone(obj);
  let holder: Record<string, unknown> = copy;
  for (const name of names.slice(0, -1)) {
    if (!Object.prototype.hasOwnProperty.call(holder, name)) holder[name] = {};
    const next = holder[name];
    if (!isObj(next)) return undefined;
    holder = next;
  }
  holder[names[names.length - 1]] = v;
  return copy;
}

/** Texts that most checked formats refuse, after the near strings: for formats that take almost anything. */
const FORMAT_BREAKERS = ["\\", "a b", "%", "{", "(", "[", "", " ", "~", "a:b c"];

/** Values tried from breaking the constraints inside anyOf/oneOf branches, at most. */
const BRANCH_CANDIDATES = 24;

/** `n` values not in `list`, for arrays whose items have no schema: 0, 1, 2, … */
function fillers(list: unknown[], n: number): unknown[] {
  const taken = new Set(list.map((x) => JSON.stringify(x)));
  const out: unknown[] = [];
  for (let k = 0; out.length < n; k++) if (!taken.has(String(k))) out.push(k);
  return out;
}

/** The values that break one branch (then or else) of an if, on `value` itself or on one of its properties. */
function breakBranch(c: ViolableConstraint, branch: KeywordConstraint[] | undefined, value: unknown, fresh: MutationContext): unknown[] {
  return (branch ?? []).flatMap((inner) => {
    const below = inner.below ?? [];
    if (below.length === 0) return breakingValues({ ...c, ...inner }, value, fresh);
    if (!isObj(value)) return [];
    const pointer = below.map((n) => `/${escapePointerSegment(n)}`).join("");
    let sub = fieldAt(value, pointer);
    if (sub === undefined) sub = fresh.of([inner.schema], 0);
    if (sub === undefined) return [];
    return breakingValues({ ...c, ...inner, below: undefined }, sub, fresh)
      .map((v) => withPath(value, below, v))
      .filter((x) => x !== undefined);
  });
}

/**
 * The replacements of breakingValues, made one at a time: a caller that keeps the first that works
 * makes none of the rest (for a rule, copies of the whole object with fresh values in it).
 */
export function eachBreakingValue(c: ViolableConstraint, value: unknown, fresh: MutationContext): Iterable<unknown> {
  return c.keyword === "x-cross-field-rules" ? ruleBreakingValues(c, value, fresh) : breakingValues(c, value, fresh);
}

/**
 * A cross-field rule's breaking values on its object `value`: two fields the rule compares swap
 * values (a date before another one comes after it) or take the same value; then a field takes other
 * values of its own schema, then all of them at once, then a field goes when it may. The caller keeps
 * the first record the rule no longer holds on.
 */
function* ruleBreakingValues(c: ViolableConstraint, value: unknown, fresh: MutationContext): IterableIterator<unknown> {
  if (!isObj(value)) return;
  const fields = c.fields ?? [];
  for (let a = 0; a < fields.length; a++)
    for (let b = a + 1; b < fields.length; b++) {
      const va = fieldAt(value, fields[a]);
      const vb = fieldAt(value, fields[b]);
      if (va === undefined || vb === undefined || JSON.stringify(va) === JSON.stringify(vb)) continue;
      yield* defined(withField(withField(value, fields[a], vb) as Record<string, unknown>, fields[b], va));
      // Two fields that must differ made equal.
      yield* defined(withField(value, fields[b], clone(va)));
      yield* defined(withField(value, fields[a], clone(vb)));
    }
  for (let t = 0; t < 24; t++) {
    for (const field of fields) {
      const v = fresh.at(c.instanceTemplate + field, t);
      if (v !== undefined) yield* defined(withField(value, field, v));
    }
  }
  // A rule whose premise and conclusion read different fields breaks only when they change together.
  if (fields.length > 1)
    for (let t = 0; t < 24; t++) {
      let joint: unknown = value;
      for (const field of fields) {
        const v = fresh.at(c.instanceTemplate + field, 24 + t);
        if (v !== undefined && isObj(joint)) joint = withField(joint, field, v);
      }
      yield* defined(joint);
    }
  for (const field of fields) yield* defined(withField(value, field, undefined));
}

/** `v` as a list of one value, or of none when it is undefined (a change that could not be made). */
const defined = (v: unknown): unknown[] => (v === undefined ? [] : [v]);

/** Replacements of `value` that break `c` (the caller checks which actually do, and alone). */
export function breakingValues(c: ViolableConstraint, value: unknown, fresh: MutationContext): unknown[] {
  const s = c.schema;
  const e = c.expected;
  switch (c.keyword) {
    case "type": {
      const allowed = (Array.isArray(e) ? e : [e]).filter((t): t is string => typeof t === "string" && t in TYPE_TESTS);
      const candidates: unknown[] = [];
      // The smallest change first: a fraction for an integer, the same text as a string, then other types.
      if (typeof value === "number") candidates.push(addExact(value, 0.5));
      if (typeof value === "number" || typeof value === "boolean") candidates.push(String(value));
      if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) candidates.push(Number(value));
      candidates.push("", 0, 0.5, false, null, [], {});
      return candidates.filter((x) => !allowed.some((t) => TYPE_TESTS[t](x)));
    }
    case "enum":
    case "const": {
      const forbidden = c.keyword === "enum" ? (e as unknown[]) : [e];
      const keys = new Set(forbidden.map((x) => JSON.stringify(x)));
      return nearValues(value, forbidden).filter((x) => !keys.has(JSON.stringify(x)));
    }
    case "minimum":
    case "exclusiveMinimum":
    case "maximum":
    case "exclusiveMaximum": {
      const bound = e as number;
      const below = c.keyword === "minimum" || c.keyword === "exclusiveMinimum";
      const out = c.keyword.startsWith("exclusive") ? [bound] : [];
      for (const step of stepOf(s, bound)) out.push(addExact(bound, below ? -step : step));
      return out;
    }
    case "multipleOf": {
      if (typeof value !== "number") return [];
      const m = e as number;
      const out = [addExact(value, 1), addExact(value, -1), addExact(value, Number(String(m / 2))), addExact(value, lastPlace(m) / 10)];
      return out.filter((x) => Number.isFinite(x) && !isMultipleOf(x, m));
    }
    case "minLength": {
      if (typeof value !== "string") return [];
      const cps = codePoints(value);
      const keep = (e as number) - 1;
      return [cps.slice(0, keep).join(""), cps.slice(cps.length - keep).join("")];
    }
    case "maxLength": {
      if (typeof value !== "string") return [];
      const cps = codePoints(value);
      const more = (e as number) + 1 - cps.length;
      if (more <= 0) return [];
      const last = cps[cps.length - 1] ?? "a";
      return [value + last.repeat(more), (cps[0] ?? "a").repeat(more) + value, value + "a".repeat(more), value + "0".repeat(more)];
    }
    case "pattern":
      return typeof value === "string" ? nearStrings(value) : [];
    case "format":
      // Formats that accept almost any text (uri-reference, regex) are broken by a character they forbid.
      return typeof value === "string" ? [...nearStrings(value), ...FORMAT_BREAKERS] : [];
    case "minItems": {
      const list = listOf(value);
      if (!list) return [];
      const keep = (e as number) - 1;
      return [list.slice(0, keep), list.slice(list.length - keep)];
    }
    case "maxItems": {
      const list = listOf(value);
      if (!list) return [];
      const more = (e as number) + 1 - list.length;
      if (more <= 0) return [];
      const out: unknown[] = [];
      if (list.length) out.push([...list, ...Array.from({ length: more }, () => clone(list[list.length - 1]))]);
      const added: unknown[] = [];
      for (let t = 0; added.length < more && t < more * 4; t++) {
        const v = fresh.at(`${c.instanceTemplate}/*`, t);
        if (v !== undefined) added.push(v);
      }
      if (added.length === more) out.push([...list, ...added]);
      // Items without a schema of their own: any distinct values.
      out.push([...list, ...fillers(list, more)]);
      return out;
    }
    case "uniqueItems": {
      const list = listOf(value);
      if (!list) return [];
      if (list.length >= 2)
        return [
          [...list.slice(0, -1), clone(list[0])],
          [...list, clone(list[0])],
        ];
      if (list.length === 1) return [[...list, clone(list[0])]];
      const v = fresh.at(`${c.instanceTemplate}/*`, 0) ?? fillers([], 1)[0];
      return [[v, clone(v)]];
    }
    case "required": {
      if (!isObj(value) || !(c.property! in value)) return [];
      const { [c.property!]: _left, ...rest } = value;
      return [rest];
    }
    case "dependentRequired":
    case "dependencies": {
      if (!isObj(value)) return [];
      const { [c.property!]: _left, ...rest } = value;
      if (!(c.trigger! in rest)) {
        // A trigger without a schema of its own may be anything.
        rest[c.trigger!] = fresh.at(`${c.instanceTemplate}/${escapePointerSegment(c.trigger!)}`, 0) ?? null;
      }
      return [rest];
    }
    case "additionalProperties":
    case "unevaluatedProperties": {
      if (!isObj(value)) return [];
      const out: unknown[] = [];
      for (const name of ["unexpected", "unexpected_property", "x_unexpected", "_"]) {
        if (!(name in value)) out.push({ ...value, [name]: null });
      }
      return out;
    }
    case "minProperties": {
      if (!isObj(value)) return [];
      const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
      const keep = (e as number) - 1;
      const keys = Object.keys(value);
      const optional = keys.filter((k) => !required.has(k));
      const drop = new Set(optional.slice(optional.length - Math.max(0, keys.length - keep)));
      if (keys.length - drop.size !== keep) return [];
      return [Object.fromEntries(Object.entries(value).filter(([k]) => !drop.has(k)))];
    }
    case "unevaluatedItems": {
      const list = listOf(value);
      if (!list) return [];
      // The prefixItems filled first (with values of their schemas), so that the one added is past them.
      const padded = [...list];
      const prefix = Array.isArray(s.prefixItems) ? s.prefixItems.length : 0;
      for (let j = padded.length; j < prefix; j++) {
        const v = fresh.at(`${c.instanceTemplate}/${j}`, 0);
        if (v === undefined) return [];
        padded.push(v);
      }
      return [...(padded.length ? [clone(padded[padded.length - 1])] : []), null, 0, ""].map((x) => [...padded, x]);
    }
    case "contains": {
      const list = listOf(value);
      if (!list) return [];
      const without = list.filter((x) => !fresh.matches(e as Schema, x));
      return without.length < list.length ? [without, []] : [[]];
    }
    case "minContains": {
      // One matching item too few: the matching items past min − 1 left out, or replaced by items that do not match.
      const list = listOf(value);
      if (!list) return [];
      const contains = s.contains as Schema;
      const keep = (e as number) - 1;
      let seen = 0;
      const surplus = list.map((x) => fresh.matches(contains, x) && ++seen > keep);
      if (seen <= keep) return [];
      const others: unknown[] = [];
      for (let t = 0; t < 24 && others.length < seen - keep; t++) {
        const v = fresh.at(`${c.instanceTemplate}/*`, t);
        if (v !== undefined && !fresh.matches(contains, v)) others.push(v);
      }
      const out: unknown[] = [list.filter((_, k) => !surplus[k])];
      if (others.length === seen - keep) {
        let n = 0;
        out.push(list.map((x, k) => (surplus[k] ? others[n++] : x)));
      }
      return out;
    }
    case "maxContains": {
      // One matching item too many: copies of a matching item added, or new values of the contains schema.
      const list = listOf(value);
      if (!list) return [];
      const contains = s.contains as Schema;
      const matching = list.filter((x) => fresh.matches(contains, x));
      const more = (e as number) + 1 - matching.length;
      if (more <= 0) return [];
      const out: unknown[] = [];
      if (matching.length) out.push([...list, ...Array.from({ length: more }, () => clone(matching[0]))]);
      const made: unknown[] = [];
      for (let t = 0; t < more * 4 && made.length < more; t++) {
        const v = fresh.of([contains, ...(fresh.itemSchemas?.(c.instanceTemplate) ?? [])], t);
        if (v !== undefined && fresh.matches(contains, v)) made.push(v);
      }
      if (made.length === more) out.push([...list, ...made]);
      // Or as many items that do not match replaced by matching ones (when the array has no room to grow).
      const pool = matching.length ? Array.from({ length: more }, () => clone(matching[0])) : made;
      if (pool.length === more && list.length - matching.length >= more) {
        let n = 0;
        out.push(list.map((x) => (n < more && !fresh.matches(contains, x) ? pool[n++] : x)));
      }
      return out;
    }
    case "x-unique":
      // A dataset-level duplicate: made by the caller from an earlier record.
      return [];
    case "propertyNames": {
      if (!isObj(value)) return [];
      const first = Object.keys(value)[0] ?? "name";
      const names = [...new Set(["~" + first, first + "~", "~", "", "0", " ", `~${first}_${"~".repeat(64)}`])].filter((n) => !(n in value));
      // The added property's value: null, else one that additionalProperties may ask for.
      const values = [null, 0, "", false, {}, []];
      return values.flatMap((v) => names.map((n) => ({ ...value, [n]: clone(v) })));
    }
    case "not": {
      const out: unknown[] = [];
      for (let t = 0; t < 4; t++) {
        const v = fresh.of([e as Schema], t);
        if (v === undefined) continue;
        // Keep what the record had around it: an object takes the not-schema's properties on top of its own.
        if (isObj(value) && isObj(v)) out.push({ ...value, ...v });
        out.push(v);
      }
      return out;
    }
    case "anyOf":
    case "oneOf": {
      // Near values and other types usually match no branch; for oneOf, a value of one branch (with
      // the rest of the schema object it is on) may match two.
      // First the value with one constraint of a branch it matches broken (so that it may match no
      // branch), a smaller change than the near values and other types after it.
      // A branch's type last: another type is the largest change.
      const typeLast = (branch: KeywordConstraint[]) => [
        ...branch.filter((x) => x.keyword !== "type"),
        ...branch.filter((x) => x.keyword === "type"),
      ];
      const inBranches = (c.branches ?? [])
        .flatMap((branch, k) =>
          fresh.matches((e as Schema[])[k], value) ? breakBranch({ ...c, branches: undefined }, typeLast(branch), value, fresh) : [],
        )
        .slice(0, BRANCH_CANDIDATES);
      const out = [...inBranches, ...nearValues(value, []), "", 0, 0.5, false, null, [], {}];
      // A string cut short, which may reach a branch that a length decides.
      if (typeof value === "string") {
        for (let n = 1; n < Math.min(8, codePoints(value).length); n++) out.push(codePoints(value).slice(0, n).join(""));
        out.push(value + "~~", value + "~~~");
      }
      if (c.keyword === "oneOf") {
        const { oneOf: _branches, ...rest } = s;
        (e as Schema[]).forEach((branch, t) => out.push(fresh.of([branch, rest], t), fresh.of([branch], t)));
      }
      return out.filter((x) => x !== undefined);
    }
    case "if": {
      // The branch the value takes now (then when it matches the if, else when not) is broken in
      // place: on the value itself, or on one of its properties (added with a value of the branch's
      // schema for it when absent).
      const takesThen = fresh.matches(s.if as Schema, value);
      const out = breakBranch(c, takesThen ? c.then : c.else, value, fresh);
      // Then a value that takes the other branch, broken there: the if's own values, or values that fail it.
      const other = takesThen ? c.else : c.then;
      if (other?.length)
        for (let t = 0; t < 4; t++) {
          const base = fresh.of(takesThen ? [{ not: s.if as Schema }] : [s.if as Schema], t);
          if (base !== undefined && fresh.matches(s.if as Schema, base) !== takesThen) out.push(...breakBranch(c, other, base, fresh));
        }
      return out;
    }
    case "x-cross-field-rules":
      return [...ruleBreakingValues(c, value, fresh)];
    case "maxProperties": {
      if (!isObj(value)) return [];
      const more = (e as number) + 1 - Object.keys(value).length;
      if (more <= 0) return [];
      const out: unknown[] = [];
      // Declared properties the record left out first, with values of their own schemas.
      const declared = { ...value };
      const props = isObj(s.properties) ? Object.keys(s.properties) : [];
      for (const name of props) {
        if (Object.keys(declared).length >= (e as number) + 1) break;
        if (name in declared) continue;
        const v = fresh.at(`${c.instanceTemplate}/${escapePointerSegment(name)}`, 0);
        if (v !== undefined) declared[name] = v;
      }
      if (Object.keys(declared).length === (e as number) + 1) out.push(declared);
      if (s.additionalProperties !== false) {
        const extra = { ...value };
        for (let k = 0; Object.keys(extra).length < (e as number) + 1; k++) if (!(`extra_${k}` in extra)) extra[`extra_${k}`] = null;
        out.push(extra);
      }
      return out;
    }
  }
}
