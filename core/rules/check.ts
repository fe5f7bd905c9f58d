// Static checks of one rule against the schema of the object it is written on. Every finding has
// an offset and a length in the rule text, so the editor can underline the token:
//   rule-syntax         the text looks like an expression but does not parse (not enforced)
//   rule-unenforced     the text is prose: kept as guidance for the LLM, not enforced (information)
//   rule-limit          longer than rule-length or deeper than rule-depth: not read (the CLI refuses the schema)
//   rule-unknown-path   a path that the schema does not declare (with the nearest declared path)
//   rule-type           an operation across types (a string compared with a number, …)
//   rule-contradiction  the rule cannot hold under the schema's bounds (error), or a part of it
//                       can never hold (warning: the rule then only holds one way)
//   rule-ref            ref(path) on a field without a usable x-ref (error); ref() outside a set,
//                       or into an entity whose schema is not known (information)
import { REF_FORM, isComparison, pathText, refText, type BinaryNode, type Expr, type PathNode, type RefNode } from "./ast";
import { parseExpression, parseRule, type RuleLimits } from "./parser";
import { RuleLimitError } from "./lexer";
import { DEFAULT_LIMITS } from "../base/limits";
import { T, T_ANY, typeNames, type FieldPath, type NodeInfo, type SchemaScope } from "./scope";
import type { Schema } from "../schema/load";
import { canonicalJson } from "../schema/facts";
import { DAY_MS, Num, add, cmp, decimalText, mul, neg, numFromNumber, numFromText, parseInstant, sub, isInteger } from "./values";
import { refContext, referencedScope, siteOfNode, type RefContext, type RefInfo } from "./references";
import type { RefSite } from "../set/references";

export type RuleCode =
  "rule-syntax" | "rule-unknown-path" | "rule-type" | "rule-contradiction" | "rule-unenforced" | "rule-limit" | "rule-ref";
export type Severity = "error" | "warning" | "information";

export interface RuleFinding {
  code: RuleCode | "unique-impossible";
  severity: Severity;
  message: string;
  /** Offset and length in the rule text (decoded string); see rawRange() for document offsets. */
  offset: number;
  length: number;
  /** A quick fix: replace [offset, offset+length) of the rule text with `text`. */
  fix?: { offset: number; length: number; text: string; title: string };
}

export interface RuleAnalysis {
  text: string;
  ast?: Expr;
  findings: RuleFinding[];
  /** The rule parses and has no error: the engine checks and repairs it. */
  enforced: boolean;
  /** What the schema says about each path of the rule that resolved. */
  nodes: Map<PathNode, NodeInfo>;
  /** Each `ref(…)` whose path lands on an x-ref: the site, and what the referenced schema says about the field. */
  refs: Map<RefNode, RefInfo>;
  /** Set when the rule is beyond rule-length or rule-depth: the engine refuses the schema. */
  limit?: RuleLimitError;
}

export function analyzeRule(
  text: string,
  scope: SchemaScope,
  scopeSchemas: Schema[],
  referenceDate?: string,
  limits: RuleLimits = DEFAULT_LIMITS,
  refs?: RefContext,
): RuleAnalysis {
  const parsed = parseRule(text, limits);
  if (!parsed.ok) {
    const e = parsed.error;
    if (e instanceof RuleLimitError) {
      const finding: RuleFinding = { code: "rule-limit", severity: "error", message: e.message, offset: e.offset, length: e.length };
      return { text, findings: [finding], enforced: false, nodes: new Map(), refs: new Map(), limit: e };
    }
    const finding: RuleFinding = parsed.prose
      ? {
          code: "rule-unenforced",
          severity: "information",
          message: "this rule is not an expression: it is kept as guidance for the LLM and not enforced",
          offset: 0,
          length: text.length,
        }
      : {
          code: "rule-syntax",
          severity: "error",
          message: `${e.message} (the rule is not enforced until it parses)`,
          offset: e.offset,
          length: e.length,
        };
    return { text, findings: [finding], enforced: false, nodes: new Map(), refs: new Map() };
  }
  const a = new Analyzer(text, scope, scopeSchemas, referenceDate, refs ?? refContext(scope.loaded));
  const t = a.typeOf(parsed.ast);
  if (!(t & T.boolean) && !a.findings.some((f) => f.severity === "error")) {
    a.findings.push({
      code: "rule-type",
      severity: "error",
      message: `a rule must be true or false, but this is ${typeNames(t)}`,
      offset: parsed.ast.start,
      length: parsed.ast.end - parsed.ast.start,
    });
  }
  if (!a.findings.some((f) => f.severity === "error")) a.contradictions(parsed.ast);
  const enforced = !a.findings.some((f) => f.severity === "error") && !a.refsUnavailable;
  return { text, ast: parsed.ast, findings: a.findings, enforced, nodes: a.nodes, refs: a.refs };
}

