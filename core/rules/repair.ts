// Repairing a record that violates a rule: the smallest deterministic change that makes the rule
// hold while every changed value stays valid against its own schema (the engine validates the
// whole record afterwards).
//
//   A -> B            make B hold (set the consequent); if B cannot hold, make A false
//   A and B           make each part hold
//   A or B            make the first part that can hold hold
//   not A             make A false (comparisons flip: not (a < b) is a >= b)
//   L op R            change one value the comparison depends on: a plain path first (the side
//                     with fewer paths first, left before right), solving through + - * / and
//                     sum() for the value it needs; `len(x)` trims or extends x
//   x[*].y op R       every element that fails is repaired on its own
//   ref(p).f          a constant, like a literal: the referenced record is shared with other
//                     records (a parent of many children), so only this record's fields change
//
// New values: `==` sets exactly the value needed (a recomputed total, a consequent); an ordering
// draws from the values the base generator could have produced that satisfy it (the schema range
// on the grid of multipleOf, or the date window), so repaired values stay diverse; when there are
// none, from the nearest band beyond the bound (a window's width of dates, or the schema range).
// Lengths move to the nearest allowed length. What cannot be solved is resampled: fresh values of
// the field's own schema, up to RESAMPLE_ATTEMPTS times. All draws come from the repair stream
// given by the engine (see docs/determinism.md).
import { canonicalJson } from "../schema/facts";
import type { Rng } from "../base/rng";
import { isComparison, type BinaryNode, type CallNode, type Expr, type PathNode } from "./ast";
import { arithmeticValue, codePoints, compareValues, type Bindings, type Evaluator } from "./evaluate";
import { T, type NodeInfo, type SchemaScope } from "./scope";
import {
  ABSENT,
  Duration,
  Instant,
  Num,
  add,
  cmp,
  fromJson,
  ceilDiv,
  div,
  floorDiv,
  formatInstant,
  mul,
  neg,
  numFromNumber,
  parseInstantStyled,
  styleGrid,
  sub,
  times,
  toNumber,
  type DateStyle,
  type Value,
} from "./values";

export const RESAMPLE_ATTEMPTS = 6;
const ELEMENT_ATTEMPTS = 8;

export interface RepairHooks {
  /** The repair stream of this (record attempt, rule, instance, pass). */
  rng: Rng;
  scope: SchemaScope;
  /** Is `value` valid against every schema of the node? */
  valid(node: NodeInfo, value: unknown): boolean;
  /** A fresh value of the node's schemas (undefined when none can be made). */
  fresh(node: NodeInfo, name: string | undefined, rng: Rng): unknown;
  /** The date window of generation, epoch ms. */
  window: { start: number; end: number };
  /** Values that must not change (x-unique fields). */
  frozen(container: object, key: string | number): boolean;
}

interface UndoEntry {
  container: Record<string, unknown> | unknown[];
  key: string | number;
  had: boolean;
  old: unknown;
}

type Rel = "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in";

type Step =
  | { kind: "neg" }
  | { kind: "arith"; op: "+" | "-" | "*" | "/"; other: Expr; leafOnLeft: boolean }
  | { kind: "sum"; call: CallNode; part: Expr }
  | { kind: "id" };

interface Leaf {
  kind: "path" | "length" | "bool";
  node: Expr;
  path?: PathNode;
  side: "left" | "right";
  bindings: Bindings;
  chain: Step[];
}

const FLIP: Record<string, Rel> = { "==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=", in: "in", "not in": "not in" };
const NEGATE: Record<string, Rel> = { "==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<", in: "not in", "not in": "in" };

export class Repairer {
  private readonly log: UndoEntry[] = [];
  /** Why the last attempts failed, for the error message when nothing works. */
  readonly notes: string[] = [];
  /**
   * Bounds that the parts of an enclosing `and` put on a path (`x >= a and x <= b`): a value drawn
   * for one part also satisfies the others, instead of the parts undoing each other.
   */
  private readonly together: Map<string, { rel: Rel; target: Value }[]>[] = [];

