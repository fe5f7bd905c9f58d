// Generating a set (issue 15): one Generator per entity, each on its own seed derived from (set
// seed, entity name), so two entities with the same schema differ; a child's count from its `per`
// parent (core/set/children.ts); and references filled from the referenced records themselves
// (core/set/place.ts). Record j of any entity depends only on (the set, its schemas, seed, j): a
// referenced record is made again from its index when needed — a small cache keeps the recent
// ones — and an x-unique key whose value follows from the index alone is read without making it.
import { Generator, type GeneratorExtras } from "../engine/generator";
import { SpecMintError, type SourceLocation } from "../base/errors";
import { hashString, mix32 } from "../base/rng";
import { isSchemaObject } from "../schema/walk";
import type { SiteStep } from "../schema/sites";
import { UNIQUE_KEYWORD, locateKeyword, type UniqueSite } from "../generate/unique";
import type { EntityPlan, SetPlan } from "./plan";
import { ChildrenOfParents } from "./children";
import { ReferencePlacer, type PlacementTarget } from "./place";
import { Lru } from "./lru";
import type { RuleReferences } from "./ruleReferences";

/** Parent records kept per entity (children of one parent come one after another: they share it). */
export const RECORD_CACHE_SIZE = 64;
/** Referenced field values kept per (entity, field): a small entity's keys are all kept, a large one's recent ones. */
export const VALUE_CACHE_SIZE = 16_384;

/** The seed entity `entity` generates with in a set of seed `setSeed`: a safe integer, different per name. */
export function entitySeed(setSeed: number, entity: string): number {
  if (!Number.isSafeInteger(setSeed) || setSeed < 0)
    throw new SpecMintError("usage", `seed must be a non-negative integer, got ${setSeed}`);
  const seedHi = Math.floor(setSeed / 0x100000000) | 0;
  const seedLo = setSeed | 0;
  const name = hashString(entity);
  const hi = mix32(mix32(mix32(0x5e7e0001, seedHi), seedLo), name);
  const lo = mix32(mix32(mix32(0x5e7e0002, seedLo), name), hi);
  // 21 + 32 bits: below 2^53.
  return (hi >>> 11) * 0x100000000 + (lo >>> 0);
}

export interface SetGeneratorOptions {
  seed: number;
  referenceDate?: string;
  locale?: string;
}

export interface EntityGenerator {
  readonly plan: EntityPlan;
  /** The entity's Generator, on its own seed (entitySeed). */
  readonly generator: Generator;
  /** Records of the entity (a `per` child: the sum of the children of its parent's records). */
  readonly count: number;
  /** Record `index` (1-based): references filled with the referenced records' values, rules held, valid. Do not change it: it may be shared. */
  record(index: number): unknown;
  /** Record `index`'s value at `field` (property names from the root); undefined when it has none. */
  fieldValue(index: number, field: readonly string[]): unknown;
  /** What `ref(path)` in the entity's rules reads, for the record made last (undefined: the entity has no x-ref). */
  readonly references?: RuleReferences;
  /** `per` children: the parent record child record `index` belongs to. */
  parentIndex?(index: number): number;
  /** `per` children: how many children parent record `parentIndex` has. */
  childCount?(parentIndex: number): number;
}

export class SetGenerator {
  /** Parents first (the plan's order). */
  readonly entities: readonly EntityGenerator[];
  private readonly byName = new Map<string, SetEntity>();

  constructor(
    readonly plan: SetPlan,
    readonly options: SetGeneratorOptions,
  ) {
    const list: SetEntity[] = [];
    for (const entityPlan of plan.entities) {
      const e = new SetEntity(entityPlan, options, (name) => {
        const found = this.byName.get(name);
        // The plan puts parents first: a reference to an entity not made yet is a bug in the plan.
        if (!found) throw new Error(`entity "${name}" is referenced before it is made`);
        return found;
      });
      this.byName.set(entityPlan.spec.name, e);
      list.push(e);
    }
    this.entities = list;
  }

  entity(name: string): EntityGenerator {
    const e = this.byName.get(name);
    if (!e) throw new Error(`the set has no entity "${name}"`);
    return e;
  }

  /** Records of all entities. */
  get total(): number {
    return this.entities.reduce((n, e) => n + e.count, 0);
  }
}

class SetEntity implements EntityGenerator, PlacementTarget {
  readonly generator: Generator;
  readonly count: number;
  readonly parentIndex?: (index: number) => number;
  readonly childCount?: (parentIndex: number) => number;
  readonly references?: RuleReferences;
  private readonly records = new Lru<number, unknown>(RECORD_CACHE_SIZE);
  private readonly lookups = new Map<string, (index: number) => unknown>();

