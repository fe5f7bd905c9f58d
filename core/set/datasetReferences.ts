// A set's references in datasets that already exist (`validate --set`, `inspect --set`): which
// x-ref values resolve to a record of the referenced entity, and how many children each parent
// has. Entities are given in the plan's order (parents first); of a parent only the values that
// children reference are kept (a Map per referenced field, O(parents)), never its records.
import { canonicalJson } from "../schema/facts";
import { MAX_EXAMPLES, preview, roundScore, valuesAt, type DanglingReference } from "../validate/score";
import type { RecordSource } from "../validate/dataset";
import type { SiteStep } from "../schema/sites";
import type { RuleReferences } from "../rules/references";
import type { EntityPlan, SetPlan } from "./plan";
import { anyElement } from "./references";

/** Children per parent along one reference: over the referenced field's distinct values in the parent's dataset. */
export interface FanOut {
  parents: number;
  min: number;
  median: number;
  mean: number;
  max: number;
  /** Parents no child references. */
  childless: number;
  /** Parents by their number of children: `from`…`to` children (inclusive), `count` parents. */
  histogram: { from: number; to: number; count: number }[];
}

/** One x-ref of an entity, over its dataset. */
export interface ReferenceTally {
  /** Where the values are in the entity's records: `customer_id`, `lines[*]`. */
  path: string;
  /** The x-ref: `customers.id`. */
  target: string;
  /** Values checked (each array element one) and those that match no parent. */
  checked: number;
  dangling: number;
  /** % of the values checked that resolve (100 when none was checked). */
  resolving: number;
  fanOut: FanOut;
}

export interface EntityReferences {
  entity: string;
  sites: ReferenceTally[];
  checked: number;
  dangling: number;
  /** The first MAX_EXAMPLES dangling values, in record order. */
  examples: DanglingReference[];
}

/** Bins of a fan-out histogram: one per child count up to this many, else ranges. */
const HISTOGRAM_BINS = 10;

function targetName(entity: string, field: readonly string[]): string {
  return `${entity}.${field.join(".")}`;
}

/** A site's steps as valuesAt's segments ("*" for every element). */
function segmentsOf(steps: readonly SiteStep[]): string[] {
  return steps.map((s) => (s.kind === "name" ? s.name : s.kind === "index" ? String(s.index) : "*"));
}

/** Min, median, mean, max, the childless and a histogram of children counts. */
export function fanOutOf(counts: ArrayLike<number>): FanOut {
  const n = counts.length;
  if (n === 0) return { parents: 0, min: 0, median: 0, mean: 0, max: 0, childless: 0, histogram: [] };
  const sorted = Float64Array.from(counts).sort();
  let sum = 0;
  let childless = 0;
  for (const c of sorted) {
    sum += c;
    if (c === 0) childless++;
  }
  const min = sorted[0];
  const max = sorted[n - 1];
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  // Whole numbers of children: one bin per count when few, else equal ranges of counts.
  const width = Math.max(1, Math.ceil((max - min + 1) / HISTOGRAM_BINS));
  const histogram: FanOut["histogram"] = [];
  for (let from = min; from <= max; from += width) histogram.push({ from, to: Math.min(max, from + width - 1), count: 0 });
  for (const c of sorted) histogram[Math.floor((c - min) / width)].count++;
  return { parents: n, min, median, mean: Math.round((sum / n) * 100) / 100, max, childless, histogram };
}

/** Whether an entity's schema may have rules with `ref(…)`: by its text, so a `ref(` in a description also counts (it only costs memory). */
export function mayUseRefRules(entity: EntityPlan): boolean {
  return entity.loaded.documents.some((d) => d.text.includes(RULES_KEYWORD) && REF_CALL.test(d.text));
}

