// A model's answer becomes part of a record only after it has been checked: parsed, sanitised, of
// the same JSON type as the value it replaces, valid against that value's schema (after a small
// repair at most), and keeping the whole record valid (schema and rules). Anything else keeps its
// generated value, and is counted as a fallback.
import { decimalLcm, multiplyExact } from "../base/decimal";
import type { RuleChecker } from "../validate/score";
import type { LoadedSchema, SchemaObject } from "../schema/load";
import type { SchemaValidator } from "../validate/ajv";
import { jsonType } from "./format";
import { sanitizeValue } from "./sanitize";
import { applicable, isSchemaObject, type LlmSlot } from "./targets";

export interface AnswerContext {
  loaded: LoadedSchema;
  validator: SchemaValidator;
  rules?: RuleChecker;
}

export interface AnswerOutcome {
  record: unknown;
  /** Values taken from the answer (repaired ones included). */
  accepted: number;
  /** Values taken after a small repair (trimmed to maxLength, clamped, rounded, truncated). */
  repairs: number;
  /** Values that kept their generated value. */
  fallbacks: number;
  /** Why values fell back, for diagnostics (not part of any output file). */
  reasons: string[];
}

/** Models sometimes wrap JSON in a Markdown fence even when asked for JSON only. */
function parseAnswer(content: string): unknown {
  const text = content.trim().replace(/^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i, "$1");
  return JSON.parse(text);
}

function valueAt(v: unknown, path: readonly (string | number)[]): unknown {
  for (const seg of path) v = (v as Record<string | number, unknown>)[seg];
  return v;
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown): void {
  let v = root as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) v = v[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  // defineProperty: a key named "__proto__" must stay an ordinary property.
  Object.defineProperty(v, last, { value, enumerable: true, writable: true, configurable: true });
}

function sameKind(candidate: unknown, draft: unknown): boolean {
  const a = jsonType(candidate),
    b = jsonType(draft);
  return a === b || ((a === "integer" || a === "number") && (b === "integer" || b === "number"));
}

