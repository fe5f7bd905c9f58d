// The one ajv configuration SpecMint checks records with: the schema's own draft, formats on,
// our `x-` keywords registered with their shapes, and an exact decimal `multipleOf`.
import Ajv, { _, str, type ErrorObject, type KeywordCxt, type ValidateFunction, type Options } from "ajv";
import Ajv2019 from "ajv/dist/2019";
import Ajv2020 from "ajv/dist/2020";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import addFormats2019 from "ajv-formats-draft2019";
import draft06MetaSchema from "ajv/dist/refs/json-schema-draft-06.json";
import type { Draft, LoadedSchema, SchemaObject } from "../schema/load";
import { isMultipleOf } from "../base/decimal";
import { SpecMintError } from "../base/errors";
import { canonicalJson } from "../schema/facts";
import { isAnnotation } from "../schema/keywords";

type AnyAjv = Ajv;

export interface ValidationIssue {
  /** JSON pointer into the record. */
  pointer: string;
  message: string;
  /** JSON pointer into the schema of the keyword that failed. */
  schemaPointer: string;
}

/** Shapes of our extension keywords, so that ajv checks them instead of rejecting them. */
export const EXTENSION_KEYWORDS: { keyword: string; metaSchema: object }[] = [
  { keyword: "x-llm", metaSchema: { type: "boolean" } },
  { keyword: "x-llm-context", metaSchema: { type: "string" } },
  { keyword: "x-unique", metaSchema: { type: "boolean" } },
  { keyword: "x-faker", metaSchema: { type: "string" } },
  {
    keyword: "x-cross-field-rules",
    metaSchema: {
      type: "array",
      items: {
        anyOf: [
          { type: "string" },
          {
            type: "object",
            required: ["rule"],
            properties: {
              rule: { type: "string" },
              description: { type: "string" },
              severity: { enum: ["error", "warning"] },
            },
          },
        ],
      },
    },
  },
];

export function createAjv(draft: Draft, extra: Options = {}): AnyAjv {
  const options: Options = {
    strict: false,
    allErrors: false,
    validateFormats: true,
    logger: false,
    // Data-independent compile options keep validators cacheable and fast.
    ...extra,
  };
  let ajv: AnyAjv;
  switch (draft) {
    case "2020-12":
      ajv = new Ajv2020(options);
      break;
    case "2019-09":
      ajv = new Ajv2019(options);
      break;
    case "04":
      ajv = new AjvDraft04(options);
      break;
    case "06":
      ajv = new Ajv(options);
      ajv.addMetaSchema(draft06MetaSchema);
      break;
    default:
      ajv = new Ajv(options);
  }
  addFormats(ajv);
  addFormats2019(ajv, { formats: ["idn-email", "idn-hostname", "iri", "iri-reference"] });
  // ajv divides in binary floating point, so 9905.37 fails multipleOf 0.01. Check in decimal instead.
  ajv.removeKeyword("multipleOf");
  ajv.addKeyword({
    keyword: "multipleOf",
    type: "number",
    schemaType: "number",
    // Generated inline as a plain call, like ajv's own keywords (a `validate` keyword would
    // allocate a data context object on every check).
    code(cxt: KeywordCxt) {
      const check = cxt.gen.scopeValue("func", { ref: isMultipleOf, code: _`isMultipleOf` });
      cxt.fail(_`!${check}(${cxt.data}, ${cxt.schemaValue})`);
    },
    error: {
      message: ({ schemaCode }) => str`must be multiple of ${schemaCode}`,
      params: ({ schemaCode }) => _`{multipleOf: ${schemaCode}}`,
    },
  });
  for (const k of EXTENSION_KEYWORDS) ajv.addKeyword(k);
  return ajv;
}

/** Compiled validators for one loaded schema: the root, and any subschema by identity. */
export class SchemaValidator {
  readonly ajv: AnyAjv;
  private readonly sub = new WeakMap<object, ValidateFunction>();
  private readonly enumKeySets = new WeakMap<object, Set<string>>();
  private readonly formatTests = new Map<string, ((s: string) => boolean) | undefined>();
  readonly root: ValidateFunction;

