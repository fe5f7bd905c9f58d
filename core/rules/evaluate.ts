// Evaluating a rule on one object (the instance of the schema the rule is written on).
//
// - Numbers are exact decimals (values.ts); dates and date-times are instants, a `date` being
//   midnight UTC; `today()` is the reference date; `days(n)` is a duration.
// - An absent path makes a comparison false; an implication whose premise mentions an absent
//   path holds (vacuously).
// - A path with `[*]` in a comparison means "for every element" (true for an empty array, false
//   when the array itself is absent). Paths that share a prefix up to a `[*]` (items[*].qty and
//   items[*].price) walk the same element together. Inside sum() and count(), `[*]` ranges over
//   the elements instead: sum() adds the present numbers, count() counts the elements for which
//   the condition holds (or that are present).
// - `ref(p).field` reads the field in the record the reference at p points to (RuleReferences);
//   a reference that points to no record makes it absent, like a missing field.
import { isComparison, pathText, refText, walkExpr, type BinaryNode, type CallNode, type Expr, type PathNode, type RefNode } from "./ast";
import type { NodeInfo } from "./scope";
import type { RefInfo, RuleReferences } from "./references";
import {
  ABSENT,
  DAY_MS,
  Duration,
  Instant,
  Num,
  add,
  cmp,
  div,
  fromJson,
  mul,
  neg,
  numFromText,
  parseInstant,
  showValue,
  sub,
  type Value,
} from "./values";

export type Bindings = ReadonlyMap<string, number>;
const NO_BINDINGS: Bindings = new Map();

/** Where a path leads in an object: the container and key that hold its value. */
export interface PathTarget {
  /** The object or array that holds (or would hold) the value. */
  container: Record<string, unknown> | unknown[];
  key: string | number;
  /** The current value (undefined when absent). */
  value: unknown;
}

/** A wildcard prefix: the array it ranges over is at `segments` (resolved with outer bindings). */
interface Prefix {
  key: string;
  /** Segments of the path up to (not including) the [*]. */
  arrayPath: PathNode["segments"];
  depth: number;
}

/** A rule prepared for evaluation: which node quantifies which `[*]`. */
export class CompiledExpr {
  /** Quantifying nodes (comparisons, boolean paths, sum/count) → the prefixes they bind, outer first. */
  readonly quant = new Map<Expr, Prefix[]>();
  /** For each path, the prefix key of each of its [*] segments. */
  readonly wildKeys = new Map<PathNode, string[]>();
  /** Paths and referenced fields whose values are dates (strings read as instants). */
  readonly dateTyped = new Set<PathNode | RefNode>();
  /** The x-ref site path (from the record's root, what RuleReferences takes) of each ref(…). */
  readonly refSites = new Map<RefNode, string>();
  /** The paths inside ref(…): references, which are set from the parent and not this rule's to change. */
  readonly refTargets = new Set<PathNode>();
  /** Number literals, parsed once. */
  readonly numbers = new Map<Expr, Num>();
  readonly paths: PathNode[] = [];

  constructor(
    readonly text: string,
    readonly ast: Expr,
    readonly nodes: ReadonlyMap<PathNode, NodeInfo>,
    refs: ReadonlyMap<RefNode, RefInfo> = new Map(),
  ) {
    walkExpr(ast, (e) => {
      if (e.type === "ref") {
        this.refTargets.add(e.target);
        const info = refs.get(e);
        if (info) this.refSites.set(e, info.site.path);
        if (info?.node?.dateFormat) this.dateTyped.add(e);
      }
      if (e.type === "path") {
        this.paths.push(e);
        const keys: string[] = [];
        e.segments.forEach((s, k) => s.kind === "wildcard" && keys.push(pathText(e.segments.slice(0, k + 1))));
        this.wildKeys.set(e, keys);
        if (nodes.get(e)?.dateFormat) this.dateTyped.add(e);
      } else if (e.type === "literal" && e.kind === "number") {
        const n = numFromText(e.value as string);
        if (n) this.numbers.set(e, n);
      }
    });
    this.place(ast, new Set(), true);
  }

