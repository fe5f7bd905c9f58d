import { loadSchemaFile } from "./core/schema";
import { Generator } from "./core/engine";
import { runManifest } from "./common/generationRun";
const loaded = loadSchemaFile("test/fixtures/sets/order.schema.json", {});
const g = new Generator(loaded, { seed: 1 });
const cov = process.argv[2] === "cov";
const m = runManifest({ createdAt: "x", schemaPath: "x", loaded, generator: g, seed: 1, referenceDate: "2026-01-01T00:00:00Z" });
let t = performance.now();
for (let i = 1; i <= 100000; i++) { const r = g.record(i); if (cov) m.coverage!.add(r, i); if (i % 20000 === 0) console.log(i, Math.round(process.memoryUsage().rss/1e6), Math.round(process.memoryUsage().heapUsed/1e6)); }
console.log("s", (performance.now() - t) / 1000, "maxRSS MB", process.resourceUsage().maxRSS / 1024);
