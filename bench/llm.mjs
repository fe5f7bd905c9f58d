// Ollama enrichment throughput against the stand-in (test/support/ollama-standin.ts) answering
// after 50 ms: 1,000 records at 1, 3 and 8 workers beside the ideal (workers / latency), and how
// closely --max-rps is held. The stand-in runs in a child process so that its work does not share
// the event loop being measured.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { loadCore, int, pad, PROJECT_ROOT } from "./lib.mjs";

const RECORDS = 1_000;
const LATENCY_MS = 50;
const WORKERS = [1, 3, 8];
const RATE = { rps: 40, records: 200, workers: 8 };

const SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["id", "name", "bio", "price", "tags"],
  properties: {
    id: { type: "integer", minimum: 1, "x-unique": true },
    name: { type: "string", minLength: 3, maxLength: 40, "x-llm": true },
    bio: { type: "string", maxLength: 120, description: "llm: a one-sentence product description" },
    price: { type: "number", minimum: 1, maximum: 500 },
    tags: { type: "array", maxItems: 3, items: { type: "string", maxLength: 12 }, "x-llm": true },
  },
};

/** Starts the stand-in in a child process; resolves with its URL and a way to ask for its request log. */
async function startStandinProcess(latencyMs) {
  const child = spawn(process.execPath, ["--import", "tsx", resolve(PROJECT_ROOT, "bench/llm-standin.ts"), String(latencyMs)], {
    cwd: PROJECT_ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const pending = [];
  lines.on("line", (l) => pending.shift()?.(JSON.parse(l)));
  const next = () => new Promise((r) => pending.push(r));
  const { url } = await next();
  return {
    url,
    /** Arrival times (ms) of the chat requests since the last reset. */
    arrivals: async () => {
      child.stdin.write("arrivals\n");
      return (await next()).arrivals;
    },
    reset: async () => {
      child.stdin.write("reset\n");
      await next();
    },
    stop: async () => {
      child.stdin.end();
      await once(child, "exit");
    },
  };
}

export async function benchLlm({ out = console.log } = {}) {
  const core = loadCore();
  const loaded = core.loadSchemaText(JSON.stringify(SCHEMA), undefined);
  const gen = new core.Generator(loaded, { seed: 1 });
  const drafts = Array.from({ length: RECORDS }, (_, k) => gen.record(k + 1));
  const standin = await startStandinProcess(LATENCY_MS);
  const settings = (workers, maxRps) => ({
    mode: "fields",
    host: standin.url,
    model: "qwen2.5:latest",
    temperature: 0.2,
    seed: 1,
    workers,
    maxRps,
    timeoutMs: 10_000,
    validator: gen.validator,
  });
  const results = { throughput: [], rate: undefined };
  try {
    out(`LLM enrichment against the Ollama stand-in (${LATENCY_MS} ms per answer), ${int(RECORDS)} records, no cache`);
    out(`  ${"workers".padEnd(8)} ${pad("records/s", 10)} ${pad("ideal", 8)} ${pad("of ideal", 9)}  calls  fallbacks`);
    // Warm-up: connections, JIT.
    await core.enrichRecords(loaded, drafts.slice(0, 20), settings(4, 10_000));
    for (const workers of WORKERS) {
      const started = performance.now();
      const r = await core.enrichRecords(loaded, drafts, settings(workers, 10_000));
      const seconds = (performance.now() - started) / 1000;
      const rate = RECORDS / seconds;
      const ideal = workers / (LATENCY_MS / 1000);
      const share = rate / ideal;
      results.throughput.push({ workers, rate, ideal, share, calls: r.stats.llm_calls, fallbacks: r.stats.fallbacks });
      out(
        `  ${String(workers).padEnd(8)} ${pad(rate.toFixed(1), 10)} ${pad(ideal.toFixed(0), 8)} ${pad((100 * share).toFixed(1) + "%", 9)}  ${pad(r.stats.llm_calls, 5)}  ${pad(r.stats.fallbacks, 9)}${share >= 0.9 ? "" : "   (below the 90% target)"}`,
      );
    }

    await standin.reset();
    await core.enrichRecords(loaded, drafts.slice(0, RATE.records), settings(RATE.workers, RATE.rps));
    const arrivals = (await standin.arrivals()).sort((a, b) => a - b);
    const span = (arrivals[arrivals.length - 1] - arrivals[0]) / 1000;
    const measured = (arrivals.length - 1) / span;
    const error = measured / RATE.rps - 1;
    results.rate = { asked: RATE.rps, measured, error };
    out(
      `  --max-rps ${RATE.rps} with ${RATE.workers} workers: ${measured.toFixed(2)} requests/s over ${arrivals.length} requests (${error >= 0 ? "+" : ""}${(100 * error).toFixed(2)}%; ${Math.abs(error) <= 0.05 ? "within" : "outside"} 5%)`,
    );
  } finally {
    await standin.stop();
  }
  return results;
}
