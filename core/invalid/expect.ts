// `specmint validate --expect invalid`: does every record of a labelled invalid dataset fail, and fail
// for the reason its line of violations.jsonl gives? ajv (all errors) must report the labelled
// keyword at the labelled instance path (under the label's schema path); a rule label's rule must
// fail there; an x-unique label's value must be found again in another record of the dataset.
import type { LoadedSchema } from "../schema/load";
import type { RuleSet } from "../rules/ruleset";
import { SchemaValidator } from "../validate/ajv";
import { isLabelledError, valueAt, type ValidatorError } from "./labels";
import { RULE_KEYWORD } from "./ruleConstraints";
import { UNIQUE_LABEL_KEYWORD } from "./uniqueConstraints";
import type { Violation } from "./invalidRecords";

/** A record that does not fail as its label says. */
export interface LabelMismatch {
  /** 1-based record number. */
  record: number;
  /** Where the record is (a record file, or dataset.jsonl and its line). */
  file?: string;
  line?: number;
  /** The label in words: "minimum at /amount". */
  expected: string;
  /** What was found instead: "the record is valid", "type at /amount, required at /". */
  found: string;
}

export interface ExpectReport {
  records: number;
  /** Records that fail for their labelled reason. */
  matched: number;
  /** Every mismatch, in record order. */
  mismatches: LabelMismatch[];
}

/** Errors named in a mismatch at most. */
const ERRORS_SHOWN = 3;

function where(pointer: string): string {
  return pointer === "" ? "/" : pointer;
}

/** A label in words. */
export function labelText(label: Partial<Violation>): string {
  const base = `${String(label.keyword)} at ${where(String(label.instance_path ?? ""))}`;
  if (label.keyword === RULE_KEYWORD) return `${base} (rule ${JSON.stringify(label.rule)})`;
  if (label.keyword === UNIQUE_LABEL_KEYWORD) return `${base} (a duplicate of record ${String(label.duplicate_of)})`;
  return base;
}

function errorsText(errors: readonly ValidatorError[]): string {
  const shown = errors.slice(0, ERRORS_SHOWN).map((e) => `${e.keyword} at ${where(e.instancePath)}`);
  return shown.join(", ") + (errors.length > ERRORS_SHOWN ? `, and ${errors.length - ERRORS_SHOWN} more` : "");
}

const isLabel = (x: unknown): x is Violation =>
  typeof x === "object" &&
  x !== null &&
  typeof (x as Violation).keyword === "string" &&
  typeof (x as Violation).instance_path === "string" &&
  typeof (x as Violation).schema_path === "string";

/**
 * Checks `records` against `labels` (line i of violations.jsonl is record i's). `rules`: the schema's
 * cross-field rules, for rule labels; `sources`: where each record is, for the mismatches.
 */
export function checkLabelledRecords(
  loaded: LoadedSchema,
  records: readonly unknown[],
  labels: readonly unknown[],
  rules: RuleSet | undefined,
  sources: readonly { file: string; line: number }[] = [],
): ExpectReport {
  const validate = new SchemaValidator(loaded, { allErrors: true }).root;
  const mismatches: LabelMismatch[] = [];
  const n = Math.max(records.length, labels.length);
  // x-unique: each place's values, to find a record's value again in another record.
  const seen = new Map<string, Map<string, number[]>>();
  const valuesAt = (pointer: string) => {
    let m = seen.get(pointer);
    if (!m) {
      seen.set(pointer, (m = new Map<string, number[]>()));
      records.forEach((r, k) => {
        const v = valueAt(r, pointer);
        if (v === undefined) return;
        const key = JSON.stringify(v);
        m!.set(key, [...(m!.get(key) ?? []), k]);
      });
    }
    return m;
  };
  for (let k = 0; k < n; k++) {
    const record = records[k];
    const label = labels[k];
    const miss = (expected: string, found: string) =>
      mismatches.push({ record: k + 1, ...(sources[k] ? { file: sources[k].file, line: sources[k].line } : {}), expected, found });
    if (k >= records.length) {
      miss(isLabel(label) ? labelText(label) : "a label", `no record ${k + 1}: the dataset has ${records.length} records`);
      continue;
    }
    if (!isLabel(label)) {
      miss("a label", k >= labels.length ? `no line ${k + 1} in violations.jsonl` : `line ${k + 1} of violations.jsonl is not a label`);
      continue;
    }
    if (typeof label.index === "number" && label.index !== k + 1) {
      miss(labelText(label), `line ${k + 1} of violations.jsonl labels record ${label.index}`);
      continue;
    }
    if (label.keyword === UNIQUE_LABEL_KEYWORD) {
      const v = valueAt(record, label.instance_path);
      const others = v === undefined ? [] : (valuesAt(label.instance_path).get(JSON.stringify(v)) ?? []).filter((j) => j !== k);
      if (others.length === 0)
        miss(
          labelText(label),
          v === undefined
            ? `no value at ${where(label.instance_path)}`
            : `no other record has ${JSON.stringify(v)} at ${where(label.instance_path)}`,
        );
      continue;
    }
    if (label.keyword === RULE_KEYWORD) {
      const failing = rules?.failing(record) ?? [];
      const it = failing.find((f) => f.rule === label.rule && (f.pointer + "/").startsWith(label.instance_path + "/"));
      if (!it)
        miss(
          labelText(label),
          !rules
            ? "the schema has no cross-field rules"
            : failing.length
              ? `other rules fail: ${failing.map((f) => JSON.stringify(f.rule)).join(", ")}`
              : "the rule holds",
        );
      continue;
    }
    const valid = validate(record);
    const errors = (validate.errors ?? []) as ValidatorError[];
    if (valid) miss(labelText(label), "the record is valid");
    else if (!errors.some((e) => isLabelledError(e, label))) miss(labelText(label), errorsText(errors));
  }
  return { records: records.length, matched: n - mismatches.length, mismatches };
}
