// Longer runs of the fuzz tests of test/fuzz (issue 12), with a seed of their own:
//   npm run fuzz -- --runs 10000 [--seed S] [--survey] [--run-known] [--report FILE]
// --runs N is split between the tiers: 40% engine (random schemas), 15% rules, 15% server service
// layer, 5% of the CLI's share as documents typed into a real server, and 25% CLI runs (and 20% on
// top for the dataset tier). The seed is printed first: a failure is replayed
// with the same --seed and --runs. --survey goes on after failures and lists every class found
// (and writes each failing case to --report, default fuzz-report.jsonl in the temporary folder);
// --run-known also runs the inputs of the known classes of test/fuzz/config.ts (to see a fix land).
import { spawnSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";

const args = process.argv.slice(2);
function option(name, fallback) {
  const k = args.indexOf(name);
  if (k < 0) return fallback;
  const v = args[k + 1];
  if (v === undefined || v.startsWith("--")) {
    console.error(`fuzz: ${name} needs a value`);
    process.exit(64);
  }
  return v;
}
const runs = Number(option("--runs", "2000"));
const seed = Number(option("--seed", String(Date.now() % 2 ** 31)));
if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(seed) || seed < 0) {
  console.error("usage: npm run fuzz -- --runs N [--seed S] [--survey] [--run-known] [--report FILE]");
  process.exit(64);
}
const survey = args.includes("--survey");
const report = option("--report", path.join(os.tmpdir(), "fuzz-report.jsonl"));
const cli = Math.round(runs * 0.25);
const env = {
  ...process.env,
  SPECMINT_FUZZ_SEED: String(seed),
  SPECMINT_FUZZ_ENGINE: String(Math.round(runs * 0.4)),
  SPECMINT_FUZZ_RULES: String(Math.round(runs * 0.15)),
  SPECMINT_FUZZ_DATASET: String(Math.round(runs * 0.2)),
  SPECMINT_FUZZ_SERVER: String(Math.round(runs * 0.15)),
  SPECMINT_FUZZ_LSP: String(Math.max(1, Math.round(cli * 0.05))),
  SPECMINT_FUZZ_CLI: String(cli),
  SPECMINT_FUZZ_SURVEY: survey ? "1" : "",
  SPECMINT_FUZZ_RUN_KNOWN: args.includes("--run-known") ? "1" : "",
  SPECMINT_FUZZ_REPORT: report,
};
console.log(
  `fuzz: seed ${seed}, ${runs} runs: engine ${env.SPECMINT_FUZZ_ENGINE} datasets ${env.SPECMINT_FUZZ_DATASET}, rules ${env.SPECMINT_FUZZ_RULES}, ` +
    `server ${env.SPECMINT_FUZZ_SERVER}, real server ${env.SPECMINT_FUZZ_LSP}, CLI ${env.SPECMINT_FUZZ_CLI}; failing cases in ${report}`,
);
const started = Date.now();
const build = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync(process.execPath, ["scripts/test.mjs", "test/fuzz"], { stdio: "inherit", env });
console.log(
  `fuzz: ${r.status === 0 ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${seed}, --runs ${runs})`,
);
process.exit(r.status ?? 1);
