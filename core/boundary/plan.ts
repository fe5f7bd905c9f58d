// Which items boundary record i holds, decided once per (schema, options, seed): items are packed
// greedily, in list order, into record 1, 2, …: each record takes every item left whose place is
// not inside (or around) the place of an item it already holds, as long as the record stays valid
// and keeps hitting them all. The items of a record are tried together and split in halves where
// they do not fit, so that a schema of thousands of items needs a few checks per record, not one
// per item. An item that fails alone ALONE_TRIES times (each time with new values, in the record
// of that time) is out of reach, with the reason of its last failure.
import type { Generator } from "../engine/generator";
import { NO_VALUE, type ItemApplier } from "./apply";
import type { BoundaryItem } from "./items";

/** Times an item is tried alone (TRIES values each) before it is declared out of reach. */
const ALONE_TRIES = 4;
/** Items tried per record at most (a schema with thousands of items packs in a bounded time per record). */
const SCAN_BUDGET = 4_000;

export interface BoundaryPlan {
  /** groups[g]: the items record g + 1 holds (record i > groups.length holds group (i − 1) mod groups.length). */
  groups: BoundaryItem[][];
  /** records[g]: boundary record g + 1 as the packing made it. */
  records: unknown[];
  /** Item index → why no valid record holds it. */
  unreachable: Map<number, string>;
}

/** The places of one record's items: an item overlaps when its place is one of them, inside one or around one. */
class Places {
  private readonly taken = new Set<string>();
  private readonly around = new Set<string>();

  private static ancestors(template: string): string[] {
    const parts = template.split("/");
    return parts.map((_, k) => parts.slice(0, k + 1).join("/"));
  }

  overlaps(item: BoundaryItem): boolean {
    return this.around.has(item.template) || Places.ancestors(item.template).some((a) => this.taken.has(a));
  }

  add(item: BoundaryItem): void {
    this.taken.add(item.template);
    for (const a of Places.ancestors(item.template)) this.around.add(a);
  }
}

export function planBoundary(generator: Generator, items: readonly BoundaryItem[], applier: ItemApplier): BoundaryPlan {
  const unreachable = new Map<number, string>();
  const failures = new Map<BoundaryItem, number>();
  const reasons = new Map<BoundaryItem, string>();
  let remaining: BoundaryItem[] = [];
  for (const item of items) {
    if (item.unreachable !== undefined) unreachable.set(item.index, item.unreachable);
    else remaining.push(item);
  }
  const groups: BoundaryItem[][] = [];
  const records: unknown[] = [];
  while (remaining.length > 0) {
    const index = groups.length + 1;
    const base = generator.record(index);
    let record = base;
    const chosen: BoundaryItem[] = [];
    const tried = new Set<BoundaryItem>();
    const failedAlone = (item: BoundaryItem, reason: string) => {
      const n = (failures.get(item) ?? 0) + 1;
      failures.set(item, n);
      // A literal's later rounds have nothing to try: its first reason is the one that says why.
      if (reason !== NO_VALUE || !reasons.has(item)) reasons.set(item, reason);
      if (n >= ALONE_TRIES) unreachable.set(item.index, reasons.get(item)!);
    };
    const place = (part: BoundaryItem[]): void => {
      if (part.length > 1) {
        const together = applier.addTogether(record, chosen, part, index);
        if (together !== undefined) {
          record = together;
          chosen.push(...part);
          return;
        }
        const half = Math.ceil(part.length / 2);
        place(part.slice(0, half));
        place(part.slice(half));
        return;
      }
      const item = part[0];
      const round = failures.get(item) ?? 0;
      const made = applier.add(record, chosen, item, index, round);
      if ("record" in made) {
        record = made.record;
        chosen.push(item);
        return;
      }
      // It does not fit beside the others; does it fit this record alone?
      const alone = chosen.length === 0 ? made : applier.add(base, [], item, index, round);
      if (!("record" in alone)) failedAlone(item, alone.reason);
    };
    // Each pass takes the items left whose places overlap neither a chosen item's nor each other's.
    for (;;) {
      const places = new Places();
      for (const c of chosen) places.add(c);
      const batch: BoundaryItem[] = [];
      for (const item of remaining) {
        if (tried.size + batch.length >= SCAN_BUDGET) break;
        if (tried.has(item) || places.overlaps(item)) continue;
        batch.push(item);
        places.add(item);
      }
      if (batch.length === 0) break;
      for (const item of batch) tried.add(item);
      place(batch);
    }
    const placed = new Set(chosen);
    remaining = remaining.filter((x) => !placed.has(x) && !unreachable.has(x.index));
    // A record in which nothing fitted stays a valid record; its items are tried alone again, with
    // new values, in the next one.
    if (chosen.length > 0 || remaining.length > 0) {
      groups.push(chosen);
      records.push(record);
    }
  }
  // Records that hold nothing at the end are not needed.
  while (groups.length > 0 && groups[groups.length - 1].length === 0) {
    groups.pop();
    records.pop();
  }
  return { groups, records, unreachable };
}