function nums(all: readonly SchemaObject[], key: string): number[] {
  return all.map((s) => s[key]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

/** The smallest change that could make `v` fit `all`, or undefined when none is small. */
function repairValue(loaded: LoadedSchema, all: readonly SchemaObject[], v: unknown): unknown {
  if (typeof v === "string") {
    const max = Math.min(...nums(all, "maxLength"));
    if (!Number.isFinite(max)) return undefined;
    const points = Array.from(v);
    if (points.length <= max) return undefined;
    return points.slice(0, max).join("").trimEnd();
  }
  if (typeof v === "number") {
    const integer = all.some(
      (s) => s.type === "integer" || (Array.isArray(s.type) && s.type.includes("integer") && !s.type.includes("number")),
    );
    const steps = nums(all, "multipleOf").filter((m) => m > 0);
    let step: number | undefined = steps[0];
    for (const m of steps.slice(1)) step = step === undefined ? undefined : decimalLcm(step, m);
    if (integer) step = step === undefined ? 1 : decimalLcm(step, 1);
    const lo = Math.max(...nums(all, "minimum"), -Infinity);
    const hi = Math.min(...nums(all, "maximum"), Infinity);
    const xlo = Math.max(...nums(all, "exclusiveMinimum"), -Infinity);
    const xhi = Math.min(...nums(all, "exclusiveMaximum"), Infinity);
    const inRange = (x: number) => x >= lo && x > xlo && x <= hi && x < xhi;
    const onGrid = (k: number) => multiplyExact(k, step!);
    let x = step ? onGrid(Math.round(v / step)) : v;
    if (!(x >= lo && x > xlo)) {
      if (step) {
        x = onGrid(Math.ceil(Math.max(lo, xlo) / step));
        if (x <= xlo) x = onGrid(Math.round(x / step) + 1);
      } else if (lo > xlo) x = lo;
      else return undefined; // no nearest number above an exclusive bound
    }
    if (!(x <= hi && x < xhi)) {
      if (step) {
        x = onGrid(Math.floor(Math.min(hi, xhi) / step));
        if (x >= xhi) x = onGrid(Math.round(x / step) - 1);
      } else if (hi < xhi) x = hi;
      else return undefined;
    }
    return Number.isFinite(x) && inRange(x) && x !== v ? x : undefined;
  }
  if (Array.isArray(v)) {
    const max = Math.min(...nums(all, "maxItems"));
    const items = all
      .map((s) => s.items)
      .filter(isSchemaObject)
      .flatMap((s) => applicable(loaded, s));
    let changed = false;
    let out = v.map((x: unknown) => {
      const r = items.length ? repairValue(loaded, items, x) : undefined;
      if (r === undefined) return x;
      changed = true;
      return r;
    });
    if (Number.isFinite(max) && out.length > max) {
      out = out.slice(0, max);
      changed = true;
    }
    return changed ? out : undefined;
  }
  return undefined;
}

function fits(validator: SchemaValidator, nodes: readonly SchemaObject[], v: unknown): boolean {
  return nodes.every((n) => validator.forSchema(n)(v));
}

/** The record with every acceptable answer value in place. */
export function applyAnswer(
  ctx: AnswerContext,
  draft: unknown,
  slots: readonly LlmSlot[],
  keys: readonly string[],
  content: string,
  index: number,
): AnswerOutcome {
  const none = (why: string): AnswerOutcome => ({ record: draft, accepted: 0, repairs: 0, fallbacks: slots.length, reasons: [why] });
  let answer: unknown;
  try {
    answer = parseAnswer(content);
  } catch {
    return none("the answer is not JSON");
  }
  if (!isSchemaObject(answer)) return none("the answer is not a JSON object");

  const reasons: string[] = [];
  const candidates: { slot: LlmSlot; value: unknown; repaired: boolean }[] = [];
  slots.forEach((slot, k) => {
    const key = keys[k];
    if (!Object.prototype.hasOwnProperty.call(answer, key)) return void reasons.push(`${key}: missing from the answer`);
    const before = valueAt(draft, slot.path);
    const value = sanitizeValue((answer as Record<string, unknown>)[key]);
    if (!sameKind(value, before)) return void reasons.push(`${key}: ${jsonType(value)} instead of ${jsonType(before)}`);
    if (fits(ctx.validator, slot.nodes, value)) return void candidates.push({ slot, value, repaired: false });
    const all = slot.nodes.flatMap((n) => applicable(ctx.loaded, n));
    const repaired = repairValue(ctx.loaded, all, value);
    if (repaired !== undefined && sameKind(repaired, before) && fits(ctx.validator, slot.nodes, repaired)) {
      candidates.push({ slot, value: repaired, repaired: true });
    } else {
      reasons.push(`${key}: not valid for its schema`);
    }
  });

  const holds = (record: unknown, allowed: number) =>
    ctx.validator.root(record) && (!ctx.rules || ctx.rules.failing(record, index).length <= allowed);
  const allowedRuleFailures = ctx.rules ? ctx.rules.failing(draft, index).length : 0;
  let record = structuredClone(draft);
  for (const c of candidates) setAt(record, c.slot.path, c.value);
  let kept = candidates;
  if (!holds(record, allowedRuleFailures)) {
    // Together the values break the record (a rule, a oneOf, uniqueItems…): add them one by one, in
    // record order, and keep those that leave it valid.
    record = structuredClone(draft);
    kept = [];
    for (const c of candidates) {
      const previous = valueAt(record, c.slot.path);
      setAt(record, c.slot.path, c.value);
      if (holds(record, allowedRuleFailures)) kept.push(c);
      else {
        setAt(record, c.slot.path, previous);
        reasons.push(`${keys[slots.indexOf(c.slot)]}: breaks the record`);
      }
    }
  }
  return {
    record,
    accepted: kept.length,
    repairs: kept.filter((c) => c.repaired).length,
    fallbacks: slots.length - kept.length,
    reasons,
  };
}
