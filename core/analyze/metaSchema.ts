// schema-invalid: the document checked against the meta-schema of its own draft (as ajv knows it)
// and SpecMint's extension keywords against their shapes, each error placed on the key or value
// it is about rather than on the whole schema.
import type { ErrorObject, ValidateFunction } from "ajv";
import { createAjv, EXTENSION_KEYWORDS } from "../validate/ajv";
import { DRAFT_URIS, escapePointerSegment, pointerToPath, type Draft, type Schema } from "../schema/load";
import { closestName } from "./suggest";
import { at, type Finding } from "./finding";
import type { SchemaNode } from "../schema/walk";

type Ajv = ReturnType<typeof createAjv>;

/** Per draft: a validator that stops at the first error (the usual answer is "valid"), and one that reports all. */
const metaValidators = new Map<string, ValidateFunction | null>();
let extensionAjv: Ajv | undefined;
const extensionValidators = new Map<string, ValidateFunction>();

function metaValidator(draft: Draft, allErrors: boolean): ValidateFunction | undefined {
  const key = `${draft}:${allErrors}`;
  let v = metaValidators.get(key);
  if (v === undefined) {
    const ajv = createAjv(draft, { allErrors });
    const uri = DRAFT_URIS[draft];
    v = ajv.getSchema(uri) ?? ajv.getSchema(uri.replace(/#$/, "")) ?? null;
    metaValidators.set(key, v);
  }
  return v ?? undefined;
}

function extensionValidator(keyword: string): ValidateFunction | undefined {
  const def = EXTENSION_KEYWORDS.find((k) => k.keyword === keyword);
  if (!def) return undefined;
  let v = extensionValidators.get(keyword);
  if (!v) {
    extensionAjv ??= createAjv("2020-12", { allErrors: false });
    v = extensionAjv.compile(def.metaSchema);
    extensionValidators.set(keyword, v);
  }
  return v;
}

function valueAt(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const seg of pointerToPath(pointer)) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return cur;
}

const WRAPPERS = new Set(["anyOf", "oneOf", "allOf", "if", "not", "$ref", "$dynamicRef"]);

function describeGroup(errors: ErrorObject[], value: unknown): { message: string; suggestion?: string } {
  const enumError = errors.find((e) => e.keyword === "enum");
  if (enumError) {
    const allowed = (enumError.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    const suggestion =
      typeof value === "string"
        ? closestName(
            value,
            allowed.filter((a): a is string => typeof a === "string"),
          )
        : undefined;
    const list = allowed.map((a) => JSON.stringify(a)).join(", ");
    return {
      message: `${JSON.stringify(value)} is not allowed here; expected one of ${list}${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`,
      suggestion,
    };
  }
  const specific = errors.filter((e) => !WRAPPERS.has(e.keyword));
  const chosen = specific.length ? specific : errors;
  const messages = [...new Set(chosen.map((e) => e.message ?? e.keyword))];
  return { message: messages.join(" or ") };
}

/** schema-invalid findings for a whole document. */
export function metaSchemaFindings(root: Schema, draft: Draft, nodes: readonly SchemaNode[]): Finding[] {
  const findings: Finding[] = [];
  const quick = metaValidator(draft, false);
  const validate = quick && !quick(root) ? metaValidator(draft, true) : undefined;
  if (validate && !validate(root)) {
    const groups = new Map<string, ErrorObject[]>();
    for (const e of validate.errors ?? []) {
      let pointer = e.instancePath;
      const p = e.params as { missingProperty?: string; additionalProperty?: string; property?: string };
      // Errors about a member that should or should not be there are shown on that member.
      if (e.keyword === "additionalProperties" && p.additionalProperty !== undefined)
        pointer += `/${escapePointerSegment(p.additionalProperty)}`;
      if (e.keyword === "dependencies" && p.property !== undefined) pointer += `/${escapePointerSegment(p.property)}`;
      let g = groups.get(pointer);
      if (!g) groups.set(pointer, (g = []));
      g.push(e);
    }
    const pointers = [...groups.keys()];
    for (const [pointer, errors] of groups) {
      // An anyOf/oneOf failure whose reason is reported deeper says nothing more.
      const onlyWrappers = errors.every((e) => WRAPPERS.has(e.keyword));
      if (onlyWrappers && pointers.some((q) => q !== pointer && q.startsWith(pointer + "/"))) continue;
      const value = valueAt(root, pointer);
      const { message, suggestion } = describeGroup(errors, value);
      const keyLike = errors.some((e) => e.keyword === "dependencies" || e.keyword === "additionalProperties");
      const container = typeof value === "object" && value !== null;
      const place = keyLike || (container && pointer !== "") ? at.key(pointer) : at.value(pointer);
      const name = pointer === "" ? "the schema" : `"${String(pointerToPath(pointer).at(-1))}"`;
      findings.push({
        code: "schema-invalid",
        severity: "error",
        message: `${name}: ${message}`,
        ...place,
        fixes: suggestion
          ? [{ title: `Change to "${suggestion}"`, edits: [{ op: "setValue", pointer, value: suggestion }], preferred: true }]
          : undefined,
      });
    }
  }
  for (const node of nodes) {
    if (typeof node.schema !== "object") continue;
    for (const def of EXTENSION_KEYWORDS) {
      if (!(def.keyword in node.schema)) continue;
      const v = extensionValidator(def.keyword);
      const value = node.schema[def.keyword];
      if (!v || v(value)) continue;
      const e = v.errors?.[0];
      const pointer = `${node.pointer}/${escapePointerSegment(def.keyword)}${e?.instancePath ?? ""}`;
      findings.push({
        code: "schema-invalid",
        severity: "error",
        message: `${def.keyword}${e?.instancePath ?? ""}: ${e?.message ?? "has the wrong shape"}`,
        ...at.value(pointer),
      });
    }
  }
  return findings;
}