  /** Decide which node binds each [*]: the nearest comparison, boolean path or aggregate. */
  private place(e: Expr, bound: ReadonlySet<string>, boolContext: boolean): void {
    const quantifies =
      isComparison(e) ||
      ((e.type === "path" || e.type === "ref") && boolContext) ||
      (e.type === "call" && (e.name === "sum" || e.name === "count"));
    let inner = bound;
    if (quantifies) {
      const free = this.free(e.type === "call" ? e.args[0] : e, bound);
      if (free.length) {
        this.quant.set(e, free);
        inner = new Set([...bound, ...free.map((p) => p.key)]);
      }
    }
    switch (e.type) {
      case "binary": {
        const logical = e.op === "and" || e.op === "or" || e.op === "->";
        this.place(e.left, inner, logical);
        if (e.right.type !== "list") this.place(e.right, inner, logical);
        else for (const x of e.right.items) this.place(x, inner, false);
        break;
      }
      case "unary":
        this.place(e.operand, inner, e.op === "not");
        break;
      case "call":
        for (const a of e.args) this.place(a, inner, e.name === "count");
        break;
      case "list":
        for (const x of e.items) this.place(x, inner, false);
        break;
    }
  }

  /** Prefixes of [*] paths below e that nothing binds yet (not looking inside sum/count). */
  private free(e: Expr, bound: ReadonlySet<string>): Prefix[] {
    const out = new Map<string, Prefix>();
    const visit = (x: Expr, top: boolean) => {
      if (!top && x.type === "call" && (x.name === "sum" || x.name === "count")) return;
      if (x.type === "path") {
        x.segments.forEach((s, k) => {
          if (s.kind !== "wildcard") return;
          const key = pathText(x.segments.slice(0, k + 1));
          if (!bound.has(key) && !out.has(key)) out.set(key, { key, arrayPath: x.segments.slice(0, k), depth: k });
        });
      } else if (x.type === "binary") {
        visit(x.left, false);
        visit(x.right, false);
      } else if (x.type === "unary") visit(x.operand, false);
      else if (x.type === "call") x.args.forEach((a) => visit(a, false));
      else if (x.type === "list") x.items.forEach((a) => visit(a, false));
      else if (x.type === "ref") visit(x.target, false);
    };
    visit(e, true);
    return [...out.values()].sort((a, b) => a.depth - b.depth);
  }
}

export class Evaluator {
  /** Set when a path evaluated outside sum()/count() was absent (for implications). */
  private absentSeen = false;
  /** Per ref(…): the last reference value resolved, and its record (RuleReferences.resolve is deterministic). */
  private readonly lastResolved = new Map<RefNode, { value: unknown; record: unknown }>();
  private aggregateDepth = 0;

  constructor(
    readonly rule: CompiledExpr,
    readonly today: Instant,
    /** How ref(…) finds the referenced record (a set); without it every ref(…) is absent. */
    readonly references?: RuleReferences,
  ) {}

  /** Does the rule hold for this object? */
  holds(obj: unknown): boolean {
    this.absentSeen = false;
    this.aggregateDepth = 0;
    return this.truth(this.rule.ast, obj, NO_BINDINGS);
  }

  /** The truth of a boolean node, quantifying the [*] it binds. */
  truth(e: Expr, obj: unknown, b: Bindings): boolean {
    switch (e.type) {
      case "binary":
        switch (e.op) {
          case "->": {
            const saved = this.absentSeen;
            this.absentSeen = false;
            const premise = this.truth(e.left, obj, b);
            const vacuous = this.absentSeen;
            this.absentSeen = saved || vacuous;
            if (vacuous || !premise) return true;
            return this.truth(e.right, obj, b);
          }
          case "and": {
            const l = this.truth(e.left, obj, b);
            const r = this.truth(e.right, obj, b);
            return l && r;
          }
          case "or": {
            const l = this.truth(e.left, obj, b);
            const r = this.truth(e.right, obj, b);
            return l || r;
          }
        }
        if (isComparison(e)) return this.forAll(e, obj, b, (bb) => this.compareAt(e, obj, bb));
        return this.value(e, obj, b) === true;
      case "unary":
        if (e.op === "not") return !this.truth(e.operand, obj, b);
        return false;
      case "path":
      case "ref":
        return this.forAll(e, obj, b, (bb) => this.value(e, obj, bb) === true);
      case "literal":
        return e.value === true;
      default:
        return this.value(e, obj, b) === true;
    }
  }

