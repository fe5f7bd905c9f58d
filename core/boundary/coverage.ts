// Which boundary items a dataset hits, from its records alone: any dataset (generated valid,
// boundary, or made by hand) is read record by record, and an item is covered by the first record
// with a value at its place that sits on its edge (a wildcard place: any element).
import type { SiteStep } from "../schema/sites";
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

/** The values at `steps` in a record (every element for `*`), appended to `out`; lighter than siteInstances, which also builds pointers. */
function valuesAt(v: unknown, steps: readonly SiteStep[], k: number, out: unknown[]): void {
  if (k === steps.length) {
    out.push(v);
    return;
  }
  if (typeof v !== "object" || v === null) return;
  const s = steps[k];
  if (s.kind === "name") {
    if (!Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, s.name))
      valuesAt((v as Record<string, unknown>)[s.name], steps, k + 1, out);
  } else if (Array.isArray(v)) {
    if (s.kind === "index") {
      if (s.index < v.length) valuesAt(v[s.index], steps, k + 1, out);
    } else for (const x of v) valuesAt(x, steps, k + 1, out);
  }
}

/** Whether `record` hits `item` somewhere. */
export function hits(record: unknown, item: BoundaryItem): boolean {
  const values: unknown[] = [];
  valuesAt(record, item.hitSteps, 0, values);
  return values.some((v) => item.hit(v));
}

/** Reads records one at a time and remembers the first record that hits each item. */
export class CoverageCounter {
  private readonly first: (number | undefined)[];
  /** Items by the place they are seen at: the values there are found once per record. */
  private readonly byPlace = new Map<string, { items: BoundaryItem[]; open: number }>();
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
      let place = this.byPlace.get(key);
      if (!place) this.byPlace.set(key, (place = { items: [], open: 0 }));
      place.items.push(item);
      place.open++;
    }
  }

  /** Record `index` (1-based) of the dataset. */
  add(record: unknown, index: number): void {
    this.records = Math.max(this.records, index);
    if (this.open === 0) return;
    const values: unknown[] = [];
    for (const place of this.byPlace.values()) {
      if (place.open === 0) continue;
      values.length = 0;
      valuesAt(record, place.items[0].hitSteps, 0, values);
      if (values.length === 0) continue;
      for (const item of place.items) {
        if (this.first[item.index] !== undefined) continue;
        for (const v of values)
          if (item.hit(v)) {
            this.first[item.index] = index;
            this.open--;
            place.open--;
            break;
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
