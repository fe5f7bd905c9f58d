// Which boundary items a dataset hits, from its records alone: any dataset (generated valid,
// boundary, or made by hand) is read record by record, and an item is covered by the first record
// with a value at its place that sits on its edge (a wildcard place: any element).
import { siteInstances } from "../schema/sites";
import type { BoundaryItem } from "./items";

export type CoverageStatus = "covered" | "missed" | "unreachable";

/** One line of the coverage report: a schema location, keyword and edge, and whether the dataset hit it. */
export interface CoverageEntry {
  /** Instance template of the value (`/lines/*\/price`). */
  instance: string;
  /** JSON pointer of the schema object in its resource. */
  schema: string;
  keyword: string;
  edge: string;
  status: CoverageStatus;
  /** The first record (1-based) that hits it. */
  record?: number;
  /** Why no valid record can hit it (unreachable items). */
  reason?: string;
}

/** The counts the manifest holds. */
export interface CoverageCounts {
  items: number;
  reachable: number;
  covered: number;
  /** covered / reachable in percent, two decimals (100 when nothing is reachable). */
  percent: number;
  /** Records read. */
  records: number;
  /** The fewest first records that cover everything the dataset covers (the last first hit). */
  records_needed: number;
}

export interface CoverageReport extends CoverageCounts {
  entries: CoverageEntry[];
}

/** Whether `record` hits `item` somewhere. */
export function hits(record: unknown, item: BoundaryItem): boolean {
  return siteInstances(record, item.hitSteps).some((x) => item.hit(x.value));
}

/** Reads records one at a time and remembers the first record that hits each item. */
export class CoverageCounter {
  private readonly first: (number | undefined)[];
  /** Items by the place they are seen at: the values there are found once per record. */
  private readonly byPlace = new Map<string, BoundaryItem[]>();
  private open: number;
  records = 0;

  constructor(
    readonly items: readonly BoundaryItem[],
    private readonly unreachable: ReadonlyMap<number, string>,
  ) {
    this.first = new Array<number | undefined>(items.length);
    this.open = items.length;
    for (const item of items) {
      const key = JSON.stringify(item.hitSteps);
      let list = this.byPlace.get(key);
      if (!list) this.byPlace.set(key, (list = []));
      list.push(item);
    }
  }

  /** Record `index` (1-based) of the dataset. */
  add(record: unknown, index: number): void {
    this.records = Math.max(this.records, index);
    if (this.open === 0) return;
    for (const list of this.byPlace.values()) {
      if (list.every((item) => this.first[item.index] !== undefined)) continue;
      const values = siteInstances(record, list[0].hitSteps).map((x) => x.value);
      if (values.length === 0) continue;
      for (const item of list) {
        if (this.first[item.index] !== undefined) continue;
        if (values.some((v) => item.hit(v))) {
          this.first[item.index] = index;
          this.open--;
        }
      }
    }
  }

  report(): CoverageReport {
    const entries: CoverageEntry[] = this.items.map((item) => {
      const reason = this.unreachable.get(item.index);
      const record = this.first[item.index];
      return {
        instance: item.template,
        schema: item.schema,
        keyword: item.keyword,
        edge: item.edge,
        status: reason !== undefined ? "unreachable" : record !== undefined ? "covered" : "missed",
        ...(record !== undefined ? { record } : {}),
        ...(reason !== undefined ? { reason } : {}),
      };
    });
    const reachable = entries.filter((e) => e.status !== "unreachable");
    const covered = reachable.filter((e) => e.status === "covered");
    return {
      items: entries.length,
      reachable: reachable.length,
      covered: covered.length,
      percent: reachable.length === 0 ? 100 : Math.floor((10_000 * covered.length) / reachable.length) / 100,
      records: this.records,
      records_needed: covered.reduce((n, e) => Math.max(n, e.record!), 0),
      entries,
    };
  }

  counts(): CoverageCounts {
    const { entries: _entries, ...counts } = this.report();
    return counts;
  }
}