  /** A comparison at fixed bindings. */
  compareAt(e: BinaryNode, obj: unknown, b: Bindings): boolean {
    const l = this.value(e.left, obj, b);
    if (e.op === "in" || e.op === "not in") {
      if (l === ABSENT) return false;
      const items = e.right.type === "list" ? e.right.items.map((x) => this.value(x, obj, b)) : [];
      const found = items.some((x) => compareValues("==", l, x));
      return e.op === "in" ? found : !found;
    }
    const r = this.value(e.right, obj, b);
    return compareValues(e.op, l, r);
  }

  /** Every binding of the [*] that node e quantifies; false when an array is absent. */
  forAll(e: Expr, obj: unknown, b: Bindings, test: (b: Bindings) => boolean): boolean {
    const prefixes = this.rule.quant.get(e);
    if (!prefixes) return test(b);
    let ok = true;
    const complete = this.enumerate(prefixes, 0, obj, b, (bb) => {
      if (!test(bb)) ok = false;
      return ok;
    });
    if (!complete) return false;
    return ok;
  }

  /**
   * Calls visit for each binding of the prefixes (stops when visit returns false). Returns false
   * when an array on the way is absent or not an array.
   */
  enumerate(prefixes: readonly Prefix[], k: number, obj: unknown, b: Bindings, visit: (b: Bindings) => boolean): boolean {
    if (k === prefixes.length) {
      visit(b);
      return true;
    }
    const p = prefixes[k];
    const arr = this.walk(p.arrayPath, obj, b);
    if (!Array.isArray(arr)) {
      if (this.aggregateDepth === 0) this.absentSeen = true;
      return false;
    }
    let complete = true;
    for (let j = 0; j < arr.length; j++) {
      const bb = new Map(b).set(p.key, j);
      let stop = false;
      const ok = this.enumerate(prefixes, k + 1, obj, bb, (x) => {
        const go = visit(x);
        if (!go) stop = true;
        return go;
      });
      if (!ok) complete = false;
      if (stop) break;
    }
    return complete;
  }

  /** All bindings of the prefixes node e quantifies (empty list of one binding when none). */
  bindingsOf(e: Expr, obj: unknown, b: Bindings): Bindings[] | undefined {
    const prefixes = this.rule.quant.get(e);
    if (!prefixes) return [b];
    const out: Bindings[] = [];
    const ok = this.enumerate(prefixes, 0, obj, b, (bb) => (out.push(bb), true));
    return ok ? out : undefined;
  }

