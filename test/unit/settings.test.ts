// The defaults are written once (common/settings.ts): package.json's contributes.configuration, the
// CLI's help and its resolved settings, and the server's settings all state the same values. Also the
// pure helpers every front uses: the output folder's name, host clean-up, reference dates.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import {
  DEFAULT_DRAFTS,
  DEFAULT_OPTIONAL_PROBABILITY,
  DEFAULT_REFERENCE_DATE,
  DEFAULT_SETTINGS,
  GENERATE_KINDS,
  LLM_MODES,
  cleanHost,
  defaultLlmCacheDir,
  normalizeReferenceDate,
  outputFolderFor,
} from "../../common/settings";
import { OUTPUT_FORMATS } from "../../core/output";
import { SCHEDULER_DEFAULTS } from "../../core/enrich";
import { run } from "../../cli/run";
import { resolveSettings } from "../../cli/settings";
import type { CliContext } from "../../cli/context";
import { DRAFT_NAMES } from "../../core/schema";
import { RECORD_KINDS } from "../../core/kinds";
import { draftOption, normalizeSettings, offlineOption } from "../../server/settings";

const ROOT = path.resolve(__dirname, "../..");
/** package.json's contributed settings, as far as these tests read them. */
interface PackageJson {
  contributes: { configuration: { properties: Record<string, { default: unknown; enum?: unknown[]; items?: { enum?: unknown[] } }> } };
}
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as PackageJson;
const contributed = pkg.contributes.configuration.properties;

/** DEFAULT_SETTINGS's leaves by dotted name (arrays and empty maps such as `refs` are leaves): "llm.mode", "formats", … */
function leaves(value: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) for (const [name, leaf] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(name, leaf);
  } else out.set(prefix, value);
  return out;
}

test("every specmint.* setting of package.json has the module's default, and every default is a setting", () => {
  const defaults = leaves(DEFAULT_SETTINGS);
  const names = Object.keys(contributed).map((k) => k.replace(/^specmint\./, ""));
  for (const name of names) {
    assert.ok(defaults.has(name), `specmint.${name} has a default in common/settings.ts`);
    assert.deepEqual(contributed[`specmint.${name}`].default, defaults.get(name), `default of specmint.${name}`);
  }
  assert.deepEqual([...defaults.keys()].sort(), [...names].sort());
  assert.deepEqual(contributed["specmint.llm.mode"].enum, [...LLM_MODES]);
  assert.deepEqual(contributed["specmint.generate.kind"].enum, [...RECORD_KINDS], "the kinds of --kind");
  assert.deepEqual(GENERATE_KINDS, RECORD_KINDS);
  assert.deepEqual(contributed["specmint.formats"].items?.enum, [...OUTPUT_FORMATS]);
  assert.deepEqual(contributed["specmint.defaultDraft"].enum, ["infer", ...DRAFT_NAMES], "infer, then the drafts --draft takes");
  assert.deepEqual(DEFAULT_DRAFTS, ["infer", ...DRAFT_NAMES]);
  assert.equal(DEFAULT_SETTINGS.referenceDate, DEFAULT_REFERENCE_DATE);
  assert.equal(DEFAULT_REFERENCE_DATE, "2026-01-01T00:00:00Z");
  assert.equal(DEFAULT_OPTIONAL_PROBABILITY, 0.9);
});

