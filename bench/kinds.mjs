// Section "kinds" (issue 14): throughput of invalid and boundary records beside valid ones, end to
// end — the real CLI (`node bin/specmint.js generate --kind K --count N --format jsonl --out …`,
// process start to exit, dataset.jsonl and manifest.json written) — on medium50 and the example
// schemas. jsonl alone: writing one record_NNNN.json file per record costs the same for every kind
// and, on this machine's file system, more than making the records (5,000 files: ~4 s of system
// time), which would hide the difference between the kinds. The kinds run interleaved, round after round (the order rotating), so that all
// of them see the same spells of a shared machine; a kind's rate is all its records over all its
// seconds. Target: invalid and boundary within 2× of valid. Benchmarks print; they do not assert.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MEDIUM50, PROJECT_ROOT, int, pad, padEnd } from "./lib.mjs";

const CLI = path.join(PROJECT_ROOT, "bin", "specmint.js");
const KINDS = ["valid", "invalid", "boundary"];
const COUNT = Number(process.env.SPECMINT_BENCH_KINDS_COUNT ?? 5_000);
const ROUNDS = Number(process.env.SPECMINT_BENCH_KINDS_ROUNDS ?? 3);
const SCHEMAS = [
  ["medium50", MEDIUM50],
  ["healthcare-claim", path.join(PROJECT_ROOT, "examples", "healthcare-claim.schema.json")],
  ["user-profile", path.join(PROJECT_ROOT, "examples", "user-profile.schema.json")],
];

/** One CLI run; seconds of wall time, or the CLI's first stderr line when it failed. */
function runCli(schema, kind, out) {
  const args = [
    CLI,
    "generate",
    "--schema",
    schema,
    "--kind",
    kind,
    "--count",
    String(COUNT),
    "--seed",
    "7",
    "--format",
    "jsonl",
    "--out",
    out,
    "--force",
  ];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  fs.rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) return { error: `exit ${r.status}: ${(r.stderr || "").trim().split("\n")[0]}` };
  return { seconds };
}

export async function benchKinds({ out = console.log } = {}) {
  out(
    `kinds, CLI end to end (process start to exit, dataset.jsonl and manifest.json written), ${int(COUNT)} records per run, ${ROUNDS} rounds of ${KINDS.join(" / ")} interleaved; rate = records / wall seconds`,
  );
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-bench-kinds-"));
  const results = {};
  try {
    for (const [name, schema] of SCHEMAS) {
      if (!fs.existsSync(schema)) {
        out(`  ${name}: skipped, ${schema} not found`);
        continue;
      }
      const seconds = Object.fromEntries(KINDS.map((k) => [k, []]));
      const errors = {};
      for (let r = 0; r < ROUNDS; r++) {
        for (let j = 0; j < KINDS.length; j++) {
          const kind = KINDS[(j + r) % KINDS.length];
          if (errors[kind]) continue;
          const res = runCli(schema, kind, path.join(tmp, `${name}-${kind}`));
          if (res.error) errors[kind] = res.error;
          else seconds[kind].push(res.seconds);
        }
      }
      const rate = (k) => (seconds[k].length ? (seconds[k].length * COUNT) / seconds[k].reduce((a, b) => a + b, 0) : undefined);
      const valid = rate("valid");
      results[name] = {};
      for (const kind of KINDS) {
        const rps = rate(kind);
        results[name][kind] = rps ? { recPerSec: rps, seconds: seconds[kind] } : { error: errors[kind] };
        if (!rps) {
          out(`  ${padEnd(name, 17)} ${padEnd(kind, 8)} not measured: ${errors[kind]}`);
          continue;
        }
        const ratio = kind === "valid" || !valid ? "" : `   valid/${kind} ${(valid / rps).toFixed(2)}× (target ≤ 2×)`;
        const runs = seconds[kind].map((s) => s.toFixed(2)).join(" / ");
        out(`  ${padEnd(name, 17)} ${padEnd(kind, 8)} ${pad(int(rps), 7)} rec/s   runs ${runs} s${ratio}`);
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return results;
}