const RULES_KEYWORD = "x-cross-field-rules";
const REF_CALL = /\bref\s*\(/;

export class SetReferenceIndex {
  /** Per referenced field ("customers.id"): each distinct value (canonical JSON) and its parent's ordinal. */
  private readonly targets = new Map<string, Map<string, number>>();
  /** Per entity: the fields of it that other entities reference. */
  private readonly referenced = new Map<string, string[][]>();
  /**
   * The parent records themselves, by ordinal, per referenced field: only for the parents of an
   * entity whose rules read them through ref(…) (the rules need the record, not only the value).
   */
  private readonly records = new Map<string, unknown[]>();

  constructor(private readonly plan: SetPlan) {
    for (const entity of plan.entities) {
      if (!mayUseRefRules(entity)) continue;
      for (const ref of entity.refs) if (ref.target) this.records.set(targetName(ref.target.entity, ref.target.field), []);
    }
    for (const entity of plan.entities) {
      for (const ref of entity.refs) {
        if (!ref.target) continue;
        const name = targetName(ref.target.entity, ref.target.field);
        if (this.targets.has(name)) continue;
        this.targets.set(name, new Map());
        const fields = this.referenced.get(ref.target.entity) ?? [];
        fields.push(ref.target.field);
        this.referenced.set(ref.target.entity, fields);
      }
    }
  }

  /** Remembers the values of `entity`'s records that other entities reference (call it after `check`, parents first). */
  addParent(entity: string, records: Iterable<unknown>): void {
    const fields = this.referenced.get(entity);
    if (!fields) return;
    const maps = fields.map((f) => this.targets.get(targetName(entity, f))!);
    const kept = fields.map((f) => this.records.get(targetName(entity, f)));
    for (const record of records) {
      fields.forEach((field, k) => {
        for (const { value } of valuesAt(record, field)) {
          if (value === null) continue;
          const key = canonicalJson(value);
          // A value twice (a duplicate key: the uniqueness score's business) is one parent, its first record.
          if (maps[k].has(key)) continue;
          maps[k].set(key, maps[k].size);
          kept[k]?.push(record);
        }
      });
    }
  }

  /**
   * What ref(path) in `entity`'s rules reads: the parent record whose referenced field equals the
   * value (of the parents given so far; undefined when none has it), and the parent's schema.
   */
  ruleReferences(entity: EntityPlan): RuleReferences {
    const sites = new Map(entity.refs.flatMap((r) => (r.target ? [[r.path, r.target] as const] : [])));
    const siteOf = (path: string) => sites.get(path) ?? sites.get(anyElement(path));
    return {
      resolve: (path, value) => {
        const target = siteOf(path);
        if (target === undefined || value === null || value === undefined) return undefined;
        const name = targetName(target.entity, target.field);
        const ordinal = this.targets.get(name)?.get(canonicalJson(value));
        return ordinal === undefined ? undefined : this.records.get(name)?.[ordinal];
      },
      schemaAt: (path) => {
        const target = siteOf(path);
        return target && this.plan.byName.get(target.entity)?.loaded;
      },
    };
  }

  /**
   * The entity's x-ref values against its parents' values given so far. A null is no reference
   * (as a NULL foreign key in SQL); a value is compared as JSON (1 and 1.0 are equal, strings exactly).
   */
  check(entity: EntityPlan, records: readonly unknown[], sources: readonly RecordSource[] = []): EntityReferences {
    const sites = entity.refs
      .filter((r) => r.target)
      .map((ref) => {
        const target = targetName(ref.target!.entity, ref.target!.field);
        const parents = this.targets.get(target)!;
        return { ref, target, parents, segments: segmentsOf(ref.steps), children: new Uint32Array(parents.size), checked: 0, dangling: 0 };
      });
    const examples: DanglingReference[] = [];
    for (let k = 0; k < records.length; k++) {
      for (const site of sites) {
        for (const { pointer, value } of valuesAt(records[k], site.segments)) {
          if (value === null) continue;
          site.checked++;
          const parent = site.parents.get(canonicalJson(value));
          if (parent !== undefined) {
            site.children[parent]++;
            continue;
          }
          site.dangling++;
          if (examples.length < MAX_EXAMPLES) {
            const source = sources[k];
            examples.push({
              entity: entity.spec.name,
              target: site.target,
              value,
              record: k + 1,
              pointer,
              message: `${preview(value)}: ${site.target} has no such value`,
              ...(source ? { file: source.file, line: source.line } : {}),
            });
          }
        }
      }
    }
    const tallies = sites.map((s) => ({
      path: s.ref.path,
      target: s.target,
      checked: s.checked,
      dangling: s.dangling,
      resolving: s.checked === 0 ? 100 : roundScore((100 * (s.checked - s.dangling)) / s.checked),
      fanOut: fanOutOf(s.children),
    }));
    return {
      entity: entity.spec.name,
      sites: tallies,
      checked: tallies.reduce((n, t) => n + t.checked, 0),
      dangling: tallies.reduce((n, t) => n + t.dangling, 0),
      examples,
    };
  }
}