  constructor(
    private readonly ev: Evaluator,
    private readonly hooks: RepairHooks,
    private readonly obj: unknown,
  ) {}

  /** Make the whole rule hold. True when it holds afterwards; otherwise every change is undone. */
  repair(): boolean {
    const ast = this.ev.rule.ast;
    const mark = this.log.length;
    if (this.make(ast, true, new Map()) && this.ev.holds(this.obj)) return true;
    this.undo(mark);
    return false;
  }

  // ---- changes and undo ---------------------------------------------------------------------------

  private set(container: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
    const had = Array.isArray(container) ? true : Object.prototype.hasOwnProperty.call(container, key);
    this.log.push({ container, key, had, old: (container as Record<string, unknown>)[key as string] });
    if (!Array.isArray(container) && key === "__proto__") {
      Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
    } else (container as Record<string, unknown>)[key as string] = value;
  }

  private undo(mark: number): void {
    while (this.log.length > mark) {
      const e = this.log.pop()!;
      if (e.had) (e.container as Record<string, unknown>)[e.key as string] = e.old;
      else delete (e.container as Record<string, unknown>)[e.key as string];
    }
  }

  private truth(e: Expr, b: Bindings): boolean {
    return this.ev.truth(e, this.obj, b);
  }

  // ---- boolean structure --------------------------------------------------------------------------

  private make(e: Expr, want: boolean, b: Bindings): boolean {
    if (this.truth(e, b) === want) return true;
    const mark = this.log.length;
    const attempt = (fn: () => boolean): boolean => {
      if (fn() && this.truth(e, b) === want) return true;
      this.undo(mark);
      return false;
    };
    if (e.type === "binary") {
      switch (e.op) {
        case "->":
          if (want) return attempt(() => this.make(e.right, true, b)) || attempt(() => this.make(e.left, false, b));
          return attempt(() => this.make(e.left, true, b) && this.make(e.right, false, b));
        case "and":
          if (want) {
            const parts = conjuncts(e);
            this.together.push(this.boundsOf(parts, b));
            try {
              return attempt(() => {
                for (let pass = 0; pass < 3; pass++) {
                  for (const part of parts) if (!this.truth(part, b) && !this.make(part, true, b)) return false;
                  if (this.truth(e, b)) return true;
                }
                return false;
              });
            } finally {
              this.together.pop();
            }
          }
          return attempt(() => this.make(e.left, false, b)) || attempt(() => this.make(e.right, false, b));
        case "or":
          if (want) return attempt(() => this.make(e.left, true, b)) || attempt(() => this.make(e.right, true, b));
          return attempt(() => this.make(e.left, false, b) && this.make(e.right, false, b));
      }
      if (isComparison(e)) return attempt(() => this.makeComparison(e, want, b));
      return false;
    }
    if (e.type === "unary" && e.op === "not") return attempt(() => this.make(e.operand, !want, b));
    if (e.type === "path") {
      const all = this.ev.bindingsOf(e, this.obj, b);
      if (!all) return false;
      return attempt(() => all.every((bb) => this.ev.value(e, this.obj, bb) === want || this.setPath(e, bb, want)));
    }
    return false;
  }

  /** For each plain path compared directly in these parts: the relations the parts require of it. */
  private boundsOf(parts: Expr[], b: Bindings): Map<string, { rel: Rel; target: Value }[]> {
    const out = new Map<string, { rel: Rel; target: Value }[]>();
    for (const c of parts) {
      if (!isComparison(c) || c.op === "in" || c.op === "not in" || c.op === "!=") continue;
      for (const [side, other, rel] of [
        [c.left, c.right, c.op],
        [c.right, c.left, FLIP[c.op]],
      ] as const) {
        if (side.type !== "path" || side.segments.some((x) => x.kind === "wildcard")) continue;
        if (this.ev.rule.paths.some((p) => p.text === side.text && p.start >= other.start && p.end <= other.end)) continue;
        const target = this.ev.value(other, this.obj, b);
        if (target === ABSENT) continue;
        let list = out.get(side.text);
        if (!list) out.set(side.text, (list = []));
        list.push({ rel, target });
      }
    }
    return out;
  }

