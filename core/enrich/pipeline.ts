// Records in index order for a writer, with the model working ahead: while record i is written,
// records up to i + lookahead are already generated and waiting for (or in) their requests. The
// window bounds memory and how far generation runs ahead of a slow model.
import type { Enricher } from "./enrich";

const noop = () => {};

export class EnrichedRecords {
  private readonly pending = new Map<number, Promise<unknown>>();
  private next = 1;

  constructor(
    private readonly draft: (index: number) => unknown,
    private readonly enricher: Enricher,
    private readonly count: number,
    private readonly lookahead: number,
    private readonly signal?: AbortSignal,
  ) {}

  /** Record `index`; indices must be asked for in order 1, 2, 3, … */
  get(index: number): Promise<unknown> {
    const end = Math.min(this.count, index + this.lookahead);
    while (this.next <= end) {
      const i = this.next++;
      let p: Promise<unknown>;
      try {
        p = this.enricher.enrich(i, this.draft(i), this.signal);
      } catch (e) {
        // An unsatisfiable record fails when its turn comes, as it does without a model.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what enrich threw, unchanged, as a rethrow would
        p = Promise.reject(e);
      }
      // Settled results wait in the window; an early rejection must not count as unhandled.
      p.catch(noop);
      this.pending.set(i, p);
    }
    const p = this.pending.get(index);
    if (!p) return Promise.reject(new RangeError(`record ${index} was asked for out of order`));
    this.pending.delete(index);
    return p;
  }
}