interface Interval {
  lo?: Num;
  hi?: Num;
}

const ANYWHERE: Interval = {};

class Analyzer {
  readonly findings: RuleFinding[] = [];
  readonly nodes = new Map<PathNode, NodeInfo>();
  readonly refs = new Map<RefNode, RefInfo>();
  /** The rule uses ref() where no references are given: it cannot be evaluated. */
  refsUnavailable = false;
  private fieldPaths?: FieldPath[];
  private readonly today?: Num;

  constructor(
    private readonly text: string,
    private readonly scope: SchemaScope,
    private readonly scopeSchemas: Schema[],
    referenceDate: string | undefined,
    /** The x-ref sites ref() may name, and the set's references (none outside a set). */
    private readonly refContext: RefContext,
  ) {
    const t = referenceDate ? (parseInstant(referenceDate.replace(/\.000Z$/, "Z")) ?? parseInstant(referenceDate)) : undefined;
    this.today = t?.ms;
  }

  private report(code: RuleCode, severity: Severity, message: string, at: { start: number; end: number }, fix?: RuleFinding["fix"]) {
    this.findings.push({ code, severity, message, offset: at.start, length: at.end - at.start, ...(fix ? { fix } : {}) });
  }

  private src(e: { start: number; end: number }): string {
    return this.text.slice(e.start, e.end);
  }

  // ---- types ------------------------------------------------------------------------------------

  typeOf(e: Expr): number {
    switch (e.type) {
      case "literal":
        if (e.kind === "number") return T.number;
        if (e.kind === "boolean") return T.boolean;
        if (e.kind === "null") return T.null;
        return parseInstant(e.value as string) ? T.string | T.date : T.string;
      case "list":
        for (const x of e.items) this.typeOf(x);
        return T.list;
      case "path":
        return this.pathType(e);
      case "unary": {
        const t = this.typeOf(e.operand);
        if (e.op === "not") {
          if (!(t & T.boolean))
            this.report("rule-type", "error", `"not" needs true or false, but ${this.src(e.operand)} is ${typeNames(t)}`, e);
          return T.boolean;
        }
        if (!(t & (T.number | T.duration))) this.report("rule-type", "error", `cannot negate ${typeNames(t)}`, e);
        return t & (T.number | T.duration) || T.number;
      }
      case "call":
        return this.callType(e);
      case "binary":
        return this.binaryType(e);
      case "ref":
        return this.refType(e);
    }
  }