  /**
   * `allErrors` reports every failing keyword instead of stopping at the first: what the invalid
   * kind needs to know that a mutated record fails the one keyword it is labelled with and no other.
   * `schemaChecked`: another SchemaValidator of the same loaded schema (the generator's) compiled it,
   * which checked it against its draft's meta-schema; it is not checked again (compiling that
   * meta-schema is most of the time a small schema takes to compile).
   */
  constructor(
    readonly loaded: LoadedSchema,
    options: { allErrors?: boolean; schemaChecked?: boolean } = {},
  ) {
    // ajv's name optimisation pass grows faster than the code it optimises: 2.7 s of the 3 s that
    // putout.json (46 KB, hundreds of patternProperties) takes to compile, and 1.2 s of renovate's
    // 1.6 s. Past this size it is skipped; validators then run up to a fifth slower, which records
    // of such schemas (few and large) do not notice.
    const size = loaded.documents.reduce((n, d) => n + d.text.length, 0);
    this.ajv = createAjv(loaded.draft, {
      ...(size > OPTIMIZE_BELOW_BYTES ? { code: { optimize: false } } : {}),
      ...(options.allErrors ? { allErrors: true } : {}),
      ...(options.schemaChecked ? { validateSchema: false } : {}),
    });
    for (const [uri, schema] of loaded.resources) {
      // Not the root under its own $id: ajv caches a schema before it checks it against the
      // meta-schema, so a root added (and refused) here would be taken unchecked below.
      if (uri === loaded.main.uri || schema === loaded.main.root) continue;
      if (typeof schema === "object" && this.ajv.getSchema(uri) === undefined) {
        try {
          this.ajv.addSchema(schema, uri);
        } catch {
          // A resource that ajv cannot take (duplicate id, bad shape) is reported when the root compiles.
        }
      }
    }
    const root = loaded.main.root;
    if (typeof root === "object") this.ajv.addSchema(root, loaded.main.uri);
    this.root = typeof root === "boolean" ? this.ajv.compile(root as never) : (this.ajv.getSchema(loaded.main.uri) as ValidateFunction);
  }

  /** A validator for a subschema in place, with its `$ref`s resolved against its own resource. */
  forSchema(schema: SchemaObject | boolean): ValidateFunction {
    if (typeof schema === "boolean") return schema ? ALWAYS : NEVER;
    let v = this.sub.get(schema);
    if (v) return v;
    const o = this.loaded.origin(schema);
    if (schema === this.loaded.main.root) v = this.root;
    else if ((v = plainCheck(schema))) {
      // A type/enum/const leaf: checked here, where ajv would compile a function per leaf (thousands in a big schema).
    } else {
      try {
        if (o) {
          const ref = `${o.baseUri}#${o.resourcePointer.split("/").map(encodeURIComponent).join("/")}`;
          v = this.ajv.compile({ $ref: ref });
        } else v = this.ajv.compile(schema);
      } catch (e) {
        // A subschema the root's compilation never saw (a keyword of another draft, such as
        // prefixItems under draft-04, that the engine still plans) can be invalid: a schema error there.
        if (e instanceof RangeError) throw e;
        const at = this.loaded.locate(schema);
        throw new SpecMintError("schema", `the schema at ${at.pointer || "/"} cannot be compiled: ${(e as Error).message}`, at);
      }
    }
    this.sub.set(schema, v);
    return v;
  }

  /**
   * Whether `schema` rejects `value` by one of its own `type`, `enum`, `const` keywords (or those of
   * an `allOf` member or `$ref` target): a sure "no" without compiling a validator, which is what a
   * `oneOf` branch of another type gets asked most. false means "ask the validator".
   */
  rejectsAtOnce(schema: SchemaObject | boolean, value: unknown, depth = 0): boolean {
    if (typeof schema === "boolean") return !schema;
    const t = schema.type;
    if (typeof t === "string" || Array.isArray(t)) {
      const names = Array.isArray(t) ? t : [t];
      if (names.every((n) => typeof n === "string" && n in TYPE_TESTS && !TYPE_TESTS[n](value))) return true;
    }
    if (Array.isArray(schema.enum) || "const" in schema) {
      const k = canonicalJson(value);
      if (Array.isArray(schema.enum) && !this.enumKeys(schema, schema.enum).has(k)) return true;
      if ("const" in schema && canonicalJson(schema.const) !== k) return true;
    }
    if (depth >= 4) return false;
    if (Array.isArray(schema.allOf) && schema.allOf.some((m) => this.rejectsAtOnce(m as SchemaObject, value, depth + 1))) return true;
    if (typeof schema.$ref === "string") {
      const target = this.loaded.resolveRef(schema, schema.$ref);
      if (target !== undefined && this.rejectsAtOnce(target, value, depth + 1)) return true;
    }
    return false;
  }

