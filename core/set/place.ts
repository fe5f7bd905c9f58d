// Putting a child record's references in place: each x-ref value is the referenced record's actual
// value at the field. A reference to the child's `per` parent points at the parent its record
// belongs to; any other reference picks a parent record (core/set/picks.ts), one per array element,
// the elements of one array preferring different records. The values are placed after the child's
// x-unique values and before its cross-field rules, and kept by the rules' repairs (the engine's
// `frozen` fields), so that a child is changed to fit its references, never the other way round.
import { SpecMintError, formatLocation, type SourceLocation } from "../base/errors";
import type { ReferencePlacer as EngineReferencePlacer } from "../engine/generator";
import { siteInstances, type SiteInstance } from "../schema/sites";
import type { SchemaValidator } from "../validate/ajv";
import type { RefSite } from "./references";
import { ParentPicker } from "./picks";
import { MadeReferences, type ReferencedEntity } from "./ruleReferences";

/** Draws again (on derived streams) for an array element whose record a sibling already references. */
export const DISTINCT_ATTEMPTS = 16;

/** The entity a reference points into, as placing needs it. */
export interface PlacementTarget extends ReferencedEntity {
  readonly name: string;
  readonly count: number;
  /** Record `index`'s value at `field` (undefined when the record has none there). */
  fieldValue(index: number, field: readonly string[]): unknown;
  /** Where the referenced field's x-unique is written, for messages. */
  fieldLocation(field: readonly string[]): SourceLocation;
}

interface PlacedSite {
  ref: RefSite & { target: NonNullable<RefSite["target"]> };
  target: PlacementTarget;
  /** A reference to the child's `per` parent (outside arrays): it points at the parent the record belongs to. */
  perParent: boolean;
  picker?: ParentPicker;
  check?: (v: unknown) => boolean;
}

export interface PlacementOptions {
  setSeed: number;
  /** The child entity's name. */
  entity: string;
  refs: readonly RefSite[];
  target(entity: string): PlacementTarget;
  /** The child's `per` parent and which parent record child record j belongs to. */
  per?: { parent: string; count: number; parentOf(j: number): number };
  /** The child's validator (its generator's), read when the first record is made. */
  validator(): SchemaValidator;
}

export class ReferencePlacer implements EngineReferencePlacer {
  readonly made: MadeReferences;
  private readonly sites: PlacedSite[];

  constructor(private readonly opts: PlacementOptions) {
    this.sites = opts.refs.map((ref) => {
      if (!ref.target) throw new SpecMintError("schema", ref.problem ?? `x-ref "${ref.text}" is not "entity.field"`, ref.location);
      return {
        ref: ref as PlacedSite["ref"],
        target: opts.target(ref.target.entity),
        perParent: opts.per?.parent === ref.target.entity && ref.steps.every((s) => s.kind === "name"),
      };
    });
    this.made = new MadeReferences(new Map(this.sites.map((s) => [s.ref.path, s.target])));
  }

  /** What `ref(path)` in the child's rules reads. */
  get rules(): MadeReferences {
    return this.made;
  }

  apply(record: unknown, j: number, fields: Map<object, Set<string | number>>): void {
    this.made.begin();
    let siblings: Map<object, Set<number>> | undefined;
    for (const s of this.sites) {
      const instances = siteInstances(record, s.ref.steps);
      if (s.perParent && instances.length === 0) {
        // A record must say which parent it belongs to: an optional reference field is added.
        const at = insertionPoint(record, s.ref.steps);
        if (at) instances.push(at);
      }
      for (const inst of instances) {
        if (!inst.container || inst.key === undefined) continue;
        let p: number;
        if (s.perParent) p = this.parentOf(j, s);
        else {
          const picker = (s.picker ??= this.picker(s));
          p = picker.pick(j, inst.indices[0] ?? 0);
          if (inst.indices.length) {
            siblings ??= new Map();
            let taken = siblings.get(inst.container);
            if (!taken) siblings.set(inst.container, (taken = new Set()));
            for (let a = 1; taken.has(p) && a <= DISTINCT_ATTEMPTS && taken.size < picker.parents; a++)
              p = picker.pick(j, inst.indices[0], a);
            taken.add(p);
          }
        }
        const value = s.target.fieldValue(p, s.ref.target.field);
        if (value === undefined) throw absentField(s, p);
        s.check ??= this.opts.validator().forSchema(s.ref.schema);
        if (!s.check(value)) throw misfit(s, value, p, this.opts.validator());
        (inst.container as Record<string | number, unknown>)[inst.key] = value;
        let keys = fields.get(inst.container);
        if (!keys) fields.set(inst.container, (keys = new Set()));
        keys.add(inst.key);
        this.made.note(s.ref.path, value, p);
      }
    }
  }