  /**
   * `ref(p).field`: p must be a field of this record with a usable x-ref; the field is looked up
   * in the referenced entity's schema when the set gives it. Outside a set the rule is noted and
   * not enforced: nothing can say what the referenced record holds.
   */
  private refType(e: RefNode): number {
    const target = e.target;
    const sites = this.refContext.sites();
    const r = this.scope.resolve(this.scopeSchemas, target.segments);
    const site = r.ok ? siteOfNode(sites, r.node, target.text) : undefined;
    if (r.ok) this.nodes.set(target, r.node);
    if (!site) {
      const near = this.nearestAmong(target.text, this.refPaths(sites));
      const why = r.ok ? `${target.text} has no "x-ref"` : `${target.text}: ${r.message}`;
      this.report(
        "rule-ref",
        "error",
        `${REF_FORM}() follows a reference, so its path must be a field with "x-ref": ${why}${near ? `; did you mean ${REF_FORM}(${near})?` : ""}`,
        target,
        near ? { offset: target.start, length: target.end - target.start, text: near, title: `Change to ${REF_FORM}(${near})` } : undefined,
      );
      return T_ANY;
    }
    if (site.problem || !site.target) {
      this.report("rule-ref", "error", `the x-ref of ${target.text} cannot be followed: ${site.problem ?? "it names no entity"}`, target);
      return T_ANY;
    }
    const references = this.refContext.references;
    if (!references) {
      if (!this.refsUnavailable)
        this.report(
          "rule-ref",
          "information",
          `${refText(e)} is checked when the schema is generated in a set (specmint generate --set): on its own, this rule is not enforced`,
          e,
        );
      this.refsUnavailable = true;
      return T_ANY;
    }
    const info: RefInfo = { site };
    this.refs.set(e, info);
    const parent = references.schemaAt(site.path);
    if (!parent) {
      this.report(
        "rule-ref",
        "information",
        `the schema of "${site.target.entity}" is not known here, so ${refText(e)} is not checked against it`,
        e,
      );
      return T_ANY;
    }
    const parentScope = referencedScope(parent);
    const root = [parent.main.root];
    const f = parentScope.resolve(root, e.field);
    if (f.ok) {
      info.node = f.node;
      return f.node.uncertain ? T_ANY : f.node.type;
    }
    const seg = e.field[f.at];
    const fieldSpan = { start: e.field[0].start, end: e.end };
    const written = e.fieldText.replace(/^\./, "");
    if (f.why === "unknown") {
      const near = this.nearestAmong(written, parentScope.fieldPaths(root, 5));
      const suffix = near && (near.startsWith("$") ? near.slice(1) : `.${near}`);
      this.report(
        "rule-unknown-path",
        f.open ? "warning" : "error",
        `unknown field ${written} in the records of "${site.target.entity}": ${f.message}${suffix ? `; did you mean ${REF_FORM}(${target.text})${suffix}?` : ""}` +
          (f.open ? " (the object allows other properties, so it may still appear)" : ""),
        fieldSpan,
        suffix
          ? { offset: fieldSpan.start, length: fieldSpan.end - fieldSpan.start, text: suffix, title: `Change to ${suffix}` }
          : undefined,
      );
    } else {
      this.report(
        "rule-type",
        "error",
        `${REF_FORM}(${target.text})${this.text.slice(e.field[0].start, seg.start).replace(/\s+/g, "")}: ${f.message}`,
        {
          start: fieldSpan.start,
          end: seg.end,
        },
      );
    }
    return T_ANY;
  }

  /** Paths below the rule's object (as the rule would write them) that land on an x-ref. */
  private refPaths(sites: readonly RefSite[]): FieldPath[] {
    if (!sites.length) return [];
    this.fieldPaths ??= this.scope.fieldPaths(this.scopeSchemas, 5);
    return this.fieldPaths.filter((f) => {
      let segments;
      try {
        const e = parseExpression(f.path);
        if (e.type !== "path") return false;
        segments = e.segments;
      } catch {
        return false;
      }
      const r = this.scope.resolve(this.scopeSchemas, segments);
      return r.ok && siteOfNode(sites, r.node, f.path) !== undefined;
    });
  }

  private pathType(p: PathNode): number {
    const r = this.scope.resolve(this.scopeSchemas, p.segments);
    if (r.ok) {
      this.nodes.set(p, r.node);
      return r.node.uncertain ? T_ANY : r.node.type;
    }
    const seg = p.segments[r.at];
    if (r.why === "unknown") {
      const near = this.nearest(p);
      const message =
        `unknown path ${p.text}: ${r.message}${near ? `; did you mean ${near}?` : ""}` +
        (r.open ? " (the object allows other properties, so it may still appear)" : "");
      this.report(
        "rule-unknown-path",
        r.open ? "warning" : "error",
        message,
        p,
        near ? { offset: p.start, length: p.end - p.start, text: near, title: `Change to ${near}` } : undefined,
      );
    } else {
      this.report("rule-type", "error", `${pathText(p.segments.slice(0, r.at)) || "this object"}: ${r.message}`, {
        start: p.start,
        end: seg.end,
      });
    }
    return T_ANY;
  }

  /** The declared path closest to what was written (edit distance), if any is close enough. */
  private nearest(p: PathNode): string | undefined {
    this.fieldPaths ??= this.scope.fieldPaths(this.scopeSchemas, 5);
    return this.nearestAmong(p.text, this.fieldPaths);
  }