  constructor(
    readonly plan: EntityPlan,
    options: SetGeneratorOptions,
    earlier: (name: string) => SetEntity,
  ) {
    const { spec } = plan;
    let per: { parent: string; count: number; parentOf(j: number): number } | undefined;
    if (spec.per) {
      const children = new ChildrenOfParents(options.seed, spec.name, earlier(spec.per.parent).count, spec.per);
      this.count = children.total;
      this.parentIndex = (j) => children.parentOf(j);
      this.childCount = (p) => children.childCount(p);
      per = { parent: spec.per.parent, count: children.total, parentOf: this.parentIndex };
    } else this.count = spec.count ?? 0;
    const placer = plan.refs.length
      ? new ReferencePlacer({
          setSeed: options.seed,
          entity: spec.name,
          refs: plan.refs,
          target: earlier,
          per,
          validator: () => this.generator.validator,
        })
      : undefined;
    this.references = placer?.rules;
    // `referencePlacer` puts the values in place before the rules run; `references` is what ref(path)
    // in the rules reads (the records those values came from).
    const extras: GeneratorExtras = { referencePlacer: placer, references: this.references };
    this.generator = new Generator(
      plan.loaded,
      {
        seed: entitySeed(options.seed, spec.name),
        ...(options.referenceDate !== undefined ? { referenceDate: options.referenceDate } : {}),
        ...(options.locale !== undefined ? { locale: options.locale } : {}),
      },
      extras,
    );
    // x-unique values come from the record index: a count beyond a node's value space is refused up front.
    this.generator.assertUniqueCapacity(this.count);
  }

  get name(): string {
    return this.plan.spec.name;
  }

  get loaded() {
    return this.plan.loaded;
  }

  record(index: number): unknown {
    this.checkIndex(index);
    const hit = this.records.get(index);
    if (hit !== undefined) return hit;
    const made = this.generator.record(index);
    this.records.set(index, made);
    return made;
  }

  private checkIndex(index: number): void {
    if (!Number.isSafeInteger(index) || index < 1 || index > this.count)
      throw new RangeError(`record ${index} of entity "${this.name}" is outside 1..${this.count}`);
  }

  fieldValue(index: number, field: readonly string[]): unknown {
    const dotted = field.join(".");
    let lookup = this.lookups.get(dotted);
    if (!lookup) this.lookups.set(dotted, (lookup = this.lookupOf(field)));
    return lookup(index);
  }

  fieldLocation(field: readonly string[]): SourceLocation {
    const unique = this.plan.uniqueFields.get(field.join("."));
    return unique ? locateKeyword(this.plan.loaded, unique.schema, UNIQUE_KEYWORD) : this.plan.loaded.locate("");
  }

  /** How record i's value at `field` is found: from the index alone when it can be, else from the record (cached). */
  private lookupOf(field: readonly string[]): (index: number) => unknown {
    const site = this.standaloneSite(field);
    if (site) {
      const { space, permutation } = site;
      return (i) => {
        this.checkIndex(i);
        return space!.value(permutation!.apply(BigInt(i - 1)), undefined);
      };
    }
    const values = new Lru<number, unknown>(VALUE_CACHE_SIZE);
    return (i) => {
      let v = values.get(i);
      if (v !== undefined) return v;
      v = valueAt(this.record(i), field);
      if (v !== undefined) values.set(i, v);
      return v;
    };
  }

  /**
   * The x-unique site that decides `field` alone, when its value follows from the record index (an
   * enum, a number grid, a pattern, a date: not a uuid or email, which keep the generated text),
   * the field is in every record (required all the way from the root) and no reference of this
   * entity writes over it.
   */
  private standaloneSite(field: readonly string[]): UniqueSite | undefined {
    const sites = this.generator.unique?.sites.filter((s) => s.space && stepsName(s.site.steps, field));
    const site = sites?.[sites.length - 1];
    if (!site?.space?.standalone || site.perRecord !== 1n || site.site.guards.length) return undefined;
    if (this.plan.refs.some((r) => stepsName(r.steps, field))) return undefined;
    return requiredAllTheWay(this.plan.loaded.main.root, field) ? site : undefined;
  }
}

/** Whether site steps are exactly the property names of `field`. */
function stepsName(steps: readonly SiteStep[], field: readonly string[]): boolean {
  return steps.length === field.length && steps.every((st, k) => st.kind === "name" && st.name === field[k]);
}

/** Each name of `field` is in `required` and `properties` of the object schema it is in, from the root down (no $ref followed). */
function requiredAllTheWay(root: unknown, field: readonly string[]): boolean {
  let s = root;
  for (const name of field) {
    if (!isSchemaObject(s) || !Array.isArray(s.required) || !s.required.includes(name)) return false;
    const props = s.properties;
    if (!isSchemaObject(props) || !isSchemaObject(props[name])) return false;
    s = props[name];
  }
  return true;
}

/** The value at a path of property names, or undefined. */
function valueAt(record: unknown, field: readonly string[]): unknown {
  let v = record;
  for (const name of field) {
    if (typeof v !== "object" || v === null || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, name)) return undefined;
    v = (v as Record<string, unknown>)[name];
  }
  return v;
}