  /** Bounds the enclosing `and`s put on a path. */
  private extraBounds(p: PathNode): { rel: Rel; target: Value }[] {
    const out: { rel: Rel; target: Value }[] = [];
    for (const m of this.together) out.push(...(m.get(p.text) ?? []));
    return out;
  }

  private makeComparison(e: BinaryNode, want: boolean, b: Bindings): boolean {
    const all = this.ev.bindingsOf(e, this.obj, b);
    if (!all) {
      this.notes.push(`${this.src(e)}: an array it ranges over is absent`);
      return false;
    }
    const rel = (want ? e.op : NEGATE[e.op]) as Rel;
    if (want) {
      for (const bb of all) {
        if (this.relation(e, rel, bb)) continue;
        if (!this.fixComparison(e, rel, bb)) return false;
      }
      return true;
    }
    for (const bb of all) {
      const mark = this.log.length;
      if (this.fixComparison(e, rel, bb)) return true;
      this.undo(mark);
    }
    return false;
  }

  /** Does `left rel right` hold at these bindings? */
  private relation(e: BinaryNode, rel: Rel, b: Bindings): boolean {
    const l = this.ev.value(e.left, this.obj, b);
    if (rel === "in" || rel === "not in") {
      if (l === ABSENT) return false;
      const items = e.right.type === "list" ? e.right.items.map((x) => this.ev.value(x, this.obj, b)) : [];
      const found = items.some((x) => compareValues("==", l, x));
      return rel === "in" ? found : !found;
    }
    return compareValues(rel, l, this.ev.value(e.right, this.obj, b));
  }

  private src(e: Expr): string {
    return this.ev.rule.text.slice(e.start, e.end);
  }

  // ---- one comparison -----------------------------------------------------------------------------

  private fixComparison(e: BinaryNode, rel: Rel, b: Bindings): boolean {
    // A reference to no record reads as absent: no value of this record's fields makes it hold.
    const dangling = this.ev.dangling(e, this.obj, b);
    if (dangling !== undefined) {
      this.notes.push(`${this.src(e)}: ${dangling}`);
      return false;
    }
    const leaves = this.leaves(e, b);
    for (const leaf of leaves) {
      const mark = this.log.length;
      if (this.solve(e, rel, leaf) && this.relation(e, rel, b)) return true;
      this.undo(mark);
    }
    // Resample: fresh values of each field the comparison reads.
    for (const leaf of leaves) {
      if (leaf.kind !== "path") continue;
      const info = this.info(leaf.path!);
      const t = this.ev.target(leaf.path!, this.obj, leaf.bindings);
      if (!info || !t || this.hooks.frozen(t.container, t.key)) continue;
      for (let k = 0; k < RESAMPLE_ATTEMPTS; k++) {
        const mark = this.log.length;
        const v = this.hooks.fresh(info, typeof t.key === "string" ? t.key : undefined, this.hooks.rng.fork(k));
        if (v === undefined) break;
        this.set(t.container, t.key, v);
        if (this.relation(e, rel, b)) return true;
        this.undo(mark);
      }
    }
    this.notes.push(
      `${this.src(e)}: no value of ${
        leaves
          .filter((l) => l.path)
          .map((l) => l.path!.text)
          .join(", ") || "its fields"
      } within the schema makes it hold`,
    );
    return false;
  }

  /** The values a comparison depends on, in the order they are tried. */
  private leaves(e: BinaryNode, b: Bindings): Leaf[] {
    const left: Leaf[] = [];
    const right: Leaf[] = [];
    this.collect(e.left, "left", [], b, left);
    if (e.right.type !== "list") this.collect(e.right, "right", [], b, right);
    // The side with fewer values first (`total == sum(items[*].price)` changes total); on a tie, the left.
    const count = (ls: Leaf[]) => ls.filter((l) => l.kind !== "bool").length || Infinity;
    const ordered = count(right) < count(left) ? [...right, ...left] : [...left, ...right];
    return [...ordered.filter((l) => l.kind !== "bool"), ...ordered.filter((l) => l.kind === "bool")];
  }

