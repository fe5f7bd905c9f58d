// Runs test files with node's own test runner (TypeScript through tsx).
//   node scripts/test.mjs                 every *.test.ts under test/ (what `npm test` runs)
//   node scripts/test.mjs --unit          the in-process tier, test/unit/ (`npm run test:unit`)
//   node scripts/test.mjs <file|folder>…  the files given, and every *.test.ts in the folders given
// Real-client tests decide themselves whether to skip (locally) or fail (CI=true).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

function collect(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name === "node_modules" || name === "artifacts" || name === "fixtures") continue;
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

const args = process.argv.slice(2);
const unit = args.includes("--unit");
const only = args.filter((a) => a !== "--unit");
if (unit) only.push("test/unit");
const files = only.length ? only.flatMap((p) => (statSync(p).isDirectory() ? collect(p) : [p])) : collect("test");
// The unit tier also proves that it starts no program: see test/support/noChildProcesses.mjs.
const guard = unit ? ["--import", new URL("../test/support/noChildProcesses.mjs", import.meta.url).href] : [];
const result = spawnSync(process.execPath, ["--import", "tsx", ...guard, "--test", "--test-reporter=spec", ...files], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
