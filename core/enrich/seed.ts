// The `options.seed` of record i's chat request (docs/determinism.md): a pure function of the run's
// seed and i, so that a record asks the model the same way whatever else the run does.
import { mix32, recordKey } from "../base/rng";

/** A seed in [0, 2^31): llama.cpp takes 32-bit seeds, and some clients read them as signed. */
export function llmSeed(seed: number, index: number): number {
  const key = recordKey(seed, index);
  return mix32(key.hi, key.lo ^ 0x11a05eed) >>> 1;
}