  private collect(e: Expr, side: "left" | "right", chain: Step[], b: Bindings, out: Leaf[]): void {
    switch (e.type) {
      case "path":
        out.push({ kind: "path", node: e, path: e, side, bindings: b, chain });
        return;
      case "unary":
        if (e.op === "-") this.collect(e.operand, side, [...chain, { kind: "neg" }], b, out);
        else out.push({ kind: "bool", node: e, side, bindings: b, chain });
        return;
      case "binary":
        if (e.op === "+" || e.op === "-" || e.op === "*" || e.op === "/") {
          this.collect(e.left, side, [...chain, { kind: "arith", op: e.op, other: e.right, leafOnLeft: true }], b, out);
          if (e.op !== "/") this.collect(e.right, side, [...chain, { kind: "arith", op: e.op, other: e.left, leafOnLeft: false }], b, out);
          return;
        }
        out.push({ kind: "bool", node: e, side, bindings: b, chain });
        return;
      case "call":
        if (e.name === "date") this.collect(e.args[0], side, [...chain, { kind: "id" }], b, out);
        else if (e.name === "len" && e.args[0].type === "path")
          out.push({ kind: "length", node: e, path: e.args[0], side, bindings: b, chain });
        else if (e.name === "sum") {
          const elements = this.ev.bindingsOf(e, this.obj, b);
          // The last element first: the one a person would adjust.
          for (const bb of (elements ?? []).slice().reverse())
            this.collect(e.args[0], side, [...chain, { kind: "sum", call: e, part: e.args[0] }], bb, out);
        }
        return;
      default:
        // Literals, lists and ref(…) (a field of another, shared record): nothing to change.
        return;
    }
  }

  private info(p: PathNode): NodeInfo | undefined {
    return this.ev.rule.nodes.get(p);
  }

  /** Give one leaf the value that makes `left rel right` hold. */
  private solve(e: BinaryNode, rel: Rel, leaf: Leaf): boolean {
    const b = leaf.bindings;
    if (rel === "in" || rel === "not in") {
      if (leaf.kind !== "path" || leaf.chain.length || leaf.side !== "left") return false;
      if (rel === "not in") return false; // resampled
      const info = this.info(leaf.path!);
      const items = e.right.type === "list" ? e.right.items.map((x) => this.ev.value(x, this.obj, b)) : [];
      const order = items.map((_, k) => k);
      for (let k = order.length - 1; k > 0; k--) {
        const j = this.hooks.rng.int(0, k);
        [order[k], order[j]] = [order[j], order[k]];
      }
      for (const k of order) {
        const mark = this.log.length;
        if (info && this.assign(leaf.path!, b, info, "==", items[k])) return true;
        this.undo(mark);
      }
      return false;
    }
    // The value the leaf's side must stand in relation `r` to.
    const other = this.ev.value(leaf.side === "left" ? e.right : e.left, this.obj, b);
    if (other === ABSENT) return false;
    let r: Rel = leaf.side === "left" ? rel : FLIP[rel];
    let target: Value = other;
    for (const step of leaf.chain) {
      const inv = this.invert(step, r, target, b);
      if (!inv) return false;
      [r, target] = inv;
    }
    if (leaf.kind === "bool") {
      if (typeof target !== "boolean" || (r !== "==" && r !== "!=")) return false;
      return this.make(leaf.node, r === "==" ? target : !target, b);
    }
    if (leaf.kind === "length") return this.resize(leaf.path!, b, r, target);
    const info = this.info(leaf.path!);
    return info !== undefined && this.assign(leaf.path!, b, info, r, target);
  }

