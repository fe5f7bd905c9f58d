// Which parent record a reference points at (an x-ref that is not the child's `per` parent). Each
// choice has its own stream, keyed by (set seed, child entity, child record index, the reference's
// path, the array element), so record j's references are the same however the records are made.
//
//   uniform   every parent record equally likely: p uniform in 1..N
//   skewed    a few parents get many references: a rank r in 1..N drawn log-uniformly,
//             r = ⌊(N+1)^u⌋ for u uniform in [0, 1), so P(r) = log((r+1)/r) / log(N+1) — the top
//             rank gets log 2 / log(N+1) of the references (10% of N = 1,000), the top 1% of ranks
//             about a third — and ranks are spread over the parents by a keyed permutation, so the
//             popular parents are not simply the first records.
import { Rng, childKey, hashString, indexKey, recordKey, type Key } from "../base/rng";
import { Permutation } from "../generate/permutation";
import type { RefDistribution } from "./references";

/** The stream of a reference: (set seed, child, child record j, reference path, array element). */
export function pickKey(setSeed: number, child: string, j: number, path: string, element: number): Key {
  return indexKey(childKey(childKey(recordKey(setSeed, j), hashString(`$ref/${child}`)), hashString(path)), element);
}

export class ParentPicker {
  private readonly rng = new Rng({ hi: 0, lo: 1 });
  private readonly ranks?: Permutation;

  constructor(
    private readonly setSeed: number,
    private readonly child: string,
    private readonly path: string,
    readonly distribution: RefDistribution,
    /** Records of the referenced entity (at least 1). */
    readonly parents: number,
  ) {
    if (distribution === "skewed" && parents > 1)
      this.ranks = new Permutation(BigInt(parents), childKey(recordKey(setSeed, 0), hashString(`$skew/${child}/${path}`)));
  }

  /** The parent (1-based) that element `element` of child record `j` references; `attempt` > 0 draws again (another stream). */
  pick(j: number, element: number, attempt = 0): number {
    const key = pickKey(this.setSeed, this.child, j, this.path, element);
    const rng = this.rng.reset(attempt === 0 ? key : indexKey(key, 0x7e00 + attempt));
    const n = this.parents;
    if (!this.ranks) return rng.int(1, n);
    const rank = Math.min(n, Math.max(1, Math.floor(Math.pow(n + 1, rng.float()))));
    return 1 + Number(this.ranks.apply(BigInt(rank - 1)));
  }
}
