// Scoring a dataset against its schema (README "Command line", `specmint validate`): the share of valid records,
// of (record, rule) pairs that hold, and of x-unique fields without duplicates.
import type { ValidateFunction } from "ajv";
import type { LoadedSchema, Schema, SchemaObject } from "../schema/load";
import { escapePointerSegment } from "../schema/load";
import { createAjv, toIssue, SchemaValidator, type ValidationIssue } from "./ajv";
import { RuleSet, mentionsRules } from "../rules/ruleset";
import { DEFAULT_REFERENCE_DATE } from "../generate/formats";
import type { RecordSource } from "./dataset";
import { SpecMintError } from "../base/errors";
import { reachableSameValueCycle, sameValueCycleMessage } from "../schema/cycles";

export const MAX_EXAMPLES = 5;

export interface Violation {
  /** 1-based index of the record in the dataset. */
  record: number;
  /** JSON pointer into the record. */
  pointer: string;
  message: string;
  file?: string;
  line?: number;
  /** The rule's text, for rule violations. */
  rule?: string;
}

/** A set's x-ref value that no record of the referenced entity has (`validate --set`). */
export interface DanglingReference extends Violation {
  /** The referencing entity. */
  entity: string;
  /** The x-ref: `customers.id`. */
  target: string;
  value: unknown;
}

export interface ValidateReport {
  records: number;
  schema: number;
  rules: number;
  uniqueness: number;
  /** An entity of a set only (`validate --set`): % of its x-ref values that resolve (100 when it has none). */
  references?: number;
  total: number;
  /** How many of each were checked and how many failed. */
  counts: {
    invalidRecords: number;
    rulesChecked: number;
    ruleFailures: number;
    uniqueFields: number;
    fieldsWithDuplicates: number;
    /** With `references`: the x-ref values checked and those that resolve to no record. */
    referencesChecked?: number;
    danglingReferences?: number;
  };
  /** Up to MAX_EXAMPLES of each kind. */
  violations: { schema: Violation[]; rules: Violation[]; uniqueness: Violation[]; references?: DanglingReference[] };
  /** Things a reader should know about how the scores were made. */
  notes: string[];
}

/** Cross-field rules enforced by the engine; supplied by the rules module when there is one. */
export interface RuleChecker {
  /** Number of enforced rules (each is checked once per record). */
  readonly size: number;
  /** The rules that do not hold for this record. */
  failing(record: unknown, index: number): { rule: string; pointer: string; message: string }[];
}

/** Anything that can say whether a record is valid: a Generator, a SchemaValidator, or nothing. */
export type ValidatorSource = { validator: SchemaValidator } | SchemaValidator | null | undefined;

function quickValidator(source: ValidatorSource): ValidateFunction | undefined {
  if (!source) return undefined;
  if ("validator" in source) return source.validator.root;
  return source.root;
}

/** ajv with allErrors, so that a record's every problem is listed, not only the first. */
function allErrorsValidator(loaded: LoadedSchema): ValidateFunction {
  const ajv = createAjv(loaded.draft, { allErrors: true });
  for (const [uri, schema] of loaded.resources) {
    if (uri === loaded.main.uri || typeof schema !== "object") continue;
    if (ajv.getSchema(uri) !== undefined) continue;
    try {
      ajv.addSchema(schema, uri);
    } catch {
      // Same policy as SchemaValidator: the root's compilation reports what matters.
    }
  }
  const root = loaded.main.root;
  if (typeof root === "boolean") return ajv.compile(root as never);
  ajv.addSchema(root, loaded.main.uri);
  return ajv.getSchema(loaded.main.uri) as ValidateFunction;
}

/** Round to 2 decimals, but never show 100 for a score that is not perfect. */
export function roundScore(x: number): number {
  const r = Math.round(x * 100) / 100;
  return r >= 100 && x < 100 ? 99.99 : r;
}

function percent(good: number, all: number): number {
  return all === 0 ? 100 : (100 * good) / all;
}

// ---- x-unique ------------------------------------------------------------------------------------

const WILDCARD = "*";

/**
 * Instance paths (segments, "*" for every array element) of the nodes marked `x-unique: true`,
 * found through properties, items, `$ref`s and the applicators that keep the instance where it is.
 */