  /** The candidate path closest to `text` (edit distance), if any is close enough. */
  private nearestAmong(text: string, candidates: readonly FieldPath[]): string | undefined {
    const written = text.replace(/\[\d+\]/g, "[*]");
    let best: string | undefined;
    let bestD = Infinity;
    for (const f of candidates) {
      const d = editDistance(written, f.path);
      if (d < bestD || (d === bestD && best !== undefined && f.path.length < best.length)) {
        best = f.path;
        bestD = d;
      }
    }
    if (best === undefined || bestD === 0 || bestD > Math.max(2, Math.floor(written.length / 3))) return undefined;
    // Keep the indices the author wrote ([0]) where the suggestion has [*].
    const indices = text.match(/\[\d+\]/g) ?? [];
    if (indices.length && (best.match(/\[\*\]/g) ?? []).length === indices.length) {
      let k = 0;
      best = best.replace(/\[\*\]/g, () => indices[k++]);
    }
    return best;
  }

  private callType(e: Extract<Expr, { type: "call" }>): number {
    const arg = e.args[0];
    const at = arg ? this.typeOf(arg) : 0;
    switch (e.name) {
      case "len":
        if (!(at & (T.string | T.array)))
          this.report("rule-type", "error", `len() measures a string or an array, but ${this.src(arg)} is ${typeNames(at)}`, e);
        return T.number;
      case "sum": {
        if (!(at & (T.number | T.duration | T.array)))
          this.report("rule-type", "error", `sum() adds numbers, but ${this.src(arg)} is ${typeNames(at)}`, e);
        else if (!hasWildcard(arg) && !(at & T.array))
          this.report("rule-type", "error", `sum() adds the values of a path with [*], such as sum(items[*].price)`, e);
        return at & T.duration && !(at & T.number) ? T.duration : T.number;
      }
      case "count":
        if (!hasWildcard(arg) && !(at & T.array))
          this.report(
            "rule-type",
            "error",
            `count() counts the elements of an array, or those for which a condition with [*] holds: count(items[*].taxable == true)`,
            e,
          );
        return T.number;
      case "date":
        if (arg.type === "literal" && arg.kind === "string" && !parseInstant(arg.value as string)) {
          this.report("rule-type", "error", `${this.src(arg)} is not a date (YYYY-MM-DD) or date-time (RFC 3339)`, arg);
        } else if (!(at & (T.string | T.date)))
          this.report("rule-type", "error", `date() reads a string, but ${this.src(arg)} is ${typeNames(at)}`, e);
        return T.date;
      case "today":
        return T.date;
      case "days":
        if (!(at & T.number))
          this.report("rule-type", "error", `days() takes a number of days, but ${this.src(arg)} is ${typeNames(at)}`, e);
        return T.duration;
    }
  }

  private binaryType(e: BinaryNode): number {
    const l = this.typeOf(e.left);
    const r = this.typeOf(e.right);
    switch (e.op) {
      case "and":
      case "or":
      case "->":
        for (const [side, t] of [
          [e.left, l],
          [e.right, r],
        ] as const) {
          if (!(t & T.boolean))
            this.report("rule-type", "error", `"${e.op}" joins conditions, but ${this.src(side)} is ${typeNames(t)}`, side);
        }
        return T.boolean;
      case "in":
      case "not in":
        if (e.right.type === "list") {
          for (const item of e.right.items) {
            const it = this.typeOf(item);
            if (!compatible(l, it, "=="))
              this.report(
                "rule-type",
                "error",
                `cannot compare ${typeNames(l)} (${this.src(e.left)}) with ${typeNames(it)} (${this.src(item)})`,
                item,
              );
          }
        }
        return T.boolean;
      case "==":
      case "!=":
      case "<":
      case "<=":
      case ">":
      case ">=":
        if (!compatible(l, r, e.op)) {
          const what = e.op === "==" || e.op === "!=" ? "compare" : "order";
          this.report(
            "rule-type",
            "error",
            `cannot ${what} ${typeNames(l)} (${this.src(e.left)}) with ${typeNames(r)} (${this.src(e.right)})`,
            e,
          );
        }
        return T.boolean;
      case "+":
      case "-":
      case "*":
      case "/": {
        const out = arithmetic(e.op, l, r);
        if (!out) this.report("rule-type", "error", `cannot compute ${typeNames(l)} ${e.op} ${typeNames(r)} (${this.src(e)})`, e);
        return out || T.number;
      }
    }
  }

