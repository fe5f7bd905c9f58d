// range-empty: bounds in one schema that leave no value at all — minimum above maximum, exclusive
// bounds that meet, no integer or no multiple of multipleOf between the bounds, lengths and counts
// whose minimum exceeds their maximum. Numbers are compared as the decimals they are written as.
import { escapePointerSegment, type SchemaObject } from "../schema/load";
import { decimalLcm, multiplyExact } from "../base/decimal";
import { at, type Finding } from "./finding";
import type { SchemaNode } from "../schema/walk";

interface Bound {
  keyword: string;
  value: number;
  exclusive: boolean;
}

const num = (s: SchemaObject, k: string) => (typeof s[k] === "number" && Number.isFinite(s[k]) ? s[k] : undefined);

function types(s: SchemaObject): Set<string> | undefined {
  if (typeof s.type === "string") return new Set([s.type]);
  if (Array.isArray(s.type)) return new Set(s.type.filter((t): t is string => typeof t === "string"));
  return undefined;
}

/** Whether keywords about `kind` values constrain anything at this node (a string-only node ignores minimum). */
function applies(s: SchemaObject, ...kinds: string[]): boolean {
  const t = types(s);
  return !t || kinds.some((k) => t.has(k));
}

function lowerBound(s: SchemaObject): Bound | undefined {
  const min = num(s, "minimum"),
    exMin = num(s, "exclusiveMinimum");
  let b: Bound | undefined;
  if (min !== undefined) b = { keyword: "minimum", value: min, exclusive: s.exclusiveMinimum === true };
  if (exMin !== undefined && (!b || exMin >= b.value)) b = { keyword: "exclusiveMinimum", value: exMin, exclusive: true };
  return b;
}

function upperBound(s: SchemaObject): Bound | undefined {
  const max = num(s, "maximum"),
    exMax = num(s, "exclusiveMaximum");
  let b: Bound | undefined;
  if (max !== undefined) b = { keyword: "maximum", value: max, exclusive: s.exclusiveMaximum === true };
  if (exMax !== undefined && (!b || exMax <= b.value)) b = { keyword: "exclusiveMaximum", value: exMax, exclusive: true };
  return b;
}

const show = (b: Bound) => `${b.keyword} ${b.value}`;

/** The smallest multiple of `step` allowed by `lower`, or undefined when it cannot be computed exactly. */
function firstMultiple(step: number, lower: Bound): number | undefined {
  let k = Math.ceil(lower.value / step);
  if (!Number.isSafeInteger(k)) return undefined;
  // Division in binary floating point may be off by one step either way: settle it exactly.
  while (multiplyExact(k - 1, step) >= lower.value) k--;
  while (multiplyExact(k, step) < lower.value || (lower.exclusive && multiplyExact(k, step) === lower.value)) k++;
  return multiplyExact(k, step);
}

function inRange(v: number, upper: Bound): boolean {
  return upper.exclusive ? v < upper.value : v <= upper.value;
}

function pairFinding(node: SchemaNode, lo: string, hi: string, message: string, severity: Finding["severity"], swap: boolean): Finding {
  const loP = `${node.pointer}/${escapePointerSegment(lo)}`,
    hiP = `${node.pointer}/${escapePointerSegment(hi)}`;
  return {
    code: "range-empty",
    severity,
    message,
    ...at.value(loP),
    related: [{ ...at.value(hiP), message: `the other bound: ${hi}` }],
    fixes: swap ? [{ title: `Swap ${lo} and ${hi}`, edits: [{ op: "swapValues", a: loP, b: hiP }], preferred: true }] : undefined,
  };
}

export function rangeFindings(nodes: readonly SchemaNode[]): Finding[] {
  const findings: Finding[] = [];
  for (const node of nodes) {
    const s = node.schema;
    if (typeof s !== "object") continue;
    const numeric = applies(s, "number", "integer");
    const severity = (ok: boolean): Finding["severity"] => (ok ? "error" : "warning");
    const lo = lowerBound(s),
      hi = upperBound(s);
    let numbersLeft = true;
    if (lo && hi) {
      if (lo.value > hi.value) {
        numbersLeft = false;
        findings.push(
          pairFinding(
            node,
            lo.keyword,
            hi.keyword,
            `${show(lo)} is greater than ${show(hi)}: no number is allowed`,
            severity(numeric),
            true,
          ),
        );
      } else if (lo.value === hi.value && (lo.exclusive || hi.exclusive)) {
        numbersLeft = false;
        findings.push(pairFinding(node, lo.keyword, hi.keyword, `${show(lo)} and ${show(hi)} leave no number`, severity(numeric), false));
      }
    }
    const t = types(s);
    const integerOnly = t !== undefined && t.has("integer") && !t.has("number");
    const multipleOf = num(s, "multipleOf");
    if (numbersLeft && lo && hi && (integerOnly || (multipleOf !== undefined && multipleOf > 0))) {
      const step = integerOnly ? (multipleOf !== undefined && multipleOf > 0 ? decimalLcm(multipleOf, 1) : 1) : multipleOf;
      const first = step !== undefined ? firstMultiple(step, lo) : undefined;
      if (first !== undefined && !inRange(first, hi)) {
        const what = multipleOf !== undefined ? `no multiple of ${multipleOf}${integerOnly ? " that is an integer" : ""}` : "no integer";
        const keyword = multipleOf !== undefined ? "multipleOf" : lo.keyword;
        findings.push({
          code: "range-empty",
          severity: severity(numeric),
          message: `${what} lies ${lo.exclusive ? "above" : "from"} ${lo.value} ${hi.exclusive ? "and below" : "to"} ${hi.value}`,
          ...at.value(`${node.pointer}/${keyword}`),
          related: [
            { ...at.value(`${node.pointer}/${lo.keyword}`), message: `lower bound: ${show(lo)}` },
            { ...at.value(`${node.pointer}/${hi.keyword}`), message: `upper bound: ${show(hi)}` },
          ],
        });
      }
    }
    const pairs: [string, string, string, string[]][] = [
      ["minLength", "maxLength", "no string length is allowed", ["string"]],
      ["minItems", "maxItems", "no array length is allowed", ["array"]],
      ["minProperties", "maxProperties", "no number of properties is allowed", ["object"]],
      ["minContains", "maxContains", "no number of matching elements is allowed", ["array"]],
    ];
    for (const [min, max, what, kinds] of pairs) {
      const a = num(s, min),
        b = num(s, max);
      if (a !== undefined && b !== undefined && a > b) {
        findings.push(
          pairFinding(node, min, max, `${min} ${a} is greater than ${max} ${b}: ${what}`, severity(applies(s, ...kinds)), true),
        );
      }
    }
  }
  return findings;
}
