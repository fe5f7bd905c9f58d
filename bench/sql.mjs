// Section "sql" (issue 15): how fast `--format sql` text is made, beside dataset.jsonl's. Records are
// generated first (not timed), then the same records are turned into JSON Lines text
// (JSON.stringify + "\n") and into SQL through writeSql (CREATE TABLE, INSERTs of 500 rows) with a
// sink that only counts characters: the cost of the format alone, without the disk or the
// generator. Rounds alternate jsonl / sqlite / postgres so that each sees the same spells of a
// shared machine; a rate is all its rows over all its seconds. Benchmarks print; they do not assert.
import * as path from "node:path";
import { PROJECT_ROOT, int, loadCore, pad } from "./lib.mjs";

const COUNT = Number(process.env.SPECMINT_BENCH_SQL_COUNT ?? 100_000);
const ROUNDS = Number(process.env.SPECMINT_BENCH_SQL_ROUNDS ?? 3);
const EXAMPLES = ["user-profile", "healthcare-claim"];

export async function benchSql({ out = console.log } = {}) {
  const { loadSchemaFile, Generator, writeSql } = loadCore();
  out(`sql: ${int(COUNT)} records per example made once, then written as text ${ROUNDS} times per format (interleaved); rows/s`);
  const results = {};
  for (const example of EXAMPLES) {
    const loaded = loadSchemaFile(path.join(PROJECT_ROOT, "examples", `${example}.schema.json`));
    const generator = new Generator(loaded, { seed: 7, referenceDate: "2026-01-01T00:00:00Z" });
    const records = [];
    for (let i = 1; i <= COUNT; i++) records.push(generator.record(i));
    const seconds = { jsonl: 0, sqlite: 0, postgres: 0 };
    const chars = {};
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now();
      let n = 0;
      for (const rec of records) n += JSON.stringify(rec).length + 1;
      seconds.jsonl += (performance.now() - t) / 1000;
      chars.jsonl = n;
      for (const dialect of ["sqlite", "postgres"]) {
        let m = 0;
        t = performance.now();
        await writeSql(
          [{ name: example, loaded, foreignKeys: [], count: COUNT, record: (i) => records[i - 1] }],
          dialect,
          async (chunk) => {
            m += chunk.length;
          },
        );
        seconds[dialect] += (performance.now() - t) / 1000;
        chars[dialect] = m;
      }
    }
    const rate = (f) => (ROUNDS * COUNT) / seconds[f];
    results[example] = Object.fromEntries(Object.keys(seconds).map((f) => [f, { rowsPerSec: rate(f), chars: chars[f] }]));
    out(
      `  ${example.padEnd(18)} jsonl ${pad(int(rate("jsonl")), 9)} · sqlite ${pad(int(rate("sqlite")), 9)} (${(rate("jsonl") / rate("sqlite")).toFixed(1)}× slower) · postgres ${pad(int(rate("postgres")), 9)} (${(rate("jsonl") / rate("postgres")).toFixed(1)}×); text ${int(chars.jsonl)} / ${int(chars.sqlite)} / ${int(chars.postgres)} chars`,
    );
  }
  return results;
}
