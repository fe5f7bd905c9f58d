// `specmint generate` through the built CLI: exit codes, the output folder, determinism, precedence.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Manifest } from "../../core/output";
import { DEFAULT_LOCALE, LOCALES } from "../../core/generate/locales";
import { assertBuilt, parseCsv, readLines, removeDir, runCli, spawnCli, tempDir, writeSchema, ROOT } from "./helpers";

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
const sha256 = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");

/** A record of helpers.ts's USER_SCHEMA, as the tests read it back from dataset.jsonl. */
type UserRecord = {
  id: number;
  name: string;
  role: string;
  age: number;
  address: { city: string; zip: string };
  tags: string[];
  nickname?: string;
};

let dir: string;
let schema: string;

before(() => {
  assertBuilt();
  dir = tempDir();
  schema = writeSchema(dir);
});
after(() => removeDir(dir));

function fresh(name: string): string {
  const d = path.join(dir, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

describe("help and version", () => {
  test("--version prints the package version", () => {
    const r = runCli(["--version"], { cwd: dir });
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  test("generate --help lists every flag, defaults, an example and the exit codes", () => {
    const r = runCli(["generate", "--help"], { cwd: dir });
    assert.equal(r.status, 0);
    for (const flag of [
      "--schema",
      "--count",
      "--seed",
      "--out",
      "--stdout",
      "--format",
      "--sql-dialect",
      "--config",
      "--reference-date",
      "--locale",
      "--llm-mode",
      "--ollama-host",
      "--model",
      "--temperature",
      "--llm-workers",
      "--max-rps",
      "--timeout-ms",
      "--context",
      "--cache-dir",
      "--no-cache",
      "--force",
    ]) {
      assert.match(r.stdout, new RegExp(`${flag}\\b`), `help mentions ${flag}`);
    }
    assert.match(r.stdout, /default 10/);
    assert.match(r.stdout, /2026-01-01T00:00:00Z/);
    assert.match(r.stdout, /Examples:\n\s+specmint generate/);
    assert.match(r.stdout, /64\s+usage error/);
    assert.match(r.stdout, /6\s+I\/O failure/);
  });

  test("--help and help <command> work; no command is a usage error", () => {
    assert.equal(runCli(["--help"], { cwd: dir }).status, 0);
    assert.match(runCli(["help", "validate"], { cwd: dir }).stdout, /--dataset/);
    const none = runCli([], { cwd: dir });
    assert.equal(none.status, 64);
    assert.match(none.stderr, /Usage:/);
  });

  test("doctor --help documents its flags (its behaviour: test/llm/provider.test.ts)", () => {
    const r = runCli(["doctor", "--help"], { cwd: dir });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /--ollama-host URL/);
    assert.match(r.stdout, /--pull/);
  });
});

describe("exit codes", () => {
  test("unknown flag → 64 with a pointer to the help", () => {
    const r = runCli(["generate", "--schema", schema, "--cout", "3"], { cwd: dir });
    assert.equal(r.status, 64);
    assert.match(r.stderr, /unknown option --cout; see specmint generate --help/);
    assert.match(r.stderr, /did you mean --count\?/);
    assert.match(r.stderr, /summary: .*exit 64/);
    assert.equal(r.stdout, "");
  });

  test("bad values → 64", () => {
    for (const args of [
      ["--count", "abc"],
      ["--count", "0"],
      ["--seed", "-1"],
      ["--format", "json,xml"],
      ["--reference-date", "yesterday"],
      ["--temperature", "5"],
      ["--out"],
      ["--stdout", "--out", "x"],
    ]) {
      const r = runCli(["generate", "--schema", schema, ...args], { cwd: dir });
      assert.equal(r.status, 64, `${args.join(" ")}: ${r.stderr}`);
    }
    const unknownCommand = runCli(["generat"], { cwd: dir });
    assert.equal(unknownCommand.status, 64);
    assert.match(unknownCommand.stderr, /did you mean 'generate'/);
  });

  test("missing --schema → 64", () => {
    const r = runCli(["generate"], { cwd: fresh("noschema") });
    assert.equal(r.status, 64);
    assert.match(r.stderr, /missing --schema/);
  });

  test("--llm-mode fields with no Ollama answering → 4 with the fix, nothing written (more: test/llm/)", () => {
    const r = runCli(
      ["generate", "--schema", schema, "--llm-mode", "fields", "--ollama-host", "http://127.0.0.1:9", "--out", path.join(dir, "llm")],
      { cwd: dir },
    );
    assert.equal(r.status, 4);
    assert.match(r.stderr, /start it with: ollama serve/);
    assert.equal(fs.existsSync(path.join(dir, "llm")), false);
    assert.equal(runCli(["generate", "--schema", schema, "--llm-mode", "sometimes"], { cwd: dir }).status, 64);
  });

  test("missing schema file → 2", () => {
    const r = runCli(["generate", "--schema", path.join(dir, "nope.json"), "--out", path.join(dir, "x")], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nope\.json/);
  });

  test("schema that is not JSON → 2 with file and line:column", () => {
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, '{\n  "type": "object",\n  "properties": {,}\n}\n');
    const r = runCli(["generate", "--schema", bad, "--out", path.join(dir, "x")], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad\.json 3:\d+/);
    assert.match(r.stderr, /summary: .*exit 2/);
  });

  test("unsatisfiable schema → 2", () => {
    const s = writeSchema(dir, "never.schema.json", { type: "integer", minimum: 5, maximum: 1 });
    const r = runCli(["generate", "--schema", s, "--out", path.join(dir, "never")], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(fs.existsSync(path.join(dir, "never")), false);
  });

  test("a $ref with a stray % → 2, naming the reference and the escape (it was a URIError, exit 1)", () => {
    const s = writeSchema(dir, "percent.schema.json", { type: "object", properties: { a: { $ref: "#/H%=" } }, required: ["a"] });
    for (const args of [
      ["generate", "--schema", s, "--out", path.join(dir, "percent")],
      ["validate", "--schema", s, "--dataset", path.join(dir, "percent.jsonl")],
    ]) {
      fs.writeFileSync(path.join(dir, "percent.jsonl"), '{"a": 1}\n');
      const r = runCli(args, { cwd: dir });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /schema error: \$ref "#\/H%=" is not a valid JSON pointer: %= is not a percent-escape/);
      assert.match(r.stderr, /percent\.schema\.json#\/properties\/a\/\$ref/);
      assert.doesNotMatch(r.stderr, /internal error|URIError/);
    }
  });

  test("unwritable output → 6", () => {
    const file = path.join(dir, "a-file");
    fs.writeFileSync(file, "not a folder");
    const r = runCli(["generate", "--schema", schema, "--out", path.join(file, "sub")], { cwd: dir });
    assert.equal(r.status, 6, r.stderr);
    assert.match(r.stderr, /summary: .*exit 6/);
  });

  test("a non-empty folder that is not SpecMint output is refused (6) unless --force", () => {
    const out = fresh("foreign");
    fs.writeFileSync(path.join(out, "notes.txt"), "mine");
    const r = runCli(["generate", "--schema", schema, "--out", out], { cwd: dir });
    assert.equal(r.status, 6);
    assert.match(r.stderr, /--force/);
    assert.deepEqual(fs.readdirSync(out), ["notes.txt"]);

    const forced = runCli(["generate", "--schema", schema, "--out", out, "--force", "--count", "2"], { cwd: dir });
    assert.equal(forced.status, 0, forced.stderr);
    assert.deepEqual(fs.readdirSync(out).sort(), ["dataset.jsonl", "manifest.json", "notes.txt", "record_0001.json", "record_0002.json"]);
    assert.equal(fs.readFileSync(path.join(out, "notes.txt"), "utf8"), "mine");
  });

  test("an output folder that is a symlink is refused (6)", () => {
    const real = fresh("real-target");
    const link = path.join(dir, "link-out");
    fs.symlinkSync(real, link);
    const r = runCli(["generate", "--schema", schema, "--out", link], { cwd: dir });
    assert.equal(r.status, 6);
    assert.match(r.stderr, /symbolic link/);
    assert.deepEqual(fs.readdirSync(real), []);
  });
});

describe("output folder", () => {
  test("holds the record files, dataset.jsonl and a manifest with the contract's fields", () => {
    const out = path.join(dir, "out-a");
    const r = runCli(["generate", "--schema", schema, "--count", "12", "--seed", "7", "--out", out], {
      cwd: dir,
      env: { SOURCE_DATE_EPOCH: "1767225600" },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "");
    const names = fs.readdirSync(out).sort();
    const records = Array.from({ length: 12 }, (_, k) => `record_${String(k + 1).padStart(4, "0")}.json`);
    assert.deepEqual(names, ["dataset.jsonl", "manifest.json", ...records].sort());

    const jsonl = fs.readFileSync(path.join(out, "dataset.jsonl"), "utf8");
    assert.ok(jsonl.endsWith("\n") && !jsonl.includes("\r"));
    const lines = readLines(path.join(out, "dataset.jsonl"));
    assert.equal(lines.length, 12);
    lines.forEach((line, k) => {
      const value = JSON.parse(line) as unknown;
      assert.equal(JSON.stringify(value), line, "compact JSON");
      assert.equal(fs.readFileSync(path.join(out, records[k]), "utf8"), JSON.stringify(value, null, 2) + "\n");
    });

    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")) as Manifest;
    assert.deepEqual(Object.keys(manifest), ["dataset_id", "tool", "schema", "gen", "llm", "stats", "degraded", "coverage", "created_at"]);
    assert.equal(manifest.dataset_id, `smnt_${sha256(jsonl).slice(0, 16)}`);
    assert.deepEqual(manifest.tool, { name: "specmint", version: pkg.version });
    assert.deepEqual(manifest.schema, {
      path: "user.schema.json",
      sha256: sha256(fs.readFileSync(schema)),
      draft: { version: "2020-12", assumed: false, source: "declared" },
    });
    assert.deepEqual(manifest.gen, {
      count: 12,
      seed: 7,
      mode: "off",
      kind: "valid",
      locale: DEFAULT_LOCALE,
      reference_date: "2026-01-01T00:00:00Z",
      optional_probability: 0.9,
    });
    assert.equal(manifest.llm, null);
    assert.deepEqual(Object.keys(manifest.stats), ["duration_ms", "records", "llm_calls", "cache_hits", "retries", "fallbacks", "repairs"]);
    assert.equal(manifest.stats.records, 12);
    for (const v of Object.values(manifest.stats)) assert.equal(typeof v, "number");
    assert.equal(manifest.degraded, false);
    // The boundary coverage of the records (docs/boundary.md); records_needed only for a boundary dataset.
    assert.deepEqual(Object.keys(manifest.coverage!), ["items", "reachable", "covered", "percent"]);
    assert.ok(manifest.coverage!.covered <= manifest.coverage!.reachable && manifest.coverage!.reachable <= manifest.coverage!.items);
    assert.equal(manifest.created_at, "2026-01-01T00:00:00Z");
    // The temporary sibling is gone.
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n.includes("specmint-")),
      [],
    );
  });

  test("dataset_id is computed when dataset.jsonl is not written", () => {
    const a = path.join(dir, "id-a");
    const b = path.join(dir, "id-b");
    assert.equal(runCli(["generate", "--schema", schema, "--count", "4", "--out", a], { cwd: dir }).status, 0);
    assert.equal(runCli(["generate", "--schema", schema, "--count", "4", "--out", b, "--format", "json"], { cwd: dir }).status, 0);
    assert.equal(fs.existsSync(path.join(b, "dataset.jsonl")), false);
    const id = (d: string) => (JSON.parse(fs.readFileSync(path.join(d, "manifest.json"), "utf8")) as Manifest).dataset_id;
    assert.equal(id(a), id(b));
  });

  test("default output folder is ./fixtures/<schema name without extensions>", () => {
    const cwd = fresh("defaults");
    writeSchema(cwd);
    const r = runCli(["generate", "--schema", "user.schema.json"], { cwd });
    assert.equal(r.status, 0, r.stderr);
    const out = path.join(cwd, "fixtures", "user");
    assert.equal(readLines(path.join(out, "dataset.jsonl")).length, 10);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")) as Manifest;
    assert.equal(manifest.gen.seed, 1);
  });

  test("record files are zero-padded to the digits of the count", () => {
    const out = path.join(dir, "padded");
    const r = runCli(["generate", "--schema", schema, "--count", "10000", "--format", "json", "--out", out], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const names = fs.readdirSync(out);
    assert.equal(names.length, 10001);
    assert.ok(names.includes("record_00001.json"));
    assert.ok(names.includes("record_10000.json"));
  });

  test("a rerun into the same folder replaces earlier output whole (20 then 5 leaves 5 records)", () => {
    const out = path.join(dir, "rerun");
    assert.equal(
      runCli(["generate", "--schema", schema, "--count", "20", "--format", "json,jsonl,csv", "--out", out], { cwd: dir }).status,
      0,
    );
    assert.equal(fs.readdirSync(out).filter((n) => n.startsWith("record_")).length, 20);
    const r = runCli(["generate", "--schema", schema, "--count", "5", "--out", out], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const names = fs.readdirSync(out).sort();
    assert.deepEqual(names, [
      "dataset.jsonl",
      "manifest.json",
      "record_0001.json",
      "record_0002.json",
      "record_0003.json",
      "record_0004.json",
      "record_0005.json",
    ]);
    assert.equal(readLines(path.join(out, "dataset.jsonl")).length, 5);
  });

  test("CSV: header is the union of columns in first-seen order, nested as dotted names, arrays as JSON", () => {
    const out = path.join(dir, "csv");
    const r = runCli(["generate", "--schema", schema, "--count", "40", "--format", "jsonl,csv", "--out", out], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.existsSync(path.join(out, "record_0001.json")), false);
    const text = fs.readFileSync(path.join(out, "dataset.csv"), "utf8");
    assert.ok(text.endsWith("\r\n"));
    const rows = parseCsv(text);
    const records = readLines(path.join(out, "dataset.jsonl")).map((l) => JSON.parse(l) as UserRecord);
    assert.equal(rows.length, records.length + 1);
    const header = rows[0];
    // Expected header: first-seen order over the records, nested objects flattened.
    const expected: string[] = [];
    for (const rec of records) {
      for (const [k, v] of Object.entries(rec)) {
        const cols = v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v).map((c) => `${k}.${c}`) : [k];
        for (const c of cols) if (!expected.includes(c)) expected.push(c);
      }
    }
    assert.deepEqual(header, expected);
    assert.ok(header.includes("address.city") && header.includes("address.zip"));
    for (let k = 0; k < records.length; k++) {
      const row = rows[k + 1];
      assert.equal(row.length, header.length, `row ${k + 1} has every column`);
      const cell = (name: string) => row[header.indexOf(name)];
      const rec = records[k];
      assert.equal(cell("id"), String(rec.id));
      assert.equal(cell("name"), rec.name);
      assert.equal(cell("address.zip"), rec.address.zip);
      assert.deepEqual(JSON.parse(cell("tags")), rec.tags);
      assert.equal(cell("nickname"), rec.nickname ?? "");
    }
  });
});

describe("determinism", () => {
  test("same inputs give byte-identical files", () => {
    const a = path.join(dir, "same-a");
    const b = path.join(dir, "same-b");
    const env = { SOURCE_DATE_EPOCH: "1767225600" };
    for (const out of [a, b]) {
      const r = runCli(["generate", "--schema", schema, "--count", "25", "--seed", "3", "--format", "json,jsonl,csv", "--out", out], {
        cwd: dir,
        env,
      });
      assert.equal(r.status, 0, r.stderr);
    }
    const names = fs.readdirSync(a).sort();
    assert.deepEqual(fs.readdirSync(b).sort(), names);
    for (const n of names) {
      if (n === "manifest.json") continue;
      assert.ok(fs.readFileSync(path.join(a, n)).equals(fs.readFileSync(path.join(b, n))), n);
    }
    const strip = (d: string) => {
      const m = JSON.parse(fs.readFileSync(path.join(d, "manifest.json"), "utf8")) as Manifest;
      const { duration_ms: _duration, ...stats } = m.stats;
      return { ...m, stats };
    };
    assert.deepEqual(strip(a), strip(b));
  });

  test("--stdout prints exactly the lines of dataset.jsonl", () => {
    const out = path.join(dir, "stdout-ref");
    assert.equal(runCli(["generate", "--schema", schema, "--count", "30", "--seed", "11", "--out", out], { cwd: dir }).status, 0);
    const r = runCli(["generate", "--schema", schema, "--count", "30", "--seed", "11", "--stdout"], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, fs.readFileSync(path.join(out, "dataset.jsonl"), "utf8"));
  });

  test("100 records are the first 100 lines of 1,000", () => {
    const small = runCli(["generate", "--schema", schema, "--count", "100", "--seed", "5", "--stdout"], { cwd: dir });
    const large = runCli(["generate", "--schema", schema, "--count", "1000", "--seed", "5", "--stdout"], { cwd: dir });
    assert.equal(small.status, 0, small.stderr);
    assert.equal(large.status, 0, large.stderr);
    const l = large.stdout.split("\n");
    assert.equal(l.length, 1001);
    assert.equal(small.stdout, l.slice(0, 100).join("\n") + "\n");
  });

  test("another seed gives other records", () => {
    const a = runCli(["generate", "--schema", schema, "--count", "5", "--seed", "1", "--stdout"], { cwd: dir });
    const b = runCli(["generate", "--schema", schema, "--count", "5", "--seed", "2", "--stdout"], { cwd: dir });
    assert.notEqual(a.stdout, b.stdout);
  });
});

describe("precedence: flags > config file > environment > defaults", () => {
  const manifestOf = (out: string) => JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")) as Manifest;

  test("environment over defaults", () => {
    const cwd = fresh("prec-env");
    writeSchema(cwd);
    const r = runCli(["generate", "--schema", "user.schema.json"], {
      cwd,
      env: { SPECMINT_SEED: "9", SPECMINT_COUNT: "7", SPECMINT_OUT: "from-env" },
    });
    assert.equal(r.status, 0, r.stderr);
    const m = manifestOf(path.join(cwd, "from-env"));
    assert.equal(m.gen.seed, 9);
    assert.equal(m.gen.count, 7);
  });

  test("specmint.toml over environment, flags over both", () => {
    const cwd = fresh("prec-toml");
    writeSchema(cwd);
    fs.writeFileSync(
      path.join(cwd, "specmint.toml"),
      'schema = "user.schema.json"\nseed = 5\ncount = 3\nout = "from-toml"\nformat = ["json", "jsonl", "csv"]\nreference-date = 2026-02-03\n',
    );
    const env = { SPECMINT_SEED: "9", SPECMINT_COUNT: "7", SPECMINT_OUT: "from-env" };
    const r1 = runCli(["generate"], { cwd, env });
    assert.equal(r1.status, 0, r1.stderr);
    const m1 = manifestOf(path.join(cwd, "from-toml"));
    assert.equal(m1.gen.seed, 5);
    assert.equal(m1.gen.count, 3);
    assert.equal(m1.gen.reference_date, "2026-02-03T00:00:00Z");
    assert.ok(fs.existsSync(path.join(cwd, "from-toml", "dataset.csv")));
    assert.equal(fs.existsSync(path.join(cwd, "from-env")), false);

    const r2 = runCli(["generate", "--seed", "2", "--out", "from-flag"], { cwd, env });
    assert.equal(r2.status, 0, r2.stderr);
    const m2 = manifestOf(path.join(cwd, "from-flag"));
    assert.equal(m2.gen.seed, 2);
    assert.equal(m2.gen.count, 3);
  });

  test("--config FILE, paths relative to it; bad config → 64, missing config → 6", () => {
    const cwd = fresh("prec-config");
    const sub = fresh("prec-config/conf");
    writeSchema(sub, "thing.schema.json");
    fs.writeFileSync(path.join(sub, "gen.toml"), 'schema = "thing.schema.json"\ncount = 4\n');
    const r = runCli(["generate", "--config", "conf/gen.toml"], { cwd });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(manifestOf(path.join(cwd, "fixtures", "thing")).gen.count, 4);

    fs.writeFileSync(path.join(sub, "typo.toml"), "cuont = 4\n");
    const typo = runCli(["generate", "--config", "conf/typo.toml"], { cwd });
    assert.equal(typo.status, 64);
    assert.match(typo.stderr, /unknown key 'cuont'.*did you mean 'count'/);

    fs.writeFileSync(path.join(sub, "broken.toml"), "count = = 4\n");
    const broken = runCli(["generate", "--config", "conf/broken.toml"], { cwd });
    assert.equal(broken.status, 64);
    assert.match(broken.stderr, /broken\.toml 1:\d+/);

    assert.equal(runCli(["generate", "--config", "conf/none.toml"], { cwd }).status, 6);
  });

  test("a bad environment value names the variable → 64", () => {
    const r = runCli(["generate", "--schema", schema, "--stdout"], { cwd: dir, env: { SPECMINT_COUNT: "lots" } });
    assert.equal(r.status, 64);
    assert.match(r.stderr, /SPECMINT_COUNT/);
  });
});

describe("--locale", () => {
  test("is in the help, in specmint.toml and in the manifest; the same seed gives the same bytes; another locale other values", () => {
    assert.match(runCli(["generate", "--help"], { cwd: dir }).stdout, /--locale LOCALE/);
    const run = (args: string[], cwd = dir) => runCli(["generate", "--schema", schema, "--count", "20", "--seed", "4", ...args], { cwd });
    const de1 = run(["--locale", "de-DE", "--stdout"]);
    assert.equal(de1.status, 0, de1.stderr);
    assert.equal(run(["--locale", "de_de", "--stdout"]).stdout, de1.stdout, "same seed and locale, same bytes");
    assert.notEqual(run(["--stdout"]).stdout, de1.stdout, "the default locale makes other values");
    const configured = fresh("locale-config");
    fs.writeFileSync(path.join(configured, "specmint.toml"), 'locale = "de-DE"\n');
    assert.equal(run(["--stdout"], configured).stdout, de1.stdout, "specmint.toml's locale");
    const out = path.join(dir, "locale-out");
    assert.equal(run(["--locale", "ja-JP", "--out", out]).status, 0);
    assert.equal((JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")) as Manifest).gen.locale, "ja-JP");
  });

  test("an unknown locale is a usage error listing the locales → 64", () => {
    const r = runCli(["generate", "--schema", schema, "--stdout", "--locale", "xx-XX"], { cwd: dir });
    assert.equal(r.status, 64);
    for (const l of LOCALES) assert.ok(r.stderr.includes(l), `${l} in ${r.stderr}`);
  });
});

describe("interruption", () => {
  test("SIGINT leaves no partial output and keeps the previous output", async () => {
    const out = path.join(dir, "interrupted");
    assert.equal(runCli(["generate", "--schema", schema, "--count", "3", "--out", out], { cwd: dir }).status, 0);
    const before = fs.readFileSync(path.join(out, "dataset.jsonl"));
    const child = spawnCli(["generate", "--schema", schema, "--count", "500000", "--out", out], { cwd: dir });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const tmp = path.join(dir, `.interrupted.specmint-tmp-${child.pid}`);
    const deadline = Date.now() + 20_000;
    while (!fs.existsSync(path.join(tmp, "record_000100.json")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(fs.existsSync(tmp), "the run started writing its temporary folder");
    child.kill("SIGINT");
    const code = await exited;
    assert.equal(code, 130, stderr);
    assert.match(stderr, /interrupted/);
    assert.equal(fs.existsSync(tmp), false);
    assert.ok(fs.readFileSync(path.join(out, "dataset.jsonl")).equals(before));
    assert.equal(fs.readdirSync(out).length, 5);
  });
});