  /** Undo one step of the chain: `f(x) r t` becomes `x r' t'`. */
  private invert(step: Step, r: Rel, t: Value, b: Bindings): [Rel, Value] | undefined {
    switch (step.kind) {
      case "id":
        return [r, t];
      case "neg":
        if (t instanceof Num) return [FLIP[r], neg(t)];
        if (t instanceof Duration) return [FLIP[r], new Duration(neg(t.ms))];
        return undefined;
      case "sum": {
        const total = this.ev.value(step.call, this.obj, b);
        const part = this.ev.value(step.part, this.obj, b);
        const rest = part === ABSENT || part === null ? total : arithmeticValue("-", total, part);
        const v = arithmeticValue("-", t, rest);
        return v === ABSENT ? undefined : [r, v];
      }
      case "arith": {
        const o = this.ev.value(step.other, this.obj, b);
        if (o === ABSENT) return undefined;
        let v: Value;
        let flip = false;
        switch (step.op) {
          case "+":
            v = arithmeticValue("-", t, o);
            break;
          case "-":
            if (step.leafOnLeft) v = arithmeticValue("+", t, o);
            else {
              v = arithmeticValue("-", o, t);
              flip = true;
            }
            break;
          case "*": {
            if (!(o instanceof Num) || o.n === 0n) return undefined;
            v =
              t instanceof Num
                ? (div(t, o) ?? ABSENT)
                : t instanceof Duration
                  ? div(t.ms, o)
                    ? new Duration(div(t.ms, o)!)
                    : ABSENT
                  : ABSENT;
            // An inexact quotient cannot give equality.
            if (r === "==" && v instanceof Num && cmp(mul(v, o), t as Num) !== 0) return undefined;
            flip = o.n < 0n;
            break;
          }
          case "/":
            if (!(o instanceof Num) || o.n === 0n) return undefined;
            v = arithmeticValue("*", t, o);
            flip = o.n < 0n;
            break;
        }
        if (v === ABSENT) return undefined;
        return [flip ? FLIP[r] : r, v];
      }
    }
  }

  // ---- new values ---------------------------------------------------------------------------------

  /** Set a boolean path (a bare boolean path in the rule). */
  private setPath(p: PathNode, b: Bindings, value: boolean): boolean {
    const info = this.info(p);
    return info !== undefined && this.assign(p, b, info, "==", value);
  }

  /** Give the field at p a value v with `v r target`, valid against its schema. */
  private assign(p: PathNode, b: Bindings, info: NodeInfo, r: Rel, target: Value): boolean {
    const t = this.ev.target(p, this.obj, b);
    if (!t || this.hooks.frozen(t.container, t.key)) return false;
    const candidates = this.valuesFor(info, r, target, t.value, p.segments.some((x) => x.kind === "wildcard") ? [] : this.extraBounds(p));
    for (const v of candidates) {
      if (v === undefined) continue;
      if (!this.hooks.valid(info, v)) {
        this.notes.push(`${p.text} = ${JSON.stringify(v)} is not valid against its schema`);
        continue;
      }
      this.set(t.container, t.key, v);
      return true;
    }
    return false;
  }

