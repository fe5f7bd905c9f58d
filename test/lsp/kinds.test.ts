// The kinds of records in the language server: specmint/samples and specmint/generate with `kind`
// make the records `specmint generate --kind K` makes (labels included, violations.jsonl written the
// same), a kind the schema (or this build) cannot give is a clean error, and a hover on a property
// shows one invalid value of it with its label, taken from the CLI's invalid records.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ErrorCodes, HoverRequest, ResponseError, type Hover, type MarkupContent } from "vscode-languageserver-protocol";
import {
  GenerateRequest,
  SamplesRequest,
  type GenerateParams,
  type GenerateResult,
  type SamplesParams,
  type SamplesResult,
  type Violation,
} from "../../common/protocol";
import { LspClient, ROOT, fixturePath, positionOf } from "./lspClient";

const BIN = path.join(ROOT, "bin/specmint.js");
const NAME = "customer.schema.json";
const SEED = 3;

interface CliRun {
  status: number | null;
  /** Records, one JSON text a line. */
  records: string[];
  /** Kind invalid: the labels stderr carries, one a record. */
  labels: Violation[];
  stderr: string;
}

function cli(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [BIN, "generate", "--schema", fixturePath(NAME), "--stdout", ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });
  return {
    status: r.status,
    records: r.stdout.split("\n").filter((l) => l !== ""),
    labels: r.stderr
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Violation),
    stderr: r.stderr,
  };
}

let client: LspClient;
let uri: string;
let text: string;
let dir: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-lsp-kinds-"));
  client = await LspClient.start({ trusted: true, settings: { seed: SEED, hover: { samples: 2 } } });
  ({ uri, text } = await client.openFixture(NAME));
  await client.diagnosticsFor(uri, 1);
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const samples = (p: Partial<SamplesParams>) =>
  client.request<SamplesParams, SamplesResult>(SamplesRequest, { uri, pointer: "", count: 6, seed: SEED, ...p }, 60_000);

