// Samples of one schema node for a kind of records (specmint/samples with `kind`, the preview, the
// hover's invalid value), made from the records of that kind so that they are what
// `specmint generate --kind K` writes. On the root, sample i is record i of the kind (with its label
// for kind invalid). Deeper, valid and boundary samples are the values the node took in records
// 1, 2, … (core/engine/samples.ts); invalid ones are the values at the label's instance path in the
// invalid records that break a constraint of that node.
import type { Generator } from "../engine/generator";
import { samplesAt, schemaAtPointer } from "../engine/samples";
import type { ViolableConstraint } from "../invalid/constraints";
import type { Violation } from "../invalid/invalidRecords";
import { pointerToPath, type Schema } from "../schema/load";
import type { KindRecord, RecordsOfKind } from "./records";

export interface KindSamples {
  samples: unknown[];
  /** Kind invalid: the label of each sample (violations[k] is samples[k]'s). */
  violations?: Violation[];
}

export interface KindSamplesOptions {
  /** Record i of the kind; defaults to ofKind.record(i). Lets callers cache records. */
  record?: (i: number) => KindRecord;
  /** Records to look at before giving up on a node; default 10 × count. */
  maxRecords?: number;
  /**
   * Kind invalid at the root: the breaks of the root's own constraints (its type, required, …),
   * as deeper nodes have them, instead of records 1, 2, … with whatever each breaks (a hover on
   * the root is about the root).
   */
  ownConstraints?: boolean;
}

/** Keywords of a parent object that a property breaks by being absent. */
const ABSENCE_KEYWORDS = new Set(["required", "dependentRequired", "dependencies"]);

function valueAt(record: unknown, pointer: string): unknown {
  let v = record;
  for (const seg of pointerToPath(pointer)) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<string, unknown>)[String(seg)];
  }
  return v;
}

/**
 * The indices (into `constraints`) of the constraints of the node at `pointer`, in the order its
 * invalid samples take them: its own (its `type` last: a wrong type says least about the node), then
 * its parent's `required`/`dependentRequired` of it when the node is a property.
 */
export function constraintsOfNode(constraints: readonly ViolableConstraint[], root: Schema, pointer: string): number[] {
  const target = schemaAtPointer(root, pointer);
  if (target === undefined || typeof target === "boolean") return [];
  const own = constraints.map((c, k) => (c.schema === target ? k : -1)).filter((k) => k >= 0);
  const ordered = [...own.filter((k) => constraints[k].keyword !== "type"), ...own.filter((k) => constraints[k].keyword === "type")];
  const m = /^(.*)\/properties\/([^/]+)$/.exec(pointer);
  const parent = m ? schemaAtPointer(root, m[1]) : undefined;
  if (m && parent !== undefined && typeof parent !== "boolean") {
    const name = m[2].replace(/~1/g, "/").replace(/~0/g, "~");
    constraints.forEach((c, k) => {
      if (c.schema === parent && c.property === name && ABSENCE_KEYWORDS.has(c.keyword)) ordered.push(k);
    });
  }
  return ordered;
}

/** Whether `v` labels a break of `c` at the place InvalidRecords breaks it (the first element under `*`). */
function labels(v: Violation | undefined, c: ViolableConstraint): v is Violation {
  return (
    v !== undefined &&
    v.keyword === c.keyword &&
    v.schema_path === c.schemaPath &&
    v.instance_path === c.instanceTemplate.replace(/\/\*(?=\/|$)/g, "/0") &&
    // One constraint per name of a `required` list (or pair of `dependentRequired`): the name is in ajv's params.
    (c.property === undefined || Object.values(v.expected.params).includes(c.property))
  );
}

/**
 * Up to `count` samples of kind `ofKind.kind` at `pointer` ("" = the root). Throws what making a
 * record throws (a SpecMintError when the schema cannot give records of the kind).
 */
export function kindSamplesAt(
  generator: Generator,
  ofKind: RecordsOfKind,
  pointer: string,
  count: number,
  options: KindSamplesOptions = {},
): KindSamples {
  const record = options.record ?? ((i: number) => ofKind.record(i));
  const root = pointer === "" || pointer === "#";
  if (ofKind.kind !== "invalid") {
    return { samples: samplesAt(generator, pointer, count, { record: (i) => record(i).record, maxRecords: options.maxRecords }) };
  }
  if (root && !options.ownConstraints) {
    const made = Array.from({ length: count }, (_, k) => record(k + 1));
    return { samples: made.map((m) => m.record), violations: made.map((m) => m.violation!) };
  }
  const constraints = ofKind.constraints ?? [];
  const picks = constraintsOfNode(constraints, generator.loaded.main.root, root ? "" : pointer);
  const samples: unknown[] = [];
  const violations: Violation[] = [];
  const limit = options.maxRecords ?? 10 * count;
  // Record k + 1 (and k + 1 + N, k + 1 + 2N, …) breaks constraint k when it can be broken alone there.
  for (let round = 0, tried = 0; picks.length > 0 && samples.length < count && tried < limit; round++) {
    for (const k of picks) {
      if (samples.length >= count || tried >= limit) break;
      tried++;
      const made = record(k + 1 + round * constraints.length);
      if (!labels(made.violation, constraints[k])) continue;
      samples.push(valueAt(made.record, made.violation.instance_path));
      violations.push(made.violation);
    }
  }
  return { samples, violations };
}
