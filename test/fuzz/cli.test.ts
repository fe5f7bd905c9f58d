// Fuzz of the CLI (issue 12): `specmint generate|validate|inspect` (the built dist/cli.js) on random
// schemas, sibling files, references out of the allowed folders and random datasets, each run in a
// fresh temporary folder (cwd = its project/, HOME and TMPDIR inside it). Every run must
//   - exit with a documented code (0, 2, 3, 6, 64), never 1 and never by a signal, within its budget;
//   - change nothing in the folder tree but --out (the secret's folder, the project, HOME, TMPDIR);
//   - never print or write the content of the file outside the allowed folders (nor /etc/passwd).
import { test } from "node:test";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { BUDGET, DOCUMENTED_EXITS, RUNS } from "./config";
import { datasetCaseArb, datasetFiles, schemaCaseArb, shapeOf, type DatasetCase, type SchemaCase } from "./arbitraries";
import { fuzzTier } from "./driver";
import { around, leaks, makeLayout, normalize, writeCaseFiles } from "./cases";
import { assertBuilt, runCliAsync } from "../cli/helpers";

interface CliCase {
  command: "generate" | "validate" | "inspect";
  schema: SchemaCase;
  dataset: DatasetCase;
  stdout: boolean;
  formats: string[] | undefined;
  json: boolean;
  withSchema: boolean;
  draft: string | undefined;
  referenceDate: string | undefined;
  extra: readonly string[];
}

/** undefined 5 times in 6. */
function rarely<T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
}

const cliCaseArb: fc.Arbitrary<CliCase> = fc.record({
  command: fc.constantFrom("generate", "generate", "generate", "validate", "inspect"),
  schema: schemaCaseArb,
  dataset: datasetCaseArb,
  stdout: fc.boolean(),
  formats: fc.option(fc.subarray(["json", "jsonl", "csv"], { minLength: 1 }), { nil: undefined, freq: 2 }),
  json: fc.boolean(),
  withSchema: fc.boolean(),
  draft: rarely(fc.constantFrom("2020-12", "2019-09", "07", "06", "04", "05")),
  referenceDate: rarely(fc.constantFrom("2026-01-01", "2026-02-30", "1e9", "9999-12-31T23:59:59Z", "0001-01-01")),
  extra: fc.oneof(
    { weight: 12, arbitrary: fc.constant([]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(["--count", "0"], ["--count", "1e3"], ["--seed", "-1"], ["--bogus"], ["--out", "/proc/self"], ["--force"]),
    },
  ),
});

function argsOf(c: CliCase): string[] {
  const schema = "case/main.schema.json";
  const dataset = `case/${datasetFiles(c.dataset).path}`;
  const draft = c.draft ? ["--draft", c.draft] : [];
  switch (c.command) {
    case "generate": {
      const where = c.stdout ? ["--stdout"] : ["--out", "out", ...(c.formats ? ["--format", c.formats.join(",")] : [])];
      const date = c.referenceDate ? ["--reference-date", c.referenceDate] : [];
      return [
        "generate",
        "--schema",
        schema,
        "--count",
        String(c.schema.count),
        "--seed",
        String(c.schema.seed),
        ...where,
        ...draft,
        ...date,
        ...c.extra,
      ];
    }
    case "validate":
      return ["validate", "--schema", schema, "--dataset", dataset, ...(c.json ? ["--json"] : []), ...draft];
    case "inspect":
      return ["inspect", "--dataset", dataset, ...(c.withSchema ? ["--schema", schema] : []), ...(c.json ? ["--json"] : []), ...draft];
  }
}

/** Every entry under `dir`: path → type, size and modification time (symlinks not followed). */
function snapshot(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = fs.lstatSync(p);
    const type = st.isDirectory() ? "dir" : st.isSymbolicLink() ? `link:${fs.readlinkSync(p)}` : st.isFIFO() ? "fifo" : "file";
    out.set(p, `${type} ${st.isDirectory() ? "" : st.size} ${st.isDirectory() ? "" : st.mtimeMs}`);
    if (st.isDirectory()) snapshot(p, out);
  }
  return out;
}