  /** The canonical JSON of each `enum` value, once per schema (an enum may hold thousands). */
  private enumKeys(schema: SchemaObject, values: unknown[]): Set<string> {
    let keys = this.enumKeySets.get(schema);
    if (!keys) this.enumKeySets.set(schema, (keys = new Set(values.map(canonicalJson))));
    return keys;
  }

  /**
   * This validator's own test of a string `format` (ajv-formats and the idn/iri formats as set up in
   * createAjv), or undefined for a format it does not check: for strings drawn from a pattern next
   * to a format, which the pattern alone does not keep inside the format.
   */
  formatTest(format: string): ((s: string) => boolean) | undefined {
    if (this.formatTests.has(format)) return this.formatTests.get(format);
    type Check = RegExp | ((s: string) => unknown);
    const entry = this.ajv.formats[format] as Check | { type?: string; validate: Check } | undefined;
    // A format entry is a check itself, or an object holding one (with the data type it applies to).
    const check =
      entry instanceof RegExp || typeof entry === "function" ? entry : (entry?.type ?? "string") === "string" ? entry?.validate : undefined;
    let test: ((s: string) => boolean) | undefined;
    if (check instanceof RegExp) test = (s) => check.test(s);
    else if (typeof check === "function") test = (s) => Boolean(check(s));
    this.formatTests.set(format, test);
    return test;
  }

  issues(value: unknown, validate: ValidateFunction = this.root): ValidationIssue[] {
    if (validate(value)) return [];
    return (validate.errors ?? []).map(toIssue);
  }
}

/** Schemas larger than this (all documents' text) compile without ajv's name optimisation. */
const OPTIMIZE_BELOW_BYTES = 40_000;

const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  null: (v) => v === null,
  boolean: (v) => typeof v === "boolean",
  string: (v) => typeof v === "string",
  // As ajv tests them (strictNumbers off): any number; an integer is a number without a fraction.
  number: (v) => typeof v === "number",
  integer: (v) => typeof v === "number" && !(v % 1) && !isNaN(v),
  array: (v) => Array.isArray(v),
  object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
};

/** Why a value fails a plain schema (the keyword), or undefined when it passes. */
type PlainTest = (v: unknown) => string | undefined;

const COMBINATORS = new Set(["anyOf", "allOf", "oneOf"]);

/**
 * The test of a schema made only of `type`, `enum`, `const`, `required`, annotations, and `anyOf`,
 * `allOf`, `oneOf`, `not` of such schemas, exactly as ajv makes it (enum and const by deep equality;
 * `required` only of objects, a name missing when its value is undefined); undefined for any other
 * schema. renovate's `not: {anyOf: [{required: [a]}, …]}` is checked on every object it nests.
 */