export function uniqueFieldPaths(loaded: LoadedSchema): string[][] {
  const found = new Map<string, string[]>();
  const onPath = new Set<SchemaObject>();
  const visit = (schema: Schema | undefined, at: string[]) => {
    if (typeof schema !== "object" || schema === null || onPath.has(schema)) return;
    onPath.add(schema);
    try {
      if (schema["x-unique"] === true) found.set(at.map(escapePointerSegment).join("/"), at);
      for (const kw of ["$ref", "$dynamicRef", "$recursiveRef"]) {
        const ref = schema[kw];
        if (typeof ref === "string") visit(loaded.resolveRef(schema, ref), at);
      }
      for (const kw of ["allOf", "anyOf", "oneOf"]) {
        const list = schema[kw];
        if (Array.isArray(list)) for (const s of list) visit(s as Schema, at);
      }
      for (const kw of ["then", "else"]) visit(schema[kw] as Schema | undefined, at);
      const props = schema.properties;
      if (props && typeof props === "object" && !Array.isArray(props)) {
        for (const [name, sub] of Object.entries(props as Record<string, Schema>)) visit(sub, [...at, name]);
      }
      const items = schema.items;
      if (Array.isArray(items)) items.forEach((s, k) => visit(s as Schema, [...at, String(k)]));
      else visit(items as Schema | undefined, [...at, WILDCARD]);
      const prefixItems = schema.prefixItems;
      if (Array.isArray(prefixItems)) prefixItems.forEach((s, k) => visit(s as Schema, [...at, String(k)]));
    } finally {
      onPath.delete(schema);
    }
  };
  visit(loaded.main.root, []);
  return [...found.values()];
}

/** Every value at `segments` in `value` ("*": every element of an array), with its concrete JSON pointer. */
export function valuesAt(value: unknown, segments: string[], k = 0, pointer = ""): { pointer: string; value: unknown }[] {
  if (k === segments.length) return value === undefined ? [] : [{ pointer, value }];
  const seg = segments[k];
  if (seg === WILDCARD) {
    if (!Array.isArray(value)) return [];
    return value.flatMap((v, j) => valuesAt(v, segments, k + 1, `${pointer}/${j}`));
  }
  if (typeof value !== "object" || value === null) return [];
  if (Array.isArray(value)) {
    if (!/^\d+$/.test(seg)) return [];
    return valuesAt(value[Number(seg)], segments, k + 1, `${pointer}/${seg}`);
  }
  if (!Object.prototype.hasOwnProperty.call(value, seg)) return [];
  return valuesAt((value as Record<string, unknown>)[seg], segments, k + 1, `${pointer}/${escapePointerSegment(seg)}`);
}

function valueAtPointer(value: unknown, pointer: string): { present: boolean; value?: unknown } {
  let cur = value;
  for (const raw of pointer.split("/").slice(1)) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof cur !== "object" || cur === null || !Object.prototype.hasOwnProperty.call(cur, seg)) return { present: false };
    cur = (cur as Record<string, unknown>)[seg];
  }
  return { present: true, value: cur };
}