  // ---- contradictions ---------------------------------------------------------------------------

  /** Report what can never hold. Returns false when `e` can never be true. */
  contradictions(root: Expr): void {
    const culprit = this.impossible(root);
    if (culprit) {
      this.report("rule-contradiction", "error", `the rule can never hold under the schema's bounds: ${culprit.why}`, culprit.at);
    }
  }

  /** Why boolean `e` can never be true, or undefined when it might be. */
  private impossible(e: Expr): { at: Expr; why: string } | undefined {
    if (e.type === "binary") {
      switch (e.op) {
        case "and":
          return this.impossible(e.left) ?? this.impossible(e.right);
        case "or": {
          const a = this.impossible(e.left);
          const b = a && this.impossible(e.right);
          return a && b ? { at: e, why: `${a.why}, and ${b.why}` } : undefined;
        }
        case "->": {
          const premise = this.impossible(e.left);
          if (premise) {
            this.report(
              "rule-contradiction",
              "warning",
              `the condition before "->" can never hold (${premise.why}), so this rule never constrains anything`,
              premise.at,
            );
            return undefined;
          }
          const consequent = this.impossible(e.right);
          if (consequent) {
            this.report(
              "rule-contradiction",
              "warning",
              `this can never hold (${consequent.why}), so the rule only holds when ${this.src(e.left)} is false`,
              consequent.at,
            );
          }
          return undefined;
        }
      }
      if (isComparison(e)) return this.impossibleComparison(e);
    }
    return undefined;
  }

  private impossibleComparison(e: BinaryNode): { at: Expr; why: string } | undefined {
    // Values from an enum (or a boolean) against literals.
    const values = this.possibleValues(e.left);
    if (values && (e.op === "==" || e.op === "in")) {
      const wanted = e.right.type === "list" ? e.right.items : [e.right];
      const lits = wanted.map((w) => literalJson(w));
      if (lits.every((x) => x !== undefined)) {
        const keys = new Set(values.map((v) => canonicalJson(v)));
        if (!lits.some((x) => keys.has(canonicalJson(x)))) {
          return {
            at: e,
            why: `${this.src(e)} is impossible: ${this.src(e.left)} is one of ${values
              .slice(0, 6)
              .map((v) => JSON.stringify(v))
              .join(", ")}`,
          };
        }
      }
    }
    if (e.op === "in" || e.op === "not in") return undefined;
    // Integer paths against fractional literals.
    if (e.op === "==" && e.left.type === "path" && e.right.type === "literal" && e.right.kind === "number") {
      const info = this.nodes.get(e.left);
      const lit = numFromText(e.right.value as string);
      if (info && lit && info.facts.types?.has("integer") && !info.facts.types.has("number") && !isInteger(lit)) {
        return { at: e, why: `${this.src(e)} is impossible: ${e.left.text} is an integer` };
      }
    }
    const L = this.range(e.left);
    const R = this.range(e.right);
    if (!L || !R) return undefined;
    const lt = (a?: Num, b?: Num) => a !== undefined && b !== undefined && cmp(a, b) < 0;
    const le = (a?: Num, b?: Num) => a !== undefined && b !== undefined && cmp(a, b) <= 0;
    let never = false;
    switch (e.op) {
      case "==":
        never = lt(L.hi, R.lo) || lt(R.hi, L.lo);
        break;
      case "!=":
        never =
          L.lo !== undefined &&
          L.hi !== undefined &&
          R.lo !== undefined &&
          R.hi !== undefined &&
          cmp(L.lo, L.hi) === 0 &&
          cmp(R.lo, R.hi) === 0 &&
          cmp(L.lo, R.lo) === 0;
        break;
      case "<":
        never = le(R.hi, L.lo);
        break;
      case "<=":
        never = lt(R.hi, L.lo);
        break;
      case ">":
        never = le(L.hi, R.lo);
        break;
      case ">=":
        never = lt(L.hi, R.lo);
        break;
    }
    if (!never) return undefined;
    const sides = [
      [e.left, L],
      [e.right, R],
    ] as const;
    const why = sides
      .filter(([x]) => x.type !== "literal")
      .map(([x, r]) => this.describe(x, r))
      .join(" and ");
    return { at: e, why: `${this.src(e)} is impossible: ${why}` };
  }

