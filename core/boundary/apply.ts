// Putting boundary items into a valid record, one at a time, keeping it valid: an item's value is
// set at its place (made reachable as core/invalid does), the cross-field rules are repaired around
// the fields the items set, and the record is kept only when the engine's ajv accepts it, every
// rule holds and every item put in so far is still hit.
import { childKey, hashString, indexKey, recordKey, type Key } from "../base/rng";
import type { Generator } from "../engine/generator";
import { freshValues, reach } from "../engine/places";
import type { Schema } from "../schema/load";
import type { SiteStep } from "../schema/sites";
import { hits } from "./coverage";
import { ABSENT, TRIES, type BoundaryItem, type ItemValues } from "./items";

export type Applied = { record: unknown } | { reason: string };

/** Why an item failed when it had no (more) values to try: a later round of a literal item says only this. */
export const NO_VALUE = "no value for it could be made here";

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The object or array holding the value at `steps` (first element for `*`) and its key; undefined when a step is missing. */
function holderOf(record: unknown, steps: readonly SiteStep[]): { container: object; key: string | number } | undefined {
  let v = record;
  let found: { container: object; key: string | number } | undefined;
  for (const s of steps) {
    if (s.kind === "name") {
      if (!isObj(v)) return undefined;
      found = { container: v, key: s.name };
      v = v[s.name];
    } else {
      if (!Array.isArray(v)) return undefined;
      const at = s.kind === "index" ? s.index : 0;
      found = { container: v, key: at };
      v = (v as unknown[])[at];
    }
  }
  return found;
}

export class ItemApplier {
  constructor(
    readonly generator: Generator,
    private readonly schemasAt: ReadonlyMap<string, Schema[]>,
  ) {}

  /** The key boundary record `index`'s values come from. */
  baseKey(index: number): Key {
    return childKey(recordKey(this.generator.options.seed, index), hashString("$boundary"));
  }

  /**
   * `record` (valid, holding the items `held`) with `item` set as well, or why that fails. The
   * record passed in is not changed. `round` n tries the item's values n·TRIES … (n+1)·TRIES − 1
   * (a literal has only the first).
   */
  add(record: unknown, held: readonly BoundaryItem[], item: BoundaryItem, index: number, round = 0): Applied {
    const base = this.baseKey(index);
    let reason = NO_VALUE;
    for (let t = round * TRIES; t < (round + 1) * TRIES; t++) {
      const root = { value: clone(record) };
      const set = this.set(root, item, base, t);
      if (set === false) break;
      if (typeof set === "string") return { reason: set };
      const why = this.check(root.value, [...held, item], index, base);
      if (why === undefined) return { record: root.value };
      reason = why;
    }
    return { reason };
  }

  /**
   * `record` with all of `items` set: at once with each item's first value when that record is
   * valid and hits them all (one check instead of one per item), else one at a time with add(),
   * leaving out an item that does not fit. Returns the record and the items it holds.
   */
  addAll(record: unknown, items: readonly BoundaryItem[], index: number): { record: unknown; held: BoundaryItem[] } {
    const together = items.length > 1 ? this.addTogether(record, [], items, index) : undefined;
    if (together !== undefined) return { record: together, held: [...items] };
    const held: BoundaryItem[] = [];
    for (const item of items) {
      const made = this.add(record, held, item, index);
      if ("record" in made) {
        record = made.record;
        held.push(item);
      }
    }
    return { record, held };
  }

  /**
   * `record` (holding `held`) with every one of `items` set to its first value, checked once;
   * undefined when that record is not valid or misses one of them. `record` is not changed.
   */
  addTogether(record: unknown, held: readonly BoundaryItem[], items: readonly BoundaryItem[], index: number): unknown {
    const base = this.baseKey(index);
    const root = { value: clone(record) };
    if (!items.every((item) => this.set(root, item, base, 0) === true)) return undefined;
    return this.check(root.value, [...held, ...items], index, base) === undefined ? root.value : undefined;
  }

  /** Sets `item`'s value of try `t` in `root`: true when set, false when it has no value (more), else why its place cannot be reached. */
  private set(root: { value: unknown }, item: BoundaryItem, base: Key, t: number): boolean | string {
    const fresh = freshValues(this.generator, this.schemasAt, base, item.id);
    const schemas = this.schemasAt.get(item.template) ?? [];
    const last = item.steps[item.steps.length - 1];
    const name = last?.kind === "name" ? last.name : undefined;
    const itemKey = childKey(base, hashString(item.id));
    const values: ItemValues = {
      of: (extra, k) => this.generator.valueFor(extra === undefined ? schemas : [...schemas, extra], indexKey(itemKey, k), name),
    };
    if (item.hitSteps !== item.steps) {
      // An optional property: set or removed in the object that holds it.
      const parent = reach(root, item.hitSteps, fresh);
      if (!parent || !isObj(parent.value)) return "a value of another type is on the way to it";
      const holder = parent.value;
      const current = Object.prototype.hasOwnProperty.call(holder, name!) ? holder[name!] : undefined;
      const v = item.make(current, values, t);
      if (v === undefined) return false;
      if (v === ABSENT) delete holder[name!];
      else holder[name!] = v;
      return true;
    }
    const place = reach(root, item.steps, fresh);
    if (!place) return "a value of another type is on the way to it";
    const v = item.make(place.value, values, t);
    if (v === undefined) return false;
    // An element taking a value another element of its array has: the two swap, so that the array
    // keeps its elements (and uniqueItems holds) with the item's value where the item wants it.
    if (Array.isArray(place.container)) {
      const text = JSON.stringify(v);
      const other = place.container.findIndex((x, j) => j !== place.key && JSON.stringify(x) === text);
      if (other >= 0) place.container[other] = place.value;
    }
    place.set(v);
    return true;
  }

  /** Why `record` cannot hold `items` (undefined when it can), after repairing its rules around them. */
  private check(record: unknown, items: readonly BoundaryItem[], index: number, base: Key): string | undefined {
    // x-unique values are the record index's own, as generation assigns them (an element an item
    // added gets the value of its position); they and the items' values are what rule repairs keep.
    const frozen = new Map<object, Set<string | number>>();
    const exhausted = this.generator.unique?.apply(record, index, frozen);
    if (exhausted) return `x-unique at ${exhausted.path} has no value left for record ${index}`;
    const rules = this.generator.rules;
    if (rules && rules.failing(record).length > 0) {
      for (const item of items) {
        const h = holderOf(record, item.steps);
        if (!h) continue;
        let keys = frozen.get(h.container);
        if (!keys) frozen.set(h.container, (keys = new Set()));
        keys.add(h.key);
      }
      this.generator.repairRules(record, indexKey(base, index), (c, k) => frozen.get(c)?.has(k) ?? false);
      const failing = rules.failing(record);
      if (failing.length > 0) return `it breaks the cross-field rule "${failing[0].rule}" (${failing[0].message})`;
    }
    const issues = this.generator.check(record);
    if (issues.length > 0) {
      const i = issues[0];
      return `no valid record holds it: ${i.message} at ${i.pointer || "/"} (schema ${i.schemaPointer})`;
    }
    const lost = items.find((x) => !hits(record, x));
    if (lost)
      return lost === items[items.length - 1] ? "the value made for it does not sit on the edge" : "it undoes another item of the record";
    return undefined;
  }
}