/** JSON text with sorted keys, so that equal objects are equal strings. */
function canonical(v: unknown): string {
  if (typeof v !== "object" || v === null) return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(",")}}`;
}

/** A value as JSON, cut to 60 characters, for messages. */
export function preview(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

// ---- the report ----------------------------------------------------------------------------------

export function scoreDataset(
  using: ValidatorSource,
  loaded: LoadedSchema,
  records: unknown[],
  sources: RecordSource[] = [],
  rules?: RuleChecker | null,
): ValidateReport {
  const where = (k: number) => (sources[k] ? { file: sources[k].file, line: sources[k].line } : {});
  const notes: string[] = [];
  // The schema's own rules, unless the caller gives a checker (or null for none); "today" is the
  // default reference date then (the CLI passes the one the dataset was made with).
  if (rules === undefined && mentionsRules(loaded)) {
    try {
      const validator = using ? ("validator" in using ? using.validator : using) : new SchemaValidator(loaded);
      rules = new RuleSet(loaded, validator, DEFAULT_REFERENCE_DATE);
    } catch {
      rules = undefined;
    }
  }
  if (rules instanceof RuleSet) {
    for (const e of rules.entries) {
      if (e.compiled) continue;
      const f = e.analysis.findings.find((x) => x.severity === "error") ?? e.analysis.findings[0];
      notes.push(`rule "${e.text}" is not checked: ${f ? `${f.code}: ${f.message}` : "it is not an expression"}`);
    }
  }

  // Schema: a fast validator decides, the allErrors one explains the first few failures.
  const quick = quickValidator(using);
  let full: ValidateFunction | undefined;
  const explain = (value: unknown): ValidationIssue[] => {
    full ??= allErrorsValidator(loaded);
    if (full(value)) return [];
    return (full.errors ?? []).map((e) => {
      const issue = toIssue(e);
      // What was expected and what was found: a message alone sends the reader to the file.
      if (e.keyword === "enum" && Array.isArray(e.params?.allowedValues)) {
        issue.message += ` (${e.params.allowedValues.map((v: unknown) => preview(v)).join(", ")})`;
      }
      const found = valueAtPointer(value, issue.pointer);
      if (found.present && (typeof found.value !== "object" || found.value === null)) issue.message += `; got ${preview(found.value)}`;
      return issue;
    });
  };
  /**
   * ajv's verdict on record k. A record that reaches a cycle of schemas applying each other to
   * the same value ({"anyOf": [{"$ref": "#"}]}) sends ajv round it until the stack overflows: that
   * is a schema error naming the cycle and the record. Any other overflow is not expected here.
   */
  const checked = <T>(k: number, check: () => T): T => {
    try {
      return check();
    } catch (e) {
      const cycle = e instanceof RangeError ? reachableSameValueCycle(loaded) : undefined;
      if (!cycle) throw e;
      const source = sources[k] ? ` (${sources[k].file}:${sources[k].line})` : "";
      throw new SpecMintError(
        "schema",
        `record ${k + 1}${source} cannot be checked: ${sameValueCycleMessage(loaded, cycle)}`,
        loaded.locate(cycle[0]),
      );
    }
  };
  let invalid = 0;
  const schemaViolations: Violation[] = [];
  for (let k = 0; k < records.length; k++) {
    const record = records[k];
    const ok = checked(k, () => (quick ? quick(record) : explain(record).length === 0));
    if (ok) continue;
    invalid++;
    if (schemaViolations.length >= MAX_EXAMPLES) continue;
    for (const issue of checked(k, () => explain(record))) {
      if (schemaViolations.length >= MAX_EXAMPLES) break;
      schemaViolations.push({ record: k + 1, pointer: issue.pointer, message: issue.message, ...where(k) });
    }
  }

  // Rules.
  let ruleFailures = 0;
  const ruleViolations: Violation[] = [];
  const rulesChecked = rules ? rules.size * records.length : 0;
  if (rules && rules.size > 0) {
    for (let k = 0; k < records.length; k++) {
      const failing = rules.failing(records[k], k + 1);
      ruleFailures += failing.length;
      for (const f of failing) {
        if (ruleViolations.length >= MAX_EXAMPLES) break;
        ruleViolations.push({ record: k + 1, pointer: f.pointer, message: f.message, rule: f.rule, ...where(k) });
      }
    }
  } else if (hasCrossFieldRules(loaded.main.root)) {
    notes.push(
      rules
        ? "no entry of x-cross-field-rules is an enforceable expression; the rules score counts no rule"
        : "x-cross-field-rules were not checked (no rule checker given); the rules score counts no rule",
    );
  }

  // Uniqueness.
  const fields = uniqueFieldPaths(loaded);
  let fieldsWithDuplicates = 0;
  const uniqueViolations: Violation[] = [];
  for (const segments of fields) {
    const seen = new Map<string, number>();
    let duplicated = false;
    for (let k = 0; k < records.length; k++) {
      for (const { pointer, value } of valuesAt(records[k], segments)) {
        const key = canonical(value);
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, k + 1);
          continue;
        }
        duplicated = true;
        if (uniqueViolations.length < MAX_EXAMPLES) {
          uniqueViolations.push({
            record: k + 1,
            pointer,
            message: `x-unique: duplicate value ${preview(value)} (first in record ${first})`,
            ...where(k),
          });
        }
      }
    }
    if (duplicated) fieldsWithDuplicates++;
  }

  const schema = roundScore(percent(records.length - invalid, records.length));
  const rulesScore = roundScore(percent(rulesChecked - ruleFailures, rulesChecked));
  const uniqueness = roundScore(percent(fields.length - fieldsWithDuplicates, fields.length));
  return {
    records: records.length,
    schema,
    rules: rulesScore,
    uniqueness,
    total: totalScore({ schema, rules: rulesScore, uniqueness }),
    counts: { invalidRecords: invalid, rulesChecked, ruleFailures, uniqueFields: fields.length, fieldsWithDuplicates },
    violations: { schema: schemaViolations, rules: ruleViolations, uniqueness: uniqueViolations },
    notes,
  };
}

function hasCrossFieldRules(root: Schema): boolean {
  if (typeof root !== "object") return false;
  const r = root["x-cross-field-rules"];
  return Array.isArray(r) && r.length > 0;
}

type Scores = Pick<ValidateReport, "schema" | "rules" | "uniqueness" | "references">;

/**
 * 0.4·schema + 0.4·rules + 0.2·uniqueness; an entity of a set also weighs its references:
 * 0.35·schema + 0.35·rules + 0.15·uniqueness + 0.15·references. From the rounded parts, so that
 * the printed numbers add up; 100 only when every part is.
 */
function totalScore(r: Scores): number {
  if (isPerfect(r)) return 100;
  const weighted =
    r.references === undefined
      ? 0.4 * r.schema + 0.4 * r.rules + 0.2 * r.uniqueness
      : 0.35 * r.schema + 0.35 * r.rules + 0.15 * r.uniqueness + 0.15 * r.references;
  return Math.min(99.99, Math.round(weighted * 100) / 100);
}

/**
 * Adds a set entity's `references` score to its report: `checked` x-ref values of which `dangling`
 * resolve to no record of the referenced entity, `examples` the first of those.
 */
export function addReferenceScore(report: ValidateReport, checked: number, dangling: number, examples: DanglingReference[]): void {
  report.references = roundScore(percent(checked - dangling, checked));
  report.counts.referencesChecked = checked;
  report.counts.danglingReferences = dangling;
  report.violations.references = examples.slice(0, MAX_EXAMPLES);
  report.total = totalScore(report);
}

/** True when every score is perfect (the condition for `validate` to exit 0). */
export function isPerfect(r: Scores): boolean {
  return r.schema === 100 && r.rules === 100 && r.uniqueness === 100 && (r.references === undefined || r.references === 100);
}
