// Which items boundary record i holds, decided once per (schema, options, seed): items are packed
// greedily, in list order, into record 1, 2, …: each record takes every item left whose place is
// not inside (or around) the place of an item it already holds, as long as the record stays valid
// and keeps hitting them all. An item that fails even alone in ALONE_TRIES records is out of reach,
// with the reason of its last failure.
import type { Generator } from "../engine/generator";
import type { ItemApplier } from "./apply";
import type { BoundaryItem } from "./items";

/** Records an item is tried alone in before it is declared out of reach. */
const ALONE_TRIES = 2;
/** Items tried per record at most (a schema with thousands of items packs in a bounded time per record). */
const SCAN_BUDGET = 400;

export interface BoundaryPlan {
  /** groups[g]: the items record g + 1 holds (record i > groups.length holds group (i − 1) mod groups.length). */
  groups: BoundaryItem[][];
  /** Item index → why no valid record holds it. */
  unreachable: Map<number, string>;
}

/** Whether two items set the same value, or one a value inside the other's. */
export function overlaps(a: BoundaryItem, b: BoundaryItem): boolean {
  return a.template === b.template || b.template.startsWith(a.template + "/") || a.template.startsWith(b.template + "/");
}

export function planBoundary(generator: Generator, items: readonly BoundaryItem[], applier: ItemApplier): BoundaryPlan {
  const unreachable = new Map<number, string>();
  const failures = new Map<BoundaryItem, number>();
  let remaining: BoundaryItem[] = [];
  for (const item of items) {
    if (item.unreachable !== undefined) unreachable.set(item.index, item.unreachable);
    else remaining.push(item);
  }
  const groups: BoundaryItem[][] = [];
  while (remaining.length > 0) {
    const index = groups.length + 1;
    let record = generator.record(index);
    const chosen: BoundaryItem[] = [];
    let tried = 0;
    for (const item of remaining) {
      if (chosen.some((c) => overlaps(c, item))) continue;
      if (tried++ >= SCAN_BUDGET) break;
      const made = applier.add(record, chosen, item, index);
      if ("record" in made) {
        record = made.record;
        chosen.push(item);
      } else if (chosen.length === 0) {
        // Failed alone in this record: out of reach after ALONE_TRIES records.
        const n = (failures.get(item) ?? 0) + 1;
        failures.set(item, n);
        if (n >= ALONE_TRIES) unreachable.set(item.index, made.reason);
      }
    }
    const placed = new Set(chosen);
    remaining = remaining.filter((x) => !placed.has(x) && !unreachable.has(x.index));
    // A record in which nothing fitted stays a valid record; its items are tried alone again in the next.
    if (chosen.length > 0 || remaining.length > 0) groups.push(chosen);
  }
  // Records that hold nothing at the end are not needed.
  while (groups.length > 0 && groups[groups.length - 1].length === 0) groups.pop();
  return { groups, unreachable };
}
