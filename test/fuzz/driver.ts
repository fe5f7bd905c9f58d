// The loop every fuzz file shares: fast-check draws `runs` inputs with the seed of config.ts, runs
// them `parallel` at a time, and fails at the first failure of a class that is not known (then
// fast-check shrinks the batch to a small input and the message shows it). An input whose shape is
// that of a known class (config.ts KNOWN) is not run (unless SPECMINT_FUZZ_RUN_KNOWN=1, `npm run
// fuzz -- --run-known`): it would only spend the time budget on a failure somebody is already fixing.
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { knownClassOf, note, RUN_KNOWN, SEED, SURVEY, summary, type Failure, type InputShape } from "./config";

export interface TierStats {
  ran: number;
  skippedKnown: Map<string, number>;
  failures: number;
  slowestMs: number;
}

export async function fuzzTier<T>(options: {
  tier: string;
  arbitrary: fc.Arbitrary<T>;
  runs: number;
  parallel: number;
  shape: (input: T) => InputShape;
  run: (input: T) => Promise<{ failure?: Failure; ms: number }>;
  /** How the failing input is shown (it may be large). */
  show?: (input: T) => string;
}): Promise<TierStats> {
  const stats: TierStats = { ran: 0, skippedKnown: new Map(), failures: 0, slowestMs: 0 };
  if (options.runs === 0) return stats;
  const batches = Math.ceil(options.runs / options.parallel);
  const show = options.show ?? ((x: T) => JSON.stringify(x).slice(0, 3000));
  await fc.assert(
    fc.asyncProperty(fc.array(options.arbitrary, { minLength: options.parallel, maxLength: options.parallel }), async (batch) => {
      const results = await Promise.all(
        batch.map(async (input) => {
          const shape = options.shape(input);
          const known = knownClassOf(shape);
          if (known && !RUN_KNOWN) {
            stats.skippedKnown.set(known.name, (stats.skippedKnown.get(known.name) ?? 0) + 1);
            return undefined;
          }
          const r = await options.run(input);
          stats.ran++;
          stats.slowestMs = Math.max(stats.slowestMs, r.ms);
          return r.failure ? { input, shape, failure: r.failure } : undefined;
        }),
      );
      for (const r of results) {
        if (!r) continue;
        stats.failures++;
        // The whole failing input (the messages cut it), to replay it: SPECMINT_FUZZ_DUMP=folder.
        if (process.env.SPECMINT_FUZZ_DUMP)
          fs.writeFileSync(path.join(process.env.SPECMINT_FUZZ_DUMP, `${options.tier}-${stats.failures}.json`), JSON.stringify(r.input));
        if (note(options.tier, { klass: r.failure.klass, detail: `${r.failure.detail.slice(0, 2000)}\ninput: ${show(r.input)}` }, r.shape))
          continue;
        throw new Error(`${options.tier}: ${r.failure.klass}\n${r.failure.detail.slice(0, 3000)}\ninput: ${show(r.input)}`);
      }
    }),
    {
      seed: SEED,
      numRuns: batches,
      endOnFailure: SURVEY,
      // The failure and the shrunk input, cut to a readable size (a counterexample may be megabytes).
      reporter: (run) => {
        if (!run.failed) return;
        const cause = run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance);
        throw new Error(
          `${options.tier}: failed after ${run.numRuns} batches (seed ${run.seed}, path "${run.counterexamplePath}", shrunk ${run.numShrinks} times):\n${cause}`,
        );
      },
    },
  );
  const skipped = [...stats.skippedKnown].map(([k, n]) => `${n} ${k}`).join(", ");
  console.log(
    `fuzz ${options.tier} (seed ${SEED}): ran ${stats.ran}, slowest ${stats.slowestMs} ms; not run, of a known class: ${skipped || "none"}`,
  );
  if (SURVEY || stats.failures) console.log(`${options.tier} (seed ${SEED}):\n${summary()}`);
  return stats;
}
