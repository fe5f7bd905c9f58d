// SpecMint benchmarks: `npm run bench` (builds first), or `node --expose-gc bench/run.mjs [--only a,b]`.
// Each section is an exported async function in its own module, registered in SECTIONS below;
// a section prints its own lines and returns its figures. Benchmarks print; they do not assert.
// A section that crashes is reported and the run exits non-zero after the other sections.
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { benchGeneration } from "./generation.mjs";
import { benchMemory } from "./memory.mjs";
import { benchRules } from "./rules.mjs";
import { benchLlm } from "./llm.mjs";
import { benchLsp } from "./lsp.mjs";
import { benchHostile } from "./hostile.mjs";
import { benchKinds } from "./kinds.mjs";
import { benchSql } from "./sql.mjs";
import { benchSets } from "./sets.mjs";

/** name → run(options). Later sections (LSP latency, Ollama throughput) are added here. */
export const SECTIONS = {
  generation: benchGeneration,
  memory: benchMemory,
  rules: benchRules,
  llm: benchLlm,
  lsp: benchLsp,
  hostile: benchHostile,
  kinds: benchKinds,
  sql: benchSql,
  sets: benchSets,
};

const USAGE = `usage: node --expose-gc bench/run.mjs [--only SECTION[,SECTION…]]   sections: ${Object.keys(SECTIONS).join(", ")}`;

export function parseArgs(argv) {
  const only = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === "--only" || a.startsWith("--only=")) {
      const v = a === "--only" ? argv[++k] : a.slice("--only=".length);
      if (!v) throw new Error("--only needs a section name");
      only.push(
        ...v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      );
    } else if (a === "-h" || a === "--help") {
      return { help: true };
    } else {
      throw new Error(`unknown argument ${a}`);
    }
  }
  for (const s of only) if (!(s in SECTIONS)) throw new Error(`unknown section ${s}`);
  return { sections: only.length ? [...new Set(only)] : Object.keys(SECTIONS) };
}

export async function runBench(sections = Object.keys(SECTIONS), out = console.log) {
  out(
    `SpecMint bench — node ${process.version}, ${availableParallelism()} cores${typeof globalThis.gc === "function" ? "" : " (no --expose-gc)"}`,
  );
  const results = {};
  let failed = 0;
  for (const name of sections) {
    try {
      results[name] = await SECTIONS[name]({ out });
    } catch (e) {
      failed++;
      out(`  error in section ${name}: ${e?.stack ?? e}`);
    }
  }
  return { results, failed };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
  } else {
    const { failed } = await runBench(args.sections);
    if (failed) process.exitCode = 1;
  }
}