  /** The parent child record `j` belongs to; a record past the child's count has none. */
  private parentOf(j: number, s: PlacedSite): number {
    const per = this.opts.per!;
    if (j > per.count)
      throw new SpecMintError(
        "schema",
        `record ${j} of entity "${this.opts.entity}" has no "${s.target.name}" record to belong to: the entity has ${per.count} records, its parents' children`,
        s.ref.location,
      );
    return per.parentOf(j);
  }

  private picker(s: PlacedSite): ParentPicker {
    if (s.target.count === 0)
      throw new SpecMintError(
        "schema",
        `x-ref "${s.ref.text}" at ${s.ref.path} points into entity "${s.target.name}", which has no records (its per.min is 0 and no parent drew a child); ` +
          `raise its per.min or per.max, or make the reference optional`,
        s.ref.location,
      );
    return new ParentPicker(this.opts.setSeed, this.opts.entity, s.ref.path, s.ref.distribution, s.target.count);
  }
}

/** Where an absent field of named steps would go: its object, when that object is there. */
function insertionPoint(record: unknown, steps: RefSite["steps"]): SiteInstance | undefined {
  let obj = record;
  for (let k = 0; k < steps.length - 1; k++) {
    const s = steps[k];
    if (s.kind !== "name" || typeof obj !== "object" || obj === null || Array.isArray(obj)) return undefined;
    obj = (obj as Record<string, unknown>)[s.name];
  }
  const last = steps[steps.length - 1];
  if (last?.kind !== "name" || typeof obj !== "object" || obj === null || Array.isArray(obj)) return undefined;
  return { value: undefined, pointer: "", container: obj as Record<string, unknown>, key: last.name, indices: [] };
}

function absentField(s: PlacedSite, p: number): SpecMintError {
  const field = s.ref.target.field.join(".");
  return new SpecMintError(
    "schema",
    `x-ref "${s.ref.text}" at ${s.ref.path}: record ${p} of "${s.target.name}" has no ${field}; a referenced field must be in every record, so make it required in ${s.target.loaded.main.file ?? "its schema"}`,
    s.ref.location,
    [`referenced field: ${formatLocation(s.target.fieldLocation(s.ref.target.field))}`],
  );
}

function misfit(s: PlacedSite, value: unknown, p: number, validator: SchemaValidator): SpecMintError {
  const issue = validator.issues(value, validator.forSchema(s.ref.schema))[0];
  const field = s.ref.target.field.join(".");
  return new SpecMintError(
    "schema",
    `x-ref "${s.ref.text}" at ${s.ref.path}: the value it references, ${JSON.stringify(value)} (${field} of "${s.target.name}" record ${p}), ` +
      `does not fit this field's schema${issue ? `: ${issue.message}${issue.schemaPointer ? ` (${issue.schemaPointer})` : ""}` : ""}; ` +
      `make the two fields' constraints agree (${field} of "${s.target.name}" makes its values from its own schema)`,
    s.ref.location,
    [`referenced field: ${formatLocation(s.target.fieldLocation(s.ref.target.field))}`],
  );
}