  /** The raw JSON value at a path's segments (undefined when absent). */
  private walk(segments: PathNode["segments"], obj: unknown, b: Bindings, wildKeys?: string[]): unknown {
    let cur: unknown = obj;
    let w = 0;
    for (let k = 0; k < segments.length; k++) {
      const s = segments[k];
      if (cur === null || typeof cur !== "object") return undefined;
      if (s.kind === "name") {
        if (Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, s.name)) return undefined;
        cur = (cur as Record<string, unknown>)[s.name];
      } else {
        if (!Array.isArray(cur)) return undefined;
        let idx: number | undefined;
        if (s.kind === "index") idx = s.index;
        else {
          const key = wildKeys ? wildKeys[w++] : pathText(segments.slice(0, k + 1));
          idx = b.get(key);
        }
        if (idx === undefined || idx >= cur.length) return undefined;
        cur = cur[idx];
      }
    }
    return cur;
  }

  /** Container and key of a path at bindings, when everything above the last step exists. */
  target(p: PathNode, obj: unknown, b: Bindings): PathTarget | undefined {
    const keys = this.rule.wildKeys.get(p);
    const parent = this.walk(p.segments.slice(0, -1), obj, b, keys);
    if (parent === null || typeof parent !== "object") return undefined;
    const last = p.segments[p.segments.length - 1];
    if (last.kind === "name") {
      if (Array.isArray(parent)) return undefined;
      const c = parent as Record<string, unknown>;
      return { container: c, key: last.name, value: Object.prototype.hasOwnProperty.call(c, last.name) ? c[last.name] : undefined };
    }
    if (!Array.isArray(parent)) return undefined;
    const idx = last.kind === "index" ? last.index : b.get(keys![keys!.length - 1]);
    if (idx === undefined || idx >= parent.length) return undefined;
    return { container: parent, key: idx, value: parent[idx] };
  }

  /** The value of an expression at fixed bindings. */
  value(e: Expr, obj: unknown, b: Bindings): Value {
    switch (e.type) {
      case "literal":
        if (e.kind === "number") return this.rule.numbers.get(e) ?? ABSENT;
        return e.value;
      case "list":
        return e.items.map((x) => this.value(x, obj, b));
      case "path": {
        const raw = this.walk(e.segments, obj, b, this.rule.wildKeys.get(e));
        if (raw === undefined) {
          if (this.aggregateDepth === 0) this.absentSeen = true;
          return ABSENT;
        }
        if (typeof raw === "string" && this.rule.dateTyped.has(e)) return parseInstant(raw) ?? raw;
        return fromJson(raw);
      }
      case "unary":
        if (e.op === "not") return !this.truth(e.operand, obj, b);
        {
          const v = this.value(e.operand, obj, b);
          if (v instanceof Num) return neg(v);
          if (v instanceof Duration) return new Duration(neg(v.ms));
          return ABSENT;
        }
      case "binary":
        if (e.op === "+" || e.op === "-" || e.op === "*" || e.op === "/")
          return arithmeticValue(e.op, this.value(e.left, obj, b), this.value(e.right, obj, b));
        return this.truth(e, obj, b);
      case "call":
        return this.call(e, obj, b);
      case "ref":
        return this.refValue(e, obj, b);
    }
  }

  /** The record `ref(p)` points to at these bindings; undefined when p is absent or points to no record. */
  referenced(e: RefNode, obj: unknown, b: Bindings): unknown {
    const value = this.walk(e.target.segments, obj, b, this.rule.wildKeys.get(e.target));
    const site = this.rule.refSites.get(e);
    if (value === undefined || site === undefined || !this.references) return undefined;
    // A rule reads its references again and again while a record is checked and repaired, and
    // the reference fields do not change meanwhile: the last answer per ref(…) is kept.
    const last = this.lastResolved.get(e);
    if (last && last.value === value) return last.record;
    const record = this.references.resolve(site, value);
    if (typeof value !== "object") this.lastResolved.set(e, { value, record });
    return record;
  }

  private refValue(e: RefNode, obj: unknown, b: Bindings): Value {
    const record = this.referenced(e, obj, b);
    const raw = record === undefined ? undefined : this.walk(e.field, record, NO_BINDINGS);
    if (raw === undefined) {
      if (this.aggregateDepth === 0) this.absentSeen = true;
      return ABSENT;
    }
    if (typeof raw === "string" && this.rule.dateTyped.has(e)) return parseInstant(raw) ?? raw;
    return fromJson(raw);
  }

  /**
   * Why a ref(…) under `e` reads nothing at these bindings: the reference is there but points to
   * no record ("the reference customer_id = "C-9" points to no record"); undefined when none dangles.
   */
  dangling(e: Expr, obj: unknown, b: Bindings): string | undefined {
    let why: string | undefined;
    walkExpr(e, (x) => {
      if (why !== undefined || x.type !== "ref") return;
      const value = this.walk(x.target.segments, obj, b, this.rule.wildKeys.get(x.target));
      if (value !== undefined && this.referenced(x, obj, b) === undefined)
        why = `the reference ${x.target.text} = ${showValue(fromJson(value))} points to no record`;
    });
    return why;
  }

  private call(e: CallNode, obj: unknown, b: Bindings): Value {
    switch (e.name) {
      case "today":
        return this.today;
      case "days": {
        const n = this.value(e.args[0], obj, b);
        return n instanceof Num ? new Duration(mul(n, DAY_MS)) : ABSENT;
      }
      case "date": {
        const v = this.value(e.args[0], obj, b);
        if (v instanceof Instant) return v;
        return typeof v === "string" ? (parseInstant(v) ?? ABSENT) : ABSENT;
      }
      case "len": {
        const v = this.value(e.args[0], obj, b);
        if (typeof v === "string") return new Num(BigInt(codePoints(v)), 0);
        if (v instanceof Instant) {
          // A date-typed path: its text length.
          const raw = e.args[0].type === "path" ? this.walk(e.args[0].segments, obj, b, this.rule.wildKeys.get(e.args[0])) : undefined;
          return typeof raw === "string" ? new Num(BigInt(codePoints(raw)), 0) : ABSENT;
        }
        if (Array.isArray(v)) return new Num(BigInt(v.length), 0);
        return ABSENT;
      }
      case "sum":
      case "count":
        return this.aggregate(e, obj, b);
    }
  }

  private aggregate(e: CallNode, obj: unknown, b: Bindings): Value {
    const arg = e.args[0];
    const prefixes = this.rule.quant.get(e);
    if (!prefixes) {
      // sum(xs) / count(xs) over an array value.
      const v = this.value(arg, obj, b);
      if (!Array.isArray(v)) return e.name === "count" && typeof v === "boolean" ? new Num(v ? 1n : 0n, 0) : ABSENT;
      if (e.name === "count") return new Num(BigInt(v.length), 0);
      let total = new Num(0n, 0);
      for (const x of v) {
        const n = fromJson(x);
        if (n instanceof Num) total = add(total, n);
        else if (n !== ABSENT && n !== null) return ABSENT;
      }
      return total;
    }
    let total: Num | Duration | undefined;
    let n = 0n;
    let bad = false;
    this.aggregateDepth++;
    const complete = this.enumerate(prefixes, 0, obj, b, (bb) => {
      if (e.name === "count") {
        if (isBooleanNode(arg) ? this.truth(arg, obj, bb) : this.value(arg, obj, bb) !== ABSENT) n++;
        return true;
      }
      const v = this.value(arg, obj, bb);
      if (v === ABSENT || v === null) return true;
      if (v instanceof Num && !(total instanceof Duration)) total = total ? add(total, v) : v;
      else if (v instanceof Duration && !(total instanceof Num)) total = new Duration(total ? add(total.ms, v.ms) : v.ms);
      else bad = true;
      return !bad;
    });
    this.aggregateDepth--;
    if (!complete) {
      this.absentSeen ||= this.aggregateDepth === 0;
      return ABSENT;
    }
    if (e.name === "count") return new Num(n, 0);
    if (bad) return ABSENT;
    return total ?? new Num(0n, 0);
  }

  /** "path = value" for the paths, aggregates and referenced fields of the rule, for messages. */
  explain(obj: unknown): string {
    const parts: string[] = [];
    const seen = new Set<string>();
    walkExpr(this.rule.ast, (e) => {
      if (parts.length >= 4) return;
      let label: string | undefined;
      let v: Value | undefined;
      let why: string | undefined;
      if (e.type === "path" && !e.segments.some((s) => s.kind === "wildcard")) {
        label = e.text;
        v = this.value(e, obj, NO_BINDINGS);
      } else if (e.type === "call" && (e.name === "sum" || e.name === "count" || e.name === "len")) {
        label = this.rule.text.slice(e.start, e.end);
        v = this.value(e, obj, NO_BINDINGS);
      } else if (e.type === "ref" && !e.target.segments.some((s) => s.kind === "wildcard")) {
        label = refText(e);
        v = this.value(e, obj, NO_BINDINGS);
        why = this.dangling(e, obj, NO_BINDINGS);
      }
      if (label === undefined || seen.has(label)) return;
      seen.add(label);
      parts.push(`${label} = ${showValue(v)}${why === undefined ? "" : ` (${why})`}`);
    });
    return parts.join(", ");
  }
}