  private describe(e: Expr, r: Interval): string {
    const s = this.src(e);
    const lo = r.lo && decimalText(r.lo);
    const hi = r.hi && decimalText(r.hi);
    if (lo !== undefined && hi !== undefined && lo === hi) return `${s} is always ${lo}`;
    if (lo !== undefined && hi !== undefined) return `${s} is between ${lo} and ${hi}`;
    if (hi !== undefined) return `${s} is at most ${hi}`;
    if (lo !== undefined) return `${s} is at least ${lo}`;
    return `${s} can be anything`;
  }

  private possibleValues(e: Expr): unknown[] | undefined {
    if (e.type !== "path" || hasWildcard(e)) return undefined;
    const info = this.nodes.get(e);
    if (!info || info.uncertain) return undefined;
    if (info.facts.enumValues) return info.facts.enumValues;
    if (info.type === T.boolean) return [true, false];
    return undefined;
  }

  /** The interval a numeric expression lies in under the schema, or undefined when not numeric. */
  private range(e: Expr): Interval | undefined {
    switch (e.type) {
      case "literal":
        if (e.kind !== "number") return undefined;
        {
          const n = numFromText(e.value as string);
          return n ? { lo: n, hi: n } : undefined;
        }
      case "path":
      case "ref": {
        const info = e.type === "path" ? this.nodes.get(e) : this.refs.get(e)?.node;
        if (!info || info.uncertain || info.type !== T.number) return undefined;
        return this.bounds(info);
      }
      case "unary":
        if (e.op === "-") {
          const r = this.range(e.operand);
          return r && { lo: r.hi && neg(r.hi), hi: r.lo && neg(r.lo) };
        }
        return undefined;
      case "call": {
        const arg = e.args[0];
        if (e.name === "today") return this.today ? { lo: this.today, hi: this.today } : ANYWHERE;
        if (e.name === "days") {
          const r = this.range(arg);
          return r && { lo: r.lo && mul(r.lo, DAY_MS), hi: r.hi && mul(r.hi, DAY_MS) };
        }
        if (e.name === "date") {
          if (arg.type === "literal" && arg.kind === "string") {
            const t = parseInstant(arg.value as string);
            return t ? { lo: t.ms, hi: t.ms } : undefined;
          }
          return ANYWHERE;
        }
        if (arg.type !== "path") return e.name === "len" ? { lo: new Num(0n, 0) } : undefined;
        const info = this.nodes.get(arg);
        if (!info || info.uncertain) return e.name === "len" || e.name === "count" ? { lo: new Num(0n, 0) } : undefined;
        if (e.name === "len") {
          const f = info.facts;
          if (info.type === T.array) return { lo: num(f.minItems), hi: f.maxItems !== undefined ? num(f.maxItems) : undefined };
          if (info.type & (T.string | T.date) && !(info.type & ~(T.string | T.date | T.null)))
            return { lo: num(f.minLength), hi: f.maxLength !== undefined ? num(f.maxLength) : undefined };
          return { lo: new Num(0n, 0) };
        }
        const arrays = this.scope.resolve(this.scopeSchemas, arg.segments);
        if (!arrays.ok || arrays.arrays.length !== 1) return e.name === "count" ? { lo: new Num(0n, 0) } : ANYWHERE;
        const arr = arrays.arrays[0].facts;
        const nLo = num(arr.minItems),
          nHi = arr.maxItems !== undefined ? num(arr.maxItems) : undefined;
        if (e.name === "count") return { lo: new Num(0n, 0), hi: nHi };
        if (info.type !== T.number) return ANYWHERE;
        const el = this.bounds(info);
        const zero = new Num(0n, 0);
        const prod = (a?: Num, b?: Num) => (a !== undefined && b !== undefined ? mul(a, b) : undefined);
        if (el.lo && cmp(el.lo, zero) >= 0) return { lo: prod(nLo, el.lo), hi: prod(nHi, el.hi) };
        if (el.hi && cmp(el.hi, zero) <= 0) return { lo: prod(nHi, el.lo), hi: prod(nLo, el.hi) };
        return { lo: prod(nHi, el.lo), hi: prod(nHi, el.hi) };
      }
      case "binary": {
        if (e.op !== "+" && e.op !== "-" && e.op !== "*" && e.op !== "/") return undefined;
        const a = this.range(e.left);
        const b = this.range(e.right);
        if (!a || !b) return undefined;
        if (e.op === "+") return { lo: a.lo && b.lo && add(a.lo, b.lo), hi: a.hi && b.hi && add(a.hi, b.hi) };
        if (e.op === "-") return { lo: a.lo && b.hi && sub(a.lo, b.hi), hi: a.hi && b.lo && sub(a.hi, b.lo) };
        const point = (x: Interval) => (x.lo && x.hi && cmp(x.lo, x.hi) === 0 ? x.lo : undefined);
        if (e.op === "*") {
          const k = point(b) ?? point(a);
          const other = point(b) ? a : b;
          if (!k) return ANYWHERE;
          const lo = other.lo && mul(other.lo, k),
            hi = other.hi && mul(other.hi, k);
          return k.n >= 0n ? { lo, hi } : { lo: hi, hi: lo };
        }
        return ANYWHERE;
      }
    }
    return undefined;
  }

