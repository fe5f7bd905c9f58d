// Children per parent (`per = { parent, min, max }`): parent record p (1-based) has c_p children,
// c_p drawn uniformly from [min, max] on a stream keyed by (set seed, child entity, p); the children
// are numbered parent by parent (the first c_1 child records belong to parent 1, the next c_2 to
// parent 2, …). Only the prefix sums are kept — one number per parent, never one per child — and
// child j finds its parent by binary search, so any child record can be made alone.
import { Rng, childKey, hashString, recordKey } from "../base/rng";
import type { PerParent } from "./setFile";

/** The stream of parent `p`'s child count: (set seed, child entity name, p). */
export function childCountKey(setSeed: number, child: string, p: number) {
  return childKey(recordKey(setSeed, p), hashString(`$per/${child}`));
}

export class ChildrenOfParents {
  /** prefix[p] = children of parents 1..p (prefix[0] = 0); exact in a double up to 2^53. */
  private readonly prefix: Float64Array;

  constructor(
    setSeed: number,
    child: string,
    readonly parents: number,
    per: Pick<PerParent, "min" | "max">,
  ) {
    this.prefix = new Float64Array(parents + 1);
    const rng = new Rng(childCountKey(setSeed, child, 1));
    let sum = 0;
    for (let p = 1; p <= parents; p++) {
      sum += per.min === per.max ? per.min : rng.reset(childCountKey(setSeed, child, p)).int(per.min, per.max);
      this.prefix[p] = sum;
    }
  }

  /** All children, over all parents. */
  get total(): number {
    return this.prefix[this.parents];
  }

  /** Children of parent `p` (1-based). */
  childCount(p: number): number {
    if (!Number.isInteger(p) || p < 1 || p > this.parents) throw new RangeError(`parent ${p} is outside 1..${this.parents}`);
    return this.prefix[p] - this.prefix[p - 1];
  }

  /** Index of parent `p`'s first child (meaningful when it has any). */
  firstChild(p: number): number {
    return this.prefix[p - 1] + 1;
  }

  /** The parent child record `j` (1-based) belongs to: the p with prefix[p-1] < j ≤ prefix[p]. */
  parentOf(j: number): number {
    if (!Number.isInteger(j) || j < 1 || j > this.total) throw new RangeError(`child ${j} is outside 1..${this.total}`);
    let lo = 1;
    let hi = this.parents;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.prefix[mid] >= j) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