function isBooleanNode(e: Expr): boolean {
  if (e.type === "binary") return isComparison(e) || e.op === "and" || e.op === "or" || e.op === "->";
  return (e.type === "unary" && e.op === "not") || (e.type === "literal" && e.kind === "boolean");
}

export function codePoints(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff && k + 1 < s.length) {
      const d = s.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) k++;
    }
    n++;
  }
  return n;
}

export function arithmeticValue(op: "+" | "-" | "*" | "/", l: Value, r: Value): Value {
  if (l === ABSENT || r === ABSENT) return ABSENT;
  if (typeof l === "string") l = parseInstant(l) ?? l;
  if (typeof r === "string") r = parseInstant(r) ?? r;
  if (l instanceof Num && r instanceof Num) {
    if (op === "+") return add(l, r);
    if (op === "-") return sub(l, r);
    if (op === "*") return mul(l, r);
    return div(l, r) ?? ABSENT;
  }
  if (op === "+") {
    if (l instanceof Instant && r instanceof Duration) return new Instant(add(l.ms, r.ms));
    if (l instanceof Duration && r instanceof Instant) return new Instant(add(l.ms, r.ms));
    if (l instanceof Duration && r instanceof Duration) return new Duration(add(l.ms, r.ms));
  } else if (op === "-") {
    if (l instanceof Instant && r instanceof Duration) return new Instant(sub(l.ms, r.ms));
    if (l instanceof Instant && r instanceof Instant) return new Duration(sub(l.ms, r.ms));
    if (l instanceof Duration && r instanceof Duration) return new Duration(sub(l.ms, r.ms));
  } else if (op === "*") {
    if (l instanceof Duration && r instanceof Num) return new Duration(mul(l.ms, r));
    if (l instanceof Num && r instanceof Duration) return new Duration(mul(l, r.ms));
  } else {
    if (l instanceof Duration && r instanceof Num) {
      const q = div(l.ms, r);
      return q ? new Duration(q) : ABSENT;
    }
    if (l instanceof Duration && r instanceof Duration) return div(l.ms, r.ms) ?? ABSENT;
  }
  return ABSENT;
}

