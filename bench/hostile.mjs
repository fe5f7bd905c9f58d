// Hostile input, end to end (issue 12): each case a user could be handed — a schema reaching
// outside its folder, nesting 10,000 deep, a 1,000,000-value enum, a 1 MB rule, … — run through
// the real CLI (`node bin/specmint.js`, process start to exit) under /usr/bin/time, several runs
// each; prints the exit code, wall time (min–max) and peak RSS (max) beside the bound every refused
// case must stay within: 1 s and 300 MB. Benchmarks print; they do not assert.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT, padEnd, pad } from "./lib.mjs";

const CLI = path.join(PROJECT_ROOT, "bin", "specmint.js");
const RUNS = Number(process.env.SPECMINT_BENCH_HOSTILE_RUNS ?? 3);
const BOUND_S = 1;
const BOUND_MB = 300;

const nest = (open, leaf, close, n) => open.repeat(n) + leaf + close.repeat(n);

/** name → writes its files into dir and returns the CLI arguments (cwd = dir/project). */
const CASES = {
  "$ref ../../../../etc/passwd": (p) => schema(p, { $ref: "../../../../etc/passwd" }),
  "$ref /etc/hostname": (p) => schema(p, { $ref: "/etc/hostname" }),
  "$ref file:///etc/hostname": (p) => schema(p, { $ref: "file:///etc/hostname" }),
  "$ref to a symlink out": (p) => {
    fs.writeFileSync(path.join(p.outside, "secret.json"), JSON.stringify({ type: "string", const: "secret" }));
    fs.symlinkSync(path.join(p.outside, "secret.json"), path.join(p.project, "link.json"));
    return schema(p, { $ref: "link.json" });
  },
  "$ref http://": (p) => schema(p, { $ref: "http://127.0.0.1:9/x.json" }),
  "$ref to a FIFO": (p) => {
    execFileSync("mkfifo", [path.join(p.project, "pipe.json")]);
    return schema(p, { $ref: "pipe.json" });
  },
  "FIFO as --schema": (p) => {
    execFileSync("mkfifo", [path.join(p.project, "s.json")]);
    return ["generate", "--schema", "s.json", "--out", "out", "--count", "5"];
  },
  "10,000-deep properties": (p) => schemaText(p, nest('{"type":"object","properties":{"a":', '{"type":"string"}', "}}", 10_000)),
  "10,000-deep arrays": (p) => schemaText(p, nest('{"type":"array","items":', '{"type":"string"}', "}", 10_000)),
  "1 MB rule": (p) =>
    schema(p, { type: "object", properties: { a: { type: "integer" } }, "x-cross-field-rules": ["a > 0 && ".repeat(100_000) + "a > 0"] }),
  "rule of 10,000 parentheses": (p) =>
    schema(p, { type: "object", properties: { a: { type: "integer" } }, "x-cross-field-rules": [nest("(", "a > 0", ")", 10_000)] }),
  "minLength 1e9": (p) => schema(p, { type: "string", minLength: 1e9 }),
  "enum of 1,000,000 strings": (p) => schema(p, { enum: Array.from({ length: 1_000_000 }, (_, k) => `v${k}`) }),
  "minProperties 1e6": (p) => schema(p, { type: "object", minProperties: 1e6 }),
  "minItems 1e9": (p) => schema(p, { type: "array", minItems: 1e9 }),
  "allOf of 100,000": (p) => schema(p, { allOf: Array.from({ length: 100_000 }, () => ({ type: "string" })) }),
  "$ref cycle a → b → c → a": (p) => {
    for (const [from, to] of [
      ["a", "b"],
      ["b", "c"],
      ["c", "a"],
    ])
      fs.writeFileSync(path.join(p.project, `${from}.json`), JSON.stringify({ $ref: `${to}.json` }));
    return ["generate", "--schema", "a.json", "--out", "out", "--count", "5"];
  },
  "inspect of a 10,000-deep record": (p) => {
    fs.writeFileSync(path.join(p.project, "deep.jsonl"), nest('{"a":', "1", "}", 10_000) + "\n");
    return ["inspect", "--dataset", "deep.jsonl"];
  },
};

function schemaText(p, text) {
  fs.writeFileSync(path.join(p.project, "s.schema.json"), text);
  return ["generate", "--schema", "s.schema.json", "--out", "out", "--count", "5"];
}
const schema = (p, value) => schemaText(p, JSON.stringify(value));

function runOnce(make) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "specmint-hostile-")));
  const p = { project: path.join(root, "project"), outside: path.join(root, "outside") };
  fs.mkdirSync(p.project);
  fs.mkdirSync(p.outside);
  try {
    const args = make(p);
    const timing = path.join(root, "time.txt");
    const r = spawnSync("/usr/bin/time", ["-f", "%e %M", "-o", timing, process.execPath, CLI, ...args], {
      cwd: p.project,
      encoding: "utf8",
      timeout: 60_000,
      env: { PATH: process.env.PATH, HOME: root },
    });
    const [seconds, kb] = fs.readFileSync(timing, "utf8").trim().split("\n").at(-1).split(" ").map(Number);
    return { status: r.status, seconds, mb: kb / 1024, stderr: r.stderr };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export async function benchHostile({ out = console.log } = {}) {
  if (!fs.existsSync("/usr/bin/time")) {
    out("hostile: /usr/bin/time is missing (Debian package time); skipped");
    return {};
  }
  out(`hostile input through the CLI, process start to exit: ${RUNS} runs each; bound ${BOUND_S} s and ${BOUND_MB} MB peak RSS`);
  out(`  ${padEnd("case", 34)} exit   wall min–max s   peak RSS MB  within`);
  const results = {};
  for (const [name, make] of Object.entries(CASES)) {
    const runs = Array.from({ length: RUNS }, () => runOnce(make));
    const walls = runs.map((r) => r.seconds);
    const rss = Math.max(...runs.map((r) => r.mb));
    const exits = [...new Set(runs.map((r) => r.status))].join("/");
    const within = Math.max(...walls) <= BOUND_S && rss <= BOUND_MB;
    results[name] = { exits, minS: Math.min(...walls), maxS: Math.max(...walls), rssMb: rss, within };
    out(
      `  ${padEnd(name, 34)} ${pad(exits, 4)}   ${pad(Math.min(...walls).toFixed(2), 5)}–${padEnd(Math.max(...walls).toFixed(2), 9)} ${pad(rss.toFixed(0), 8)}     ${within ? "yes" : "NO"}`,
    );
  }
  const over = Object.entries(results).filter(([, r]) => !r.within);
  out(
    `  ${Object.keys(results).length - over.length} of ${Object.keys(results).length} cases within ${BOUND_S} s and ${BOUND_MB} MB; load average ${os.loadavg()[0].toFixed(1)}`,
  );
  return results;
}
