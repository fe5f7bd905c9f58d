// The words of a label (violations.jsonl): which validator error stands for a broken constraint, and
// a sentence a person reads without knowing ajv ("amount 0 is below minimum 0.01", "email is missing
// (required)"). The engine labels records with these, and `specmint validate --expect invalid`
// matches a dataset's errors against its labels with the same rule.

/** The fields of an ajv error a label carries as `expected` (and that `validate --expect` compares). */
export interface ValidatorError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * Keywords whose failure ajv reports under another keyword of the same schema object: minContains
 * and maxContains fail as `contains` (its params say the bounds).
 */
const REPORTED_AS: Record<string, string> = { minContains: "contains", maxContains: "contains" };

/** The keyword ajv reports when `keyword` is broken. */
export function reportedKeyword(keyword: string): string {
  return REPORTED_AS[keyword] ?? keyword;
}

/** ajv's schemaPath (with `#`) for the constraint at `schemaPath` (a label's schema_path, ending in its keyword). */
export function reportedSchemaPath(schemaPath: string, keyword: string): string {
  const reported = reportedKeyword(keyword);
  if (reported === keyword) return `#${schemaPath}`;
  return `#${schemaPath.slice(0, schemaPath.length - keyword.length)}${reported}`;
}

/**
 * Whether ajv error `e` is the failure of the labelled constraint: its keyword (as ajv reports it) at
 * its instance path, under the schema path the label's `expected` error gives (ajv's own, which may
 * differ from `schema_path` through a `$ref`), else the one `schema_path` says.
 */
export function isLabelledError(
  e: { keyword: string; instancePath: string; schemaPath: string },
  label: { keyword: string; instance_path: string; schema_path: string; expected?: { schemaPath?: unknown } },
): boolean {
  const schemaPath =
    typeof label.expected?.schemaPath === "string" ? label.expected.schemaPath : reportedSchemaPath(label.schema_path, label.keyword);
  return e.keyword === reportedKeyword(label.keyword) && e.instancePath === label.instance_path && e.schemaPath === schemaPath;
}

/** A validator error as a label keeps it: only the fields that say what failed (ajv adds schema and data under verbose). */
export function validatorError(e: ValidatorError): ValidatorError {
  return {
    instancePath: e.instancePath,
    schemaPath: e.schemaPath,
    keyword: e.keyword,
    params: e.params,
    ...(e.message === undefined ? {} : { message: e.message }),
  };
}

const MAX_SHOWN = 60;

