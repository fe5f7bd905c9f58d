// Preload for peak-RSS measurement when /usr/bin/time is not available:
//   SPECMINT_BENCH_RSS_FILE=/tmp/x node --import ./bench/rss-sampler.mjs dist/cli.js …
// Samples process.memoryUsage().rss every 20 ms and writes the maximum (bytes) to the file on exit.
import { writeFileSync } from "node:fs";

const file = process.env.SPECMINT_BENCH_RSS_FILE;
if (file) {
  let max = process.memoryUsage().rss;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    if (rss > max) max = rss;
  };
  setInterval(sample, 20).unref();
  process.on("exit", () => {
    sample();
    writeFileSync(file, String(max));
  });
}