  /** JSON values to try for a field so that `value r target` holds. */
  private valuesFor(info: NodeInfo, r: Rel, target: Value, current: unknown, extra: { rel: Rel; target: Value }[]): unknown[] {
    if (target instanceof Num) {
      if (!(info.type & T.number)) return [];
      if (r === "==") return [toNumber(target)];
      const n = this.drawNumber(info, r, target, extra.filter((x) => x.target instanceof Num) as { rel: Rel; target: Num }[]);
      return n === undefined ? [] : [toNumber(n)];
    }
    if (target instanceof Instant) {
      if (!(info.type & (T.date | T.string))) return [];
      const style = this.styleOf(info, current);
      if (r === "==") return [formatInstant(target, style)];
      const ms = this.drawInstant(
        r,
        target.ms,
        style,
        extra.flatMap((x) =>
          x.target instanceof Instant
            ? [{ rel: x.rel, target: x.target.ms }]
            : typeof x.target === "string" && parseInstantStyled(x.target)
              ? [{ rel: x.rel, target: parseInstantStyled(x.target)!.instant.ms }]
              : [],
        ),
      );
      return ms === undefined ? [] : [formatInstant(new Instant(ms), style)];
    }
    if (r === "==") {
      if (typeof target === "string" && info.dateFormat) {
        const parsed = parseInstantStyled(target);
        if (parsed) return [formatInstant(parsed.instant, this.styleOf(info, current))];
      }
      if (target === null || typeof target === "string" || typeof target === "boolean") return [target];
      return [];
    }
    if (r === "!=" && typeof target === "boolean" && info.type & T.boolean) return [!target];
    if (r === "!=" && info.facts.enumValues) {
      // Another allowed value, in an order drawn from the repair stream.
      const others = info.facts.enumValues.filter((v) => !compareValues("==", fromJson(v), target));
      for (let k = others.length - 1; k > 0; k--) {
        const j = this.hooks.rng.int(0, k);
        [others[k], others[j]] = [others[j], others[k]];
      }
      return others;
    }
    return [];
  }

  private styleOf(info: NodeInfo, current: unknown): DateStyle {
    if (typeof current === "string") {
      const p = parseInstantStyled(current);
      if (p && p.style.kind === info.dateFormat) return p.style;
    }
    return info.dateFormat === "date" ? { kind: "date", frac: 0 } : { kind: "date-time", frac: 0 };
  }

  /** A number on the node's grid with `x r target`: uniform over the generation range, else the nearest. */
  private drawNumber(info: NodeInfo, r: Rel, target: Num, extra: { rel: Rel; target: Num }[] = []): Num | undefined {
    const f = info.facts;
    const integer = f.types !== null && f.types.has("integer") && !f.types.has("number");
    let step = f.multipleOf !== undefined ? numFromNumber(f.multipleOf)! : integer ? new Num(1n, 0) : undefined;
    if (step && integer && step.s > 0) step = new Num(1n, 0);
    const lower = f.lower ? numFromNumber(f.lower.value) : undefined;
    const upper = f.upper ? numFromNumber(f.upper.value) : undefined;
    if (!step) {
      let digits = 2;
      const width = f.lower && f.upper ? f.upper.value - f.lower.value : Infinity;
      while (digits < 12 && width * 10 ** digits < 4) digits++;
      step = new Num(1n, digits);
    }
    // The schema's own range in grid units.
    let sLo = lower !== undefined ? ceilDiv(lower, step) : undefined;
    let sHi = upper !== undefined ? floorDiv(upper, step) : undefined;
    if (sLo !== undefined && f.lower!.exclusive && cmp(times(sLo, step), lower!) === 0) sLo++;
    if (sHi !== undefined && f.upper!.exclusive && cmp(times(sHi, step), upper!) === 0) sHi--;
    // The relation (and those of an enclosing `and`) in grid units.
    let { lo: rLo, hi: rHi } = gridBounds(r, target, step);
    for (const x of extra) {
      const g = gridBounds(x.rel, x.target, step);
      if (g.lo !== undefined && (rLo === undefined || g.lo > rLo)) rLo = g.lo;
      if (g.hi !== undefined && (rHi === undefined || g.hi < rHi)) rHi = g.hi;
    }
    const max = (a?: bigint, c?: bigint) => (a === undefined ? c : c === undefined ? a : a > c ? a : c);
    const min = (a?: bigint, c?: bigint) => (a === undefined ? c : c === undefined ? a : a < c ? a : c);
    // The window the generator draws from (plan.ts): the range, or a plausible span where open.
    const SPAN = 10000;
    let wLo = lower,
      wHi = upper;
    const zero = new Num(0n, 0);
    const span = new Num(BigInt(SPAN), 0);
    if (!wLo && !wHi) {
      wLo = zero;
      wHi = new Num(1000n, 0);
    } else if (!wLo) wLo = sub(cmp(wHi!, zero) < 0 ? wHi! : zero, cmp(wHi!, zero) > 0 ? zero : span);
    else if (!wHi) wHi = add(cmp(wLo, zero) > 0 ? wLo : zero, span);
    const gLo = max(max(sLo, ceilDiv(wLo, step)), rLo);
    const gHi = min(min(sHi, floorDiv(wHi!, step)), rHi);
    let k: bigint | undefined;
    if (r === "!=") {
      const lo = max(sLo, ceilDiv(wLo, step))!,
        hi = min(sHi, floorDiv(wHi!, step))!;
      if (lo > hi) return undefined;
      k = this.drawBig(lo, hi);
      if (cmp(times(k, step), target) === 0) k = k < hi ? k + 1n : k > lo ? k - 1n : undefined;
    } else if (gLo !== undefined && gHi !== undefined && gLo <= gHi) k = this.drawBig(gLo, gHi);
    else {
      // Nothing in the usual window: the allowed value nearest the bound.
      const lo = max(sLo, rLo),
        hi = min(sHi, rHi);
      if (lo !== undefined && hi !== undefined && lo > hi) return undefined;
      k = r === "<" || r === "<=" ? hi : lo;
    }
    return k === undefined ? undefined : times(k, step);
  }