/** A value as it appears in a sentence: JSON, shortened when long. */
export function shown(v: unknown): string {
  const text = v === undefined ? "nothing" : JSON.stringify(v);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** A list of allowed values: strings without quotes when that stays unambiguous ("free, pro"). */
function shownList(values: unknown[]): string {
  const head = values.slice(0, 8).map((v) => (typeof v === "string" && v !== "" && !/[,\s"]/.test(v) ? v : shown(v)));
  return head.join(", ") + (values.length > 8 ? `, … (${values.length} values)` : "");
}

function decodeSegment(s: string): string {
  return s.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** A record's field by its pointer as a person names it: "" → "record", /lines/0/amount → lines[0].amount. */
export function fieldName(pointer: string, property?: string): string {
  const segments = pointer === "" ? [] : pointer.split("/").slice(1).map(decodeSegment);
  if (property !== undefined) segments.push(property);
  if (segments.length === 0) return "record";
  let out = "";
  for (const s of segments) {
    if (/^\d+$/.test(s) && out !== "") out += `[${s}]`;
    else out += out === "" ? s : `.${s}`;
  }
  return out;
}

/** The value at a JSON pointer of a record (undefined when absent). */
export function valueAt(record: unknown, pointer: string): unknown {
  let v = record;
  if (pointer === "") return v;
  for (const s of pointer.split("/").slice(1).map(decodeSegment)) {
    if (Array.isArray(v)) v = v[Number(s)];
    else if (typeof v === "object" && v !== null && Object.prototype.hasOwnProperty.call(v, s)) v = (v as Record<string, unknown>)[s];
    else return undefined;
  }
  return v;
}

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  if (typeof v === "number") return Number.isInteger(v) ? "an integer" : "a number";
  return `a ${typeof v}`;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The sentence of a label: the field and its value, and the constraint it breaks. `keyword` is the
 * label's (minContains, not ajv's contains); `error` the validator's error for it; `explaining` the
 * other errors ajv gave (for `if`, the one inside the branch names what failed there).
 */
export function describeViolation(
  keyword: string,
  error: ValidatorError,
  record: unknown,
  explaining: readonly ValidatorError[] = [],
): string {
  const at = error.instancePath;
  const name = fieldName(at);
  const v = valueAt(record, at);
  const p = error.params;
  const size = (x: unknown) => (Array.isArray(x) ? x.length : typeof x === "object" && x !== null ? Object.keys(x).length : 0);
  switch (keyword) {
    case "type":
      return `${name} ${shown(v)} is ${jsonType(v)}, not ${Array.isArray(p.type) ? (p.type as string[]).join(" or ") : String(p.type)}`;
    case "required":
      return `${fieldName(at, String(p.missingProperty))} is missing (required)`;
    case "enum":
      return `${name} ${shown(v)} is not one of ${shownList(Array.isArray(p.allowedValues) ? p.allowedValues : [])}`;
    case "const":
      return `${name} ${shown(v)} is not ${shown(p.allowedValue)} (const)`;
    case "minimum":
      return `${name} ${shown(v)} is below minimum ${String(p.limit)}`;
    case "maximum":
      return `${name} ${shown(v)} is above maximum ${String(p.limit)}`;
    case "exclusiveMinimum":
      return `${name} ${shown(v)} is not above exclusiveMinimum ${String(p.limit)}`;
    case "exclusiveMaximum":
      return `${name} ${shown(v)} is not below exclusiveMaximum ${String(p.limit)}`;
    case "multipleOf":
      return `${name} ${shown(v)} is not a multiple of ${String(p.multipleOf)}`;
    case "minLength":
      return `${name} ${shown(v)} is shorter than minLength ${String(p.limit)}`;
    case "maxLength":
      return `${name} ${shown(v)} is longer than maxLength ${String(p.limit)}`;
    case "pattern":
      return `${name} ${shown(v)} does not match pattern ${String(p.pattern)}`;
    case "format":
      return `${name} ${shown(v)} is not a valid ${String(p.format)} (format)`;
    case "minItems":
      return `${name} has ${count(size(v), "item")}, fewer than minItems ${String(p.limit)}`;
    case "maxItems":
      return `${name} has ${count(size(v), "item")}, more than maxItems ${String(p.limit)}`;
    case "uniqueItems":
      return `${name} has duplicate items: items ${String(p.j)} and ${String(p.i)} are equal (uniqueItems)`;
    case "minProperties":
      return `${name} has ${count(size(v), "property", "properties")}, fewer than minProperties ${String(p.limit)}`;
    case "maxProperties":
      return `${name} has ${count(size(v), "property", "properties")}, more than maxProperties ${String(p.limit)}`;
    case "additionalProperties":
      return `${name} has property ${shown(p.additionalProperty)}, which is not allowed (additionalProperties: false)`;
    case "unevaluatedProperties":
      return `${name} has property ${shown(p.unevaluatedProperty)}, which no subschema evaluates (unevaluatedProperties: false)`;
    case "unevaluatedItems":
      return `${name} has ${count(size(v), "item")}, more than the ${String(p.limit)} its schemas evaluate (unevaluatedItems: false)`;
    case "dependentRequired":
    case "dependencies":
      return `${fieldName(at, String(p.missingProperty))} is missing, required when ${fieldName(at, String(p.property))} is present (${keyword})`;
    case "contains":
      return `${name} has no item that matches contains`;
    case "minContains":
      return `${name} has fewer than minContains ${String(p.minContains)} items that match contains`;
    case "maxContains":
      return `${name} has more than maxContains ${String(p.maxContains)} items that match contains`;
    case "propertyNames":
      return `${name} has property name ${shown(p.propertyName)}, which breaks propertyNames`;
    case "not":
      return `${name} ${shown(v)} matches the schema under not`;
    case "anyOf":
      return `${name} ${shown(v)} matches none of the anyOf branches`;
    case "oneOf": {
      const passing = Array.isArray(p.passingSchemas) ? (p.passingSchemas as number[]) : [];
      return passing.length === 0
        ? `${name} ${shown(v)} matches none of the oneOf branches (exactly one must match)`
        : `${name} ${shown(v)} matches ${passing.length} oneOf branches (${passing.join(" and ")}), not exactly one`;
    }
    case "if": {
      const branch = String(p.failingKeyword);
      const prefix = `${error.schemaPath.slice(0, -"if".length)}${branch}/`;
      const inner = explaining.find((e) => e.schemaPath.startsWith(prefix));
      const why = inner ? `: ${describeViolation(inner.keyword, inner, record)}` : "";
      return `${name} ${branch === "then" ? "matches the if but fails its then" : "does not match the if and fails its else"}${why}`;
    }
    case "x-unique":
      return `${name} ${shown(v)} repeats the value of record ${String(p.duplicateOf)} (x-unique)`;
    default:
      return `${name} ${shown(v)}: ${error.message ?? `fails ${keyword}`}`;
  }
}