test("the settings module imports nothing (the engine may read it)", () => {
  const text = fs.readFileSync(path.join(ROOT, "common/settings.ts"), "utf8");
  assert.doesNotMatch(text, /^\s*(import|export\s+[^;]*\sfrom)\s/m);
  assert.doesNotMatch(text, /\brequire\(/);
});

async function help(...argv: string[]): Promise<string> {
  const out = new PassThrough();
  let text = "";
  out.on("data", (d) => (text += d));
  const ctx: CliContext = {
    cwd: ROOT,
    env: {},
    stdout: out as unknown as NodeJS.WriteStream,
    stderr: new PassThrough() as unknown as NodeJS.WriteStream,
    stderrIsTTY: false,
    signal: new AbortController().signal,
  };
  assert.equal(await run(argv, ctx), 0);
  return text;
}

/** The text after "default" on the line of a flag (or on the line below, where it wraps), up to a gap of two spaces. */
function stated(helpText: string, flag: string): string {
  const lines = helpText.split("\n");
  const k = lines.findIndex((l) => l.trimStart().startsWith(`${flag} `));
  assert.ok(k >= 0, `the help has a line for ${flag}`);
  const m = /default (.+?)(?: {2,}|$)/.exec(lines[k]) ?? /^\s+default (.+?)(?: {2,}|$)/.exec(lines[k + 1] ?? "");
  assert.ok(m, `the help states a default for ${flag}: ${lines[k]}`);
  return m[1];
}

test("the CLI's help states the module's defaults", async () => {
  const d = DEFAULT_SETTINGS;
  const generate = await help("generate", "--help");
  const expected: [string, string][] = [
    ["--count", String(d.count)],
    ["--seed", String(d.seed)],
    ["--out", `./${d.outputDirectory}/<schema name>`],
    ["--format", d.formats.join(",")],
    ["--reference-date", d.referenceDate],
    ["--llm-mode", d.llm.mode],
    ["--ollama-host", `$OLLAMA_HOST or ${d.ollama.host}`],
    ["--model", d.ollama.model],
    ["--temperature", String(d.llm.temperature)],
    ["--llm-workers", String(d.llm.workers)],
    ["--max-rps", String(d.llm.maxRps)],
    ["--timeout-ms", String(d.llm.timeoutMs)],
  ];
  for (const [flag, value] of expected) assert.equal(stated(generate, flag), value, flag);
  assert.match(generate, new RegExp(`retried ${SCHEDULER_DEFAULTS.retries} times`));
  assert.match(generate, new RegExp(`after ${SCHEDULER_DEFAULTS.breakerThreshold} failures in a row`));
  assert.match(generate, new RegExp(`not called for ${SCHEDULER_DEFAULTS.breakerCooldownMs / 1000} s`));

  const doctor = await help("doctor", "--help");
  assert.equal(stated(doctor, "--ollama-host"), `$OLLAMA_HOST or ${d.ollama.host}`);
  assert.equal(stated(doctor, "--model"), d.ollama.model);
  assert.match(await help("validate", "--help"), new RegExp(`\\(${d.referenceDate} when there is none\\)`));
});

test("with no flag, config or environment, the CLI and the server settle on the module's defaults", () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-settings-"));
  try {
    const s = resolveSettings(new Map([["schema", "user.schema.json"]]), {}, cwd);
    const d = DEFAULT_SETTINGS;
    assert.deepEqual(
      { count: s.count, seed: s.seed, formats: s.formats, referenceDate: s.referenceDate, out: s.out },
      { count: d.count, seed: d.seed, formats: d.formats, referenceDate: d.referenceDate, out: path.join(cwd, "fixtures", "user") },
    );
    assert.deepEqual(
      { mode: s.llm.mode, temperature: s.llm.temperature, workers: s.llm.workers, maxRps: s.llm.maxRps, timeoutMs: s.llm.timeoutMs },
      d.llm,
    );
    assert.deepEqual({ host: s.llm.ollamaHost, model: s.llm.model }, d.ollama);
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
  assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
  assert.equal(normalizeSettings(undefined, { OLLAMA_HOST: "gpu-box:11434/" }).ollama.host, "http://gpu-box:11434");
  assert.equal(normalizeSettings({ ollama: { host: "http://a:1" } }, { OLLAMA_HOST: "b:2" }).ollama.host, "http://a:1");
  const llm = normalizeSettings({ llm: { mode: "record", temperature: 3, workers: 0, maxRps: 0, timeoutMs: 50 } }).llm;
  assert.deepEqual(llm, { ...DEFAULT_SETTINGS.llm, mode: "record" });
});

test("specmint.generate.kind: one of the kinds of --kind; anything else is valid", () => {
  const kindOf = (v: unknown) => normalizeSettings({ generate: { kind: v } }).generate.kind;
  for (const k of RECORD_KINDS) assert.equal(kindOf(k), k);
  assert.equal(normalizeSettings({ "generate.kind": "invalid" }).generate.kind, "invalid");
  for (const bad of ["Invalid", "negative", 1, null, undefined]) assert.equal(kindOf(bad), "valid", String(bad));
});

test("specmint.defaultDraft: infer, or a draft as --draft spells it; anything else is infer", () => {
  const draftOf = (v: unknown) => normalizeSettings({ defaultDraft: v }).defaultDraft;
  assert.equal(draftOf("07"), "07");
  assert.equal(draftOf("draft-07"), "07");
  assert.equal(draftOf("4"), "04");
  assert.equal(draftOf("2019-09"), "2019-09");
  assert.equal(draftOf(" Infer "), "infer");
  for (const bad of ["08", "2021-01", "", 7, null]) assert.equal(draftOf(bad), "infer", String(bad));
  assert.equal(draftOption(normalizeSettings({ defaultDraft: "infer" })), undefined, "infer: loading is given no draft");
  assert.equal(draftOption(normalizeSettings({ defaultDraft: "draft-06" })), "06");
});

test("specmint.schemaDirs and specmint.refs: invalid entries dropped, relative folders against the workspace folder", () => {
  const s = normalizeSettings({
    schemaDirs: [" vendor ", "", 3, null, "/abs/schemas"],
    refs: { "https://json.schemastore.org/": "mirror", "not a url": "x", "https://a.example/": 5, "https://b.example/": " " },
  });
  assert.deepEqual(s.schemaDirs, ["vendor", "/abs/schemas"]);
  assert.deepEqual(s.refs, { "https://json.schemastore.org/": "mirror" });
  assert.deepEqual(normalizeSettings({ schemaDirs: "vendor", refs: ["x"] }), DEFAULT_SETTINGS, "not a list, not a map: the defaults");
  const base = path.resolve("/ws");
  assert.deepEqual(offlineOption(s, base), {
    schemaDirs: [path.join(base, "vendor"), path.resolve("/abs/schemas")],
    refMap: [{ prefix: "https://json.schemastore.org/", folder: path.join(base, "mirror") }],
  });
  assert.deepEqual(offlineOption(s, undefined).schemaDirs, [path.resolve("/abs/schemas")], "no base: relative folders are dropped");
});

test("the output folder is named after the schema file without extensions and leading dots", () => {
  assert.equal(outputFolderFor("/work/schemas/user.schema.json"), "fixtures/user");
  assert.equal(outputFolderFor("C:\\work\\order.json", "out/"), "out/order");
  assert.equal(outputFolderFor("/work/.hidden.schema.json"), "fixtures/hidden");
  assert.equal(outputFolderFor("/work/...."), "fixtures/schema");
  assert.equal(outputFolderFor(undefined, "data"), "data/schema");
  assert.equal(outputFolderFor("a.json", ""), "a");
});

test("hosts get a scheme and lose trailing slashes; what is not http(s) is refused", () => {
  assert.equal(cleanHost("127.0.0.1:11434"), "http://127.0.0.1:11434");
  assert.equal(cleanHost(" https://gpu-box:11434// "), "https://gpu-box:11434");
  assert.equal(cleanHost("http://127.0.0.1:11434"), "http://127.0.0.1:11434");
  assert.equal(cleanHost("ftp://example.org"), undefined);
  assert.equal(cleanHost("http://exa mple"), undefined);
  assert.equal(cleanHost("  "), undefined);
});

test("reference dates are normalised to UTC date-times; what is not a calendar date is refused", () => {
  assert.equal(normalizeReferenceDate("2026-01-01"), "2026-01-01T00:00:00Z");
  assert.equal(normalizeReferenceDate("2026-03-04T05:06:07+01:00"), "2026-03-04T04:06:07Z");
  assert.equal(normalizeReferenceDate(new Date(Date.UTC(2025, 5, 1))), "2025-06-01T00:00:00Z");
  assert.equal(normalizeReferenceDate("2026-02-30"), undefined);
  assert.equal(normalizeReferenceDate("soon"), undefined);
  assert.equal(normalizeReferenceDate(20260101), undefined);
});

test("the LLM cache lives under XDG_CACHE_HOME, else ~/.cache", () => {
  const join = (...p: string[]) => p.join("/");
  assert.equal(defaultLlmCacheDir({ XDG_CACHE_HOME: "/c" }, "/home/u", join), "/c/specmint/llm");
  assert.equal(defaultLlmCacheDir({ XDG_CACHE_HOME: " " }, "/home/u", join), "/home/u/.cache/specmint/llm");
  assert.equal(defaultLlmCacheDir({}, "/home/u", join), "/home/u/.cache/specmint/llm");
});

test("every setting is described in Markdown (the Settings editor shows a plain description's backticks as they are)", () => {
  for (const [name, raw] of Object.entries(contributed)) {
    const s = raw as { description?: string; markdownDescription?: string; enumDescriptions?: string[] };
    assert.equal(typeof s.markdownDescription, "string", `${name} has a markdownDescription`);
    assert.equal(s.description, undefined, `${name} has no plain description`);
    assert.equal(s.enumDescriptions, undefined, `${name} uses markdownEnumDescriptions`);
  }
});