/** The comparison of two values: absent makes it false; values of different kinds are unequal. */
export function compareValues(op: string, l: Value, r: Value): boolean {
  if (l === ABSENT || r === ABSENT) return false;
  // A date compared with text: read the text as a date.
  if (l instanceof Instant && typeof r === "string") r = parseInstant(r) ?? r;
  else if (r instanceof Instant && typeof l === "string") l = parseInstant(l) ?? l;
  let c: number | undefined;
  if (l instanceof Num && r instanceof Num) c = cmp(l, r);
  else if (l instanceof Instant && r instanceof Instant) c = cmp(l.ms, r.ms);
  else if (l instanceof Duration && r instanceof Duration) c = cmp(l.ms, r.ms);
  else if (typeof l === "string" && typeof r === "string") c = l < r ? -1 : l > r ? 1 : 0;
  else if (op === "==" || op === "!=") {
    const eq = deepEqual(l, r);
    return op === "==" ? eq : !eq;
  }
  if (c === undefined) return op === "!=";
  switch (op) {
    case "==":
      return c === 0;
    case "!=":
      return c !== 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
  }
  return false;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Num && b instanceof Num) return cmp(a, b) === 0;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (a instanceof Instant || b instanceof Instant || a instanceof Duration || b instanceof Duration) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, k) => deepEqual(fromJson(x), fromJson(bb[k])));
  }
  const ka = Object.keys(a),
    kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.prototype.hasOwnProperty.call(b, k) &&
      deepEqual(fromJson((a as Record<string, unknown>)[k]), fromJson((b as Record<string, unknown>)[k])),
  );
}

export { NO_BINDINGS };