function plainTest(schema: SchemaObject | boolean, depth = 0): PlainTest | undefined {
  if (typeof schema === "boolean") return schema ? () => undefined : () => "false schema";
  if (depth > 4) return undefined;
  const tests: PlainTest[] = [];
  let allowed: Set<string> | undefined;
  for (const [k, value] of Object.entries(schema)) {
    if (isAnnotation(k)) continue;
    if (k === "type") {
      const names = Array.isArray(value) ? value : [value];
      if (!names.every((n) => typeof n === "string" && n in TYPE_TESTS)) return undefined;
      const typeTests = names.map((n: string) => TYPE_TESTS[n]);
      tests.push((v) => (typeTests.some((t) => t(v)) ? undefined : "type"));
    } else if (k === "enum" || k === "const") {
      if (k === "enum" && !Array.isArray(value)) return undefined;
      const here = new Set((k === "enum" ? (value as unknown[]) : [value]).map(canonicalJson));
      allowed = allowed ? new Set([...allowed].filter((x) => here.has(x))) : here;
    } else if (k === "required") {
      if (!Array.isArray(value) || !value.every((n) => typeof n === "string")) return undefined;
      const names = value;
      tests.push((v) =>
        TYPE_TESTS.object(v) && names.some((n) => (v as Record<string, unknown>)[n] === undefined) ? "required" : undefined,
      );
    } else if (COMBINATORS.has(k) || k === "not") {
      const members = k === "not" ? [value] : value;
      if (!Array.isArray(members)) return undefined;
      const subs = members.map((m) =>
        typeof m === "boolean" || (typeof m === "object" && m !== null) ? plainTest(m as SchemaObject, depth + 1) : undefined,
      );
      if (!subs.every((t) => t !== undefined)) return undefined;
      const t = subs;
      const requiredOnly = k === "anyOf" && (members as unknown[]).every(isRequiredOnly);
      if (requiredOnly) {
        // anyOf of `required` lists (renovate's root `not`): one loop, no closure per branch.
        const lists = (members as { required: string[] }[]).map((m) => m.required);
        tests.push((v) =>
          !TYPE_TESTS.object(v) || lists.some((names) => names.every((n) => (v as Record<string, unknown>)[n] !== undefined))
            ? undefined
            : "anyOf",
        );
      } else if (k === "anyOf") tests.push((v) => (t.some((x) => x(v) === undefined) ? undefined : "anyOf"));
      else if (k === "allOf") tests.push((v) => t.map((x) => x(v)).find((why) => why !== undefined));
      else if (k === "oneOf") tests.push((v) => (t.filter((x) => x(v) === undefined).length === 1 ? undefined : "oneOf"));
      else tests.push((v) => (t[0](v) === undefined ? "not" : undefined));
    } else return undefined;
  }
  const enumKeys = allowed;
  if (enumKeys) tests.push((v) => (enumKeys.has(canonicalJson(v)) ? undefined : "enum"));
  return (v) => {
    for (const t of tests) {
      const why = t(v);
      if (why !== undefined) return why;
    }
    return undefined;
  };
}

function isRequiredOnly(m: unknown): boolean {
  if (typeof m !== "object" || m === null) return false;
  const r = (m as SchemaObject).required;
  return Array.isArray(r) && r.every((n) => typeof n === "string") && Object.keys(m).every((k) => k === "required" || isAnnotation(k));
}

/** plainTest as a validate function, with an error object that names the failing keyword. */
function plainCheck(schema: SchemaObject): ValidateFunction | undefined {
  const test = plainTest(schema);
  if (!test) return undefined;
  const check = Object.assign(
    (v: unknown): boolean => {
      const keyword = test(v);
      const message =
        keyword === "type"
          ? `must be ${[schema.type].flat().join(",")}`
          : keyword === "enum"
            ? "must be equal to one of the allowed values"
            : `must pass "${keyword}"`;
      check.errors = keyword ? [{ keyword, instancePath: "", schemaPath: `#/${keyword}`, params: {}, message }] : null;
      return keyword === undefined;
    },
    { errors: null as ErrorObject[] | null },
  );
  return check as unknown as ValidateFunction;
}

const ALWAYS = Object.assign(() => true, { errors: null }) as unknown as ValidateFunction;
const NEVER = Object.assign(() => false, { errors: [] }) as unknown as ValidateFunction;

export function toIssue(e: ErrorObject): ValidationIssue {
  return {
    pointer: e.instancePath,
    message: e.message ? `${e.keyword}: ${e.message}` : e.keyword,
    schemaPointer: e.schemaPath.replace(/^#/, ""),
  };
}

export function allIssues(loaded: LoadedSchema, value: unknown): ValidationIssue[] {
  const ajv = createAjv(loaded.draft, { allErrors: true });
  const v = ajv.compile(loaded.main.root as object);
  return v(value) ? [] : (v.errors ?? []).map(toIssue);
}