  private drawBig(lo: bigint, hi: bigint): bigint {
    const span = hi - lo;
    if (span <= 0n) return lo;
    if (span < 2n ** 52n) return lo + BigInt(this.hooks.rng.int(0, Number(span)));
    return lo + (BigInt(Math.floor(this.hooks.rng.float() * 2 ** 52)) * span) / 2n ** 52n;
  }

  /** An instant on the style's grid with `x r target`: uniform over the date window, else a window's width beyond the bound. */
  private drawInstant(r: Rel, target: Num, style: DateStyle, extra: { rel: Rel; target: Num }[] = []): Num | undefined {
    const grid = styleGrid(style);
    const start = new Num(BigInt(this.hooks.window.start), 0);
    const end = new Num(BigInt(this.hooks.window.end), 0);
    const width = sub(end, start);
    const wLo = ceilDiv(start, grid),
      wHi = floorDiv(end, grid);
    let { lo: rLo, hi: rHi } = gridBounds(r, target, grid);
    for (const x of extra) {
      const g = gridBounds(x.rel, x.target, grid);
      if (g.lo !== undefined && (rLo === undefined || g.lo > rLo)) rLo = g.lo;
      if (g.hi !== undefined && (rHi === undefined || g.hi < rHi)) rHi = g.hi;
    }
    if (rLo !== undefined && rHi !== undefined && rLo > rHi) return undefined;
    let lo = rLo !== undefined && rLo > wLo ? rLo : wLo;
    let hi = rHi !== undefined && rHi < wHi ? rHi : wHi;
    if (r === "!=") {
      let k = this.drawBig(wLo, wHi);
      if (cmp(times(k, grid), target) === 0) k = k < wHi ? k + 1n : k - 1n;
      return times(k, grid);
    }
    if (lo > hi) {
      // The window lies wholly on the wrong side: a band as wide as the window beyond the bound.
      const band = floorDiv(width, grid) || 1n;
      if (rHi !== undefined && (rLo === undefined || rHi - rLo > band)) {
        hi = rHi;
        lo = rLo !== undefined && rLo > rHi - band ? rLo : rHi - band;
      } else if (rLo !== undefined) {
        lo = rLo;
        hi = rHi !== undefined && rHi < rLo + band ? rHi : rLo + band;
      } else return undefined;
    }
    return times(this.drawBig(lo, hi), grid);
  }