function readAll(dir: string): string {
  if (!fs.existsSync(dir)) return "";
  let text = "";
  for (const [p, kind] of snapshot(dir)) if (kind.startsWith("file")) text += fs.readFileSync(p, "utf8");
  return text;
}

async function runCase(c: CliCase): Promise<{ failure?: { klass: string; detail: string }; ms: number }> {
  const layout = makeLayout("specmint-fuzz-cli-");
  try {
    const dir = path.join(layout.project, "case");
    writeCaseFiles(layout, dir, c.schema);
    fs.writeFileSync(path.join(dir, "main.schema.json"), c.schema.main);
    const data = datasetFiles(c.dataset);
    if (c.dataset.kind === "folder") fs.mkdirSync(path.join(dir, "data"));
    for (const [f, text] of data.files) fs.writeFileSync(path.join(dir, f), text);
    const home = path.join(layout.root, "home");
    const tmp = path.join(layout.root, "tmp");
    fs.mkdirSync(home);
    fs.mkdirSync(tmp);
    const before = snapshot(layout.root);
    const args = argsOf(c);
    const started = Date.now();
    const r = await runCliAsync(args, {
      cwd: layout.project,
      env: { HOME: home, TMPDIR: tmp, XDG_CACHE_HOME: path.join(home, ".cache") },
      timeoutMs: BUDGET.cliRun,
    });
    const ms = Date.now() - started;
    const command = `specmint ${args.join(" ")}`;
    const fail = (klass: string, detail: string) => ({
      failure: { klass: `cli ${c.command}: ${klass}`, detail: `${command}\n${detail}` },
      ms,
    });
    const stderrHead = r.stderr.split("\n").find((l) => l.startsWith("specmint:")) ?? r.stderr.split("\n")[0] ?? "";
    if (r.signal)
      return fail(ms >= BUDGET.cliRun ? `killed after its ${BUDGET.cliRun} ms budget` : `ended by ${r.signal}`, r.stderr.slice(0, 2000));
    if (r.status === 1) return fail(`exit 1: ${normalize(stderrHead)}`, r.stderr.slice(0, 3000));
    if (!DOCUMENTED_EXITS.has(r.status ?? -1)) return fail(`undocumented exit ${r.status}`, r.stderr.slice(0, 2000));
    const out = path.join(layout.project, "out");
    const after = snapshot(layout.root);
    const changed: string[] = [];
    for (const [p, v] of after)
      if (before.get(p) !== v && p !== out && !p.startsWith(out + path.sep)) changed.push(`${before.has(p) ? "changed" : "created"} ${p}`);
    for (const p of before.keys()) if (!after.has(p)) changed.push(`removed ${p}`);
    if (changed.length) return fail("changed files outside --out", changed.slice(0, 10).join("\n"));
    const said = `${r.stdout}\n${r.stderr}\n${readAll(out)}`;
    const leak = leaks(said);
    if (leak) return fail(`output quotes ${leak}`, around(said));
    return { ms };
  } finally {
    fs.rmSync(layout.root, { recursive: true, force: true });
  }
}

test(`CLI: ${RUNS.cli} runs of generate/validate/inspect on random input exit with a documented code, in budget, touching only --out`, async () => {
  assertBuilt();
  await fuzzTier({
    tier: "cli",
    arbitrary: cliCaseArb,
    runs: RUNS.cli,
    parallel: 3,
    shape: (c) => shapeOf([c.schema.main, c.schema.sibling, c.schema.other, ...(c.command === "generate" ? [] : c.dataset.lines)]),
    run: runCase,
    show: (c) => `specmint ${argsOf(c).join(" ")}\n${JSON.stringify(c).slice(0, 3000)}`,
  });
});
