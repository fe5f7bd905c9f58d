// `--kind boundary`: record i is valid record i with the items of its group (plan.ts) set in it: the
// first records as the packing made them; past the last group the groups repeat, and an item that
// does not fit that record is left out (the record stays valid). The schema's coverage of any dataset is read against the same
// items and the same reachability.
import type { Generator } from "../engine/generator";
import { unconditionalSites } from "../invalid/constraints";
import { ItemApplier } from "./apply";
import { CoverageCounter, type CoverageReport } from "./coverage";
import { boundaryItems, type BoundaryItem } from "./items";
import { planBoundary, type BoundaryPlan } from "./plan";

export class BoundaryRecords {
  readonly items: BoundaryItem[];
  private readonly applier: ItemApplier;
  private planned?: BoundaryPlan;

  constructor(readonly generator: Generator) {
    this.items = boundaryItems(generator.loaded, generator.validator);
    this.applier = new ItemApplier(generator, unconditionalSites(generator.loaded).schemasAt);
  }

  /** The groups and the unreachable items, decided on first use (it makes the first records). */
  get plan(): BoundaryPlan {
    if (!this.planned) {
      // The records the plan is tried on are no records of the run: its retries and repairs are not counted.
      const { retries, repairs } = this.generator.stats;
      this.planned = planBoundary(this.generator, this.items, this.applier);
      Object.assign(this.generator.stats, { retries, repairs });
    }
    return this.planned;
  }

  /** Record `index` (1-based) of kind boundary. */
  record(index: number): unknown {
    const { groups, records } = this.plan;
    // The first records are the ones the packing made (a copy: the caller may change it).
    if (index <= records.length) return JSON.parse(JSON.stringify(records[index - 1])) as unknown;
    const record = this.generator.record(index);
    if (groups.length === 0) return record;
    return this.applier.addAll(record, groups[(index - 1) % groups.length], index).record;
  }

  /** A counter of the dataset's hits, against these items and their reachability. */
  coverage(): CoverageCounter {
    return new CoverageCounter(this.items, this.plan.unreachable);
  }
}

const made = new WeakMap<Generator, BoundaryRecords>();

/** The boundary records of a generator, made once: boundary records and the coverage of a run share one plan. */
export function boundaryRecordsOf(generator: Generator): BoundaryRecords {
  let b = made.get(generator);
  if (!b) made.set(generator, (b = new BoundaryRecords(generator)));
  return b;
}

/** The coverage report of `records` (a dataset, in order) for the generator's schema. */
export function datasetCoverage(generator: Generator, records: Iterable<unknown>): CoverageReport {
  const counter = boundaryRecordsOf(generator).coverage();
  let i = 0;
  for (const r of records) counter.add(r, ++i);
  return counter.report();
}
