// Top self-time functions of a V8 .cpuprofile, with bundle positions mapped back to the
// TypeScript sources through the bundle's source map when there is one.
//   node bench/cpuprofile-top.mjs FILE.cpuprofile [N]
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, relative, resolve } from "node:path";
import { PROJECT_ROOT } from "./lib.mjs";

const maps = new Map();
function sourceMapFor(url) {
  if (!url.startsWith("file://")) return undefined;
  if (maps.has(url)) return maps.get(url);
  let map;
  const file = fileURLToPath(url);
  if (existsSync(`${file}.map`)) {
    try {
      map = { sm: new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8"))), dir: dirname(file) };
    } catch {
      map = undefined;
    }
  }
  maps.set(url, map);
  return map;
}

function where(cf) {
  if (!cf.url) return /^validate\d+$/.test(cf.functionName) ? "(ajv-compiled validator)" : "(native / VM)";
  const map = sourceMapFor(cf.url);
  if (map) {
    const e = map.sm.findEntry(cf.lineNumber, cf.columnNumber);
    if (e && e.originalSource) {
      const src = resolve(map.dir, e.originalSource.replace(/^file:\/\//, ""));
      return `${relative(PROJECT_ROOT, src)}:${e.originalLine + 1}`;
    }
  }
  const file = cf.url.startsWith("file://") ? relative(PROJECT_ROOT, fileURLToPath(cf.url)) : cf.url;
  return `${file}:${cf.lineNumber + 1}`;
}

export function topSelfTime(profile, n = 10) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  for (let k = 0; k < profile.samples.length; k++) {
    const id = profile.samples[k];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const agg = new Map();
  for (const [id, us] of selfUs) {
    const cf = byId.get(id).callFrame;
    const key = `${cf.functionName || "(anonymous)"}\t${cf.url}:${cf.lineNumber}:${cf.columnNumber}`;
    const a = agg.get(key) ?? { name: cf.functionName || "(anonymous)", at: where(cf), us: 0 };
    a.us += us;
    agg.set(key, a);
  }
  return { total, top: [...agg.values()].sort((a, b) => b.us - a.us).slice(0, n) };
}

if (process.argv[1] && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href) {
  const [file, n] = process.argv.slice(2);
  if (!file) {
    console.error("usage: node bench/cpuprofile-top.mjs FILE.cpuprofile [N]");
    process.exit(2);
  }
  const { total, top } = topSelfTime(JSON.parse(readFileSync(file, "utf8")), Number(n ?? 10));
  console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
  for (const t of top)
    console.log(`${((100 * t.us) / total).toFixed(1).padStart(5)}%  ${(t.us / 1000).toFixed(0).padStart(6)} ms  ${t.name}  ${t.at}`);
}