  private bounds(info: NodeInfo): Interval {
    const f = info.facts;
    return { lo: f.lower ? numFromNumber(f.lower.value) : undefined, hi: f.upper ? numFromNumber(f.upper.value) : undefined };
  }
}

function num(n: number): Num {
  return numFromNumber(n) ?? new Num(0n, 0);
}

function literalJson(e: Expr): unknown {
  if (e.type !== "literal") return undefined;
  if (e.kind === "number") return Number(e.value);
  return e.value;
}

export function hasWildcard(e: Expr): boolean {
  let found = false;
  const visit = (x: Expr) => {
    if (found) return;
    if (x.type === "path") found = x.segments.some((s) => s.kind === "wildcard");
    else if (x.type === "binary") {
      visit(x.left);
      visit(x.right);
    } else if (x.type === "unary") visit(x.operand);
    else if (x.type === "call") x.args.forEach(visit);
    else if (x.type === "list") x.items.forEach(visit);
    else if (x.type === "ref") visit(x.target);
  };
  visit(e);
  return found;
}

/** Can values of kinds a and b be compared with op? Unknown kinds (T_ANY) are given the benefit of the doubt. */
export function compatible(a: number, b: number, op: string): boolean {
  if (a === T_ANY || b === T_ANY) return true;
  if (op === "==" || op === "!=") {
    if (a & T.null || b & T.null) return true;
    return (a & b) !== 0;
  }
  return (a & b & (T.number | T.string | T.date | T.duration)) !== 0;
}

/** Result kinds of arithmetic, or 0 when the operation makes no sense. */
export function arithmetic(op: string, a: number, b: number): number {
  // An operand of unknown kind: the result may be any kind arithmetic makes.
  if (a === T_ANY || b === T_ANY) return T.number | T.date | T.duration;
  let out = 0;
  const has = (x: number, t: number) => (x & t) !== 0;
  if (op === "+") {
    if (has(a, T.number) && has(b, T.number)) out |= T.number;
    if ((has(a, T.date) && has(b, T.duration)) || (has(a, T.duration) && has(b, T.date))) out |= T.date;
    if (has(a, T.duration) && has(b, T.duration)) out |= T.duration;
  } else if (op === "-") {
    if (has(a, T.number) && has(b, T.number)) out |= T.number;
    if (has(a, T.date) && has(b, T.duration)) out |= T.date;
    if (has(a, T.date) && has(b, T.date)) out |= T.duration;
    if (has(a, T.duration) && has(b, T.duration)) out |= T.duration;
  } else if (op === "*") {
    if (has(a, T.number) && has(b, T.number)) out |= T.number;
    if ((has(a, T.duration) && has(b, T.number)) || (has(a, T.number) && has(b, T.duration))) out |= T.duration;
  } else {
    if (has(a, T.number) && has(b, T.number)) out |= T.number;
    if (has(a, T.duration) && has(b, T.number)) out |= T.duration;
    if (has(a, T.duration) && has(b, T.duration)) out |= T.number;
  }
  return out;
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
