// Section "memory": peak RSS, time and throughput of the built CLI writing 100,000 records to disk.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BENCH_DIR, PROJECT_ROOT, benchSchema, int, mb } from "./lib.mjs";

export const MEMORY_DEFAULTS = { count: 100_000, seed: 1 };
const GNU_TIME = "/usr/bin/time";

/** Whether /usr/bin/time is GNU time (understands -v and -o). */
function hasGnuTime() {
  if (process.env.SPECMINT_BENCH_NO_TIME) return false; // force the sampler (to test it)
  if (!existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ["-v", "-o", "/dev/null", process.execPath, "-e", ""], { stdio: "ignore" });
  return probe.status === 0;
}

function run(cmd, args, { cwd, env }) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolveRun({ code, signal, stderr }));
  });
}

/**
 * Runs `node dist/cli.js generate …` and measures its peak RSS: with GNU time -v when present,
 * otherwise with bench/rss-sampler.mjs preloaded (a 20 ms sampler, so it may miss short spikes).
 */
export async function measureCli(schemaPath, { count, seed }) {
  const work = mkdtempSync(join(tmpdir(), "specmint-bench-"));
  try {
    const outDir = join(work, "out");
    const cliArgs = [
      resolve(PROJECT_ROOT, "dist/cli.js"),
      "generate",
      "--schema",
      schemaPath,
      "--count",
      String(count),
      "--seed",
      String(seed),
      "--out",
      outDir,
    ];
    const timeFile = join(work, "time.txt");
    const rssFile = join(work, "rss.txt");
    const useTime = hasGnuTime();
    const [cmd, args] = useTime
      ? [GNU_TIME, ["-v", "-o", timeFile, process.execPath, ...cliArgs]]
      : [process.execPath, ["--import", resolve(BENCH_DIR, "rss-sampler.mjs"), ...cliArgs]];
    // cwd = the temp folder, so no specmint.toml of the project or of the caller is picked up.
    const env = { ...process.env, SPECMINT_BENCH_RSS_FILE: rssFile };
    for (const k of ["SPECMINT_COUNT", "SPECMINT_SEED", "SPECMINT_OUT"]) delete env[k];
    const t0 = performance.now();
    const res = await run(cmd, args, { cwd: work, env });
    const seconds = (performance.now() - t0) / 1000;
    if (res.code !== 0) {
      throw new Error(`specmint generate exited with ${res.signal ?? res.code}: ${res.stderr.trim().split("\n").slice(-5).join(" | ")}`);
    }
    let peakRss;
    if (useTime) {
      const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(readFileSync(timeFile, "utf8"));
      if (!m) throw new Error(`no "Maximum resident set size" in ${GNU_TIME} -v output`);
      peakRss = Number(m[1]) * 1024;
    } else {
      peakRss = Number(readFileSync(rssFile, "utf8"));
    }
    const written = existsSync(join(outDir, "dataset.jsonl"));
    if (!written) throw new Error(`the CLI exited 0 but ${join(outDir, "dataset.jsonl")} is missing`);
    return { peakRss, seconds, recPerSec: count / seconds, method: useTime ? "/usr/bin/time -v" : "rss sampler (20 ms)" };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function benchMemory({ out = console.log, ...overrides } = {}) {
  const opts = { ...MEMORY_DEFAULTS, ...overrides };
  out(`write ${int(opts.count)} records to disk (CLI)`);
  const schemaPath = benchSchema(undefined, out);
  if (!schemaPath) return { skipped: true };
  const r = await measureCli(schemaPath, opts);
  out(`  peak RSS ${mb(r.peakRss)} MB (target < 150 MB), ${r.seconds.toFixed(1)} s, ${int(r.recPerSec)} rec/s   [${r.method}]`);
  return r;
}