  /** `len(p) r target`: the allowed length nearest the current one; trim, or extend with fresh elements. */
  private resize(p: PathNode, b: Bindings, r: Rel, target: Value): boolean {
    if (!(target instanceof Num) || target.s !== 0) return false;
    const t = this.ev.target(p, this.obj, b);
    const info = this.info(p);
    if (!t || !info || this.hooks.frozen(t.container, t.key)) return false;
    const cur = t.value;
    const isArray = Array.isArray(cur);
    if (!isArray && typeof cur !== "string") return false;
    const n = isArray ? (cur as unknown[]).length : codePoints(cur);
    const f = info.facts;
    const minN = isArray ? f.minItems : f.minLength;
    const maxN = isArray ? f.maxItems : f.maxLength;
    const T0 = Number(target.n);
    let lo = minN,
      hi = maxN ?? Math.max(n, T0) + 64;
    if (r === "==") lo = hi = T0;
    else if (r === "<") hi = Math.min(hi, T0 - 1);
    else if (r === "<=") hi = Math.min(hi, T0);
    else if (r === ">") lo = Math.max(lo, T0 + 1);
    else if (r === ">=") lo = Math.max(lo, T0);
    else if (r === "!=") {
      const options = [n + 1, n - 1].filter((x) => x >= minN && (maxN === undefined || x <= maxN) && x !== T0 && x >= 0);
      if (!options.length) return false;
      lo = hi = options[0];
    } else return false;
    lo = Math.max(lo, minN, 0);
    if (maxN !== undefined) hi = Math.min(hi, maxN);
    if (lo > hi) return false;
    const want = Math.min(Math.max(n, lo), hi);
    if (want === n) return false;
    let next: unknown;
    if (typeof cur === "string") {
      const cps = Array.from(cur);
      if (want < n) next = cps.slice(0, want).join("");
      else {
        let s = cur;
        for (let k = 0; k < ELEMENT_ATTEMPTS && codePoints(s) < want; k++) {
          const more = this.hooks.fresh(info, typeof t.key === "string" ? t.key : undefined, this.hooks.rng.fork(0x1e7 + k));
          if (typeof more === "string") s += more;
        }
        next = Array.from(s).slice(0, want).join("");
      }
    } else {
      const arr = cur as unknown[];
      if (want < n) next = arr.slice(0, want);
      else {
        const out = arr.slice();
        const seen = f.uniqueItems ? new Set(out.map((x) => canonicalJson(x))) : undefined;
        for (let k = out.length; k < want; k++) {
          const el = this.hooks.scope.info(this.hooks.scope.element(info, k));
          let ok = false;
          for (let a = 0; a < ELEMENT_ATTEMPTS && !ok; a++) {
            const v = this.hooks.fresh(el, undefined, this.hooks.rng.fork(k * 64 + a));
            if (v === undefined) break;
            if (seen) {
              const c = canonicalJson(v);
              if (seen.has(c)) continue;
              seen.add(c);
            }
            out.push(v);
            ok = true;
          }
          if (!ok) return false;
        }
        next = out;
      }
    }
    if (!this.hooks.valid(info, next)) {
      this.notes.push(`${p.text} of length ${want} is not valid against its schema`);
      return false;
    }
    this.set(t.container, t.key, next);
    return true;
  }
}

/** The grid points k (value k·step) with `k·step rel target`, as bounds. */
function gridBounds(rel: Rel, target: Num, step: Num): { lo?: bigint; hi?: bigint } {
  switch (rel) {
    case "<":
      return { hi: ceilDiv(target, step) - 1n };
    case "<=":
      return { hi: floorDiv(target, step) };
    case ">":
      return { lo: floorDiv(target, step) + 1n };
    case ">=":
      return { lo: ceilDiv(target, step) };
    case "==":
      return cmp(times(floorDiv(target, step), step), target) === 0 ? { lo: floorDiv(target, step), hi: floorDiv(target, step) } : {};
  }
  return {};
}

/** The parts of a chain of `and`s. */
function conjuncts(e: Expr): Expr[] {
  return e.type === "binary" && e.op === "and" ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

/** Negated comparison operator (exported for tests). */
export function negateOp(op: string): string {
  return NEGATE[op];
}
