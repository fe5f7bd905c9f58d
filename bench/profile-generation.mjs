// Profiling driver (not part of `npm run bench`): generates records from dist/core.js so that
// `node --cpu-prof` sees only the engine. Then summarize with bench/cpuprofile-top.mjs:
//   node --cpu-prof --cpu-prof-dir=/tmp/specmint-prof bench/profile-generation.mjs [count] [schema]
//   node bench/cpuprofile-top.mjs /tmp/specmint-prof/*.cpuprofile
import { benchSchema, int, loadCore, MEDIUM50 } from "./lib.mjs";

const count = Number(process.argv[2] ?? 10_000);
const schemaPath = benchSchema(process.argv[3] ?? MEDIUM50);
if (schemaPath) {
  const { loadSchemaFile, Generator } = loadCore();
  const gen = new Generator(loadSchemaFile(schemaPath), { seed: 1 });
  const t0 = performance.now();
  for (let i = 1; i <= count; i++) gen.record(i);
  const ms = performance.now() - t0;
  console.log(
    `${int(count)} records in ${(ms / 1000).toFixed(2)} s: ${int((count * 1000) / ms)} rec/s (retried records: ${gen.stats.retries})`,
  );
}