describe("kind invalid", () => {
  test("specmint/samples of the root: the CLI's invalid records, each with the label the CLI gives it", async () => {
    const expected = cli("--kind", "invalid", "--seed", String(SEED), "--count", "12");
    assert.equal(expected.status, 0, expected.stderr);
    const r = await samples({ kind: "invalid", count: 12 });
    assert.deepEqual(
      r.samples.map((s) => JSON.stringify(s)),
      expected.records,
    );
    assert.deepEqual(r.violations, expected.labels);
    assert.equal(new Set(r.violations.map((v) => v.keyword)).size > 3, true, "the records break different constraints");
  });

  test("violate limits the constraints as --violate does", async () => {
    const expected = cli("--kind", "invalid", "--violate", "maxLength,enum", "--seed", String(SEED), "--count", "5");
    assert.equal(expected.status, 0, expected.stderr);
    const r = await samples({ kind: "invalid", violate: ["maxLength", "enum"], count: 5 });
    assert.deepEqual(
      r.samples.map((s) => JSON.stringify(s)),
      expected.records,
    );
    assert.deepEqual(r.violations, expected.labels);
    assert.ok(r.violations.every((v) => ["maxLength", "enum"].includes(v.keyword)));
  });

  test("deeper: the values at the label's place in the invalid records that break that node's constraints", async () => {
    const all = cli("--kind", "invalid", "--seed", String(SEED), "--count", "200");
    assert.equal(all.status, 0, all.stderr);
    const r = await samples({ kind: "invalid", pointer: "/properties/age", count: 3 });
    assert.equal(r.samples.length, 3);
    for (const [k, v] of r.violations!.entries()) {
      assert.equal(v.instance_path, "/age");
      assert.ok(["minimum", "maximum", "type"].includes(v.keyword), v.keyword);
      assert.deepEqual(v, all.labels[v.index - 1], "the CLI's label of that record");
      assert.deepEqual(r.samples[k], (JSON.parse(all.records[v.index - 1]) as { age: unknown }).age, "the CLI's value there");
    }
    // A required property's own constraints, then its absence from the object that requires it.
    const name = await samples({ kind: "invalid", pointer: "/properties/name", count: 4 });
    assert.deepEqual(
      name.violations!.map((v) => v.keyword),
      ["minLength", "maxLength", "type", "required"],
    );
    assert.deepEqual(name.violations![3].expected.params, { missingProperty: "name" });
    assert.equal((name.samples[3] as Record<string, unknown>).name, undefined);
  });

  test("specmint/generate writes the CLI's records and violations.jsonl", async () => {
    const outDir = path.join(dir, "invalid");
    const result = await client.request<GenerateParams, GenerateResult>(
      GenerateRequest,
      { uri, count: 15, seed: SEED, outDir, formats: ["jsonl"], llmMode: "off", kind: "invalid" },
      60_000,
    );
    assert.ok(result.files.includes("violations.jsonl"), result.files.join(", "));
    assert.equal(result.manifest.gen.kind, "invalid");
    const cliOut = path.join(dir, "invalid-cli");
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        "generate",
        "--schema",
        fixturePath(NAME),
        "--kind",
        "invalid",
        "--seed",
        String(SEED),
        "--count",
        "15",
        "--format",
        "jsonl",
        "--out",
        cliOut,
      ],
      { encoding: "utf8", timeout: 60_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    for (const file of ["dataset.jsonl", "violations.jsonl"])
      assert.equal(fs.readFileSync(path.join(outDir, file), "utf8"), fs.readFileSync(path.join(cliOut, file), "utf8"), file);
    const cliManifest = JSON.parse(fs.readFileSync(path.join(cliOut, "manifest.json"), "utf8")) as GenerateResult["manifest"];
    assert.equal(result.manifest.dataset_id, cliManifest.dataset_id);
    assert.deepEqual(result.manifest.gen, cliManifest.gen);
  });

  test("a bad kind, violate without kind invalid, or an LLM mode with kind invalid is refused, naming the fix", async () => {
    const refused = (p: Promise<unknown>, pattern: RegExp) =>
      assert.rejects(p, (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidParams && pattern.test(e.message));
    await refused(samples({ kind: "negative" as SamplesParams["kind"] }), /unknown kind "negative"; expected valid, invalid, boundary/);
    await refused(samples({ violate: ["minimum"] }), /ask for kind "invalid"/);
    await refused(samples({ kind: "invalid", violate: ["minimun"] }), /unknown keyword "minimun"/);
    const outDir = path.join(dir, "llm");
    await refused(
      client.request(GenerateRequest, { uri, count: 2, seed: 1, outDir, formats: ["jsonl"], llmMode: "fields", kind: "invalid" }),
      /llmMode "off"/,
    );
    assert.equal(fs.existsSync(outDir), false);
  });
});

test("kind boundary: the CLI's boundary records, or (while the CLI cannot make them) the same refusal, and the server lives on", async () => {
  const expected = cli("--kind", "boundary", "--seed", String(SEED), "--count", "4");
  const outDir = path.join(dir, "boundary");
  const generate = client.request<GenerateParams, GenerateResult>(
    GenerateRequest,
    { uri, count: 4, seed: SEED, outDir, formats: ["jsonl"], llmMode: "off", kind: "boundary" },
    60_000,
  );
  generate.catch(() => undefined); // awaited below; a failure before that is not an unhandled rejection
  if (expected.status === 0) {
    const r = await samples({ kind: "boundary", count: 4 });
    assert.deepEqual(
      r.samples.map((s) => JSON.stringify(s)),
      expected.records,
    );
    await generate;
    assert.equal(fs.readFileSync(path.join(outDir, "dataset.jsonl"), "utf8"), expected.records.join("\n") + "\n");
  } else {
    // The CLI's reason, as a request error (not an internal error, not a dropped connection).
    const reason = /^specmint: [a-z ]*error: (.+)$/m.exec(expected.stderr)?.[1];
    assert.ok(reason, expected.stderr);
    const clean = (e: unknown) => e instanceof ResponseError && e.message === `SpecMint: ${reason}`;
    await assert.rejects(samples({ kind: "boundary", count: 4 }), clean);
    await assert.rejects(generate, clean);
    assert.equal(fs.existsSync(path.join(outDir, "manifest.json")), false);
  }
  // Still answering.
  assert.equal((await samples({ count: 2 })).samples.length, 2);
});

/** The "Invalid: …" line of the hover at `needle`, hovering again until it comes (it is made after the samples). */
async function invalidLineAt(needle: string, delta: number): Promise<string> {
  let last = "";
  for (let attempt = 0; attempt < 100; attempt++) {
    const h = await client.request<unknown, Hover | null>(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(text, needle, delta),
    });
    last = h ? (h.contents as MarkupContent).value : "";
    const line = /^Invalid: .*$/m.exec(last)?.[0];
    if (line) return line;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`a hover with an invalid value:\n${last}`);
}

test("a hover on a property shows one invalid value of it and its label, the CLI's invalid record", async () => {
  const all = cli("--kind", "invalid", "--seed", String(SEED), "--count", "200");
  const line = await invalidLineAt('"age": {', 1);
  const m = /^Invalid: `(-?\d+)` — age (-?\d+) is below minimum 18 \(minimum at \/age; record (\d+) of `--kind invalid`\)$/.exec(line);
  assert.ok(m, line);
  assert.equal(m[2], m[1]);
  const index = Number(m[3]);
  assert.deepEqual(all.labels[index - 1], {
    ...all.labels[index - 1],
    keyword: "minimum",
    instance_path: "/age",
    message: `age ${m[1]} is below minimum 18`,
  });
  assert.equal((JSON.parse(all.records[index - 1]) as { age: number }).age, Number(m[1]));
  // On the root: one of the root's own constraints (its required properties before its type), not record 1's break.
  const root = await invalidLineAt('"title"', 1);
  assert.match(root, /^Invalid: absent — id is missing \(required\) \(required at \/; record \d+ of `--kind invalid`\)$/);
});
