// Section "lsp": the language server (dist/server.js over stdio, as an editor runs it) on the
// 2,000- and 5,000-line bench schemas — time from didChange to the publishDiagnostics of that
// version (debounce included), hover latency, the background generation probe on its own — beside
// VS Code's JSON language service (vscode-json-languageservice) validating the same text against
// the 2020-12 meta-schema in this process.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT, SHARED_BENCH_DIR, benchSchema, median, pad, padEnd, requireFromRoot } from "./lib.mjs";

export const LSP_DEFAULTS = {
  schemas: ["lsp-2000.schema.json", "lsp-5000.schema.json"],
  edits: 50,
  /** A person pauses between edits; longer than the server's 150 ms debounce window. */
  pauseMs: 200,
  /** Edits whose hover is asked at once (the generator for the new text is still being built). */
  immediateHovers: 10,
  burst: { edits: 10, gapMs: 40 },
  targets: { diagnosticsP95: 100, hoverP95: 30 },
};

const rpc = requireFromRoot("vscode-languageserver-protocol/node");
const { TextDocument, getLanguageService } = requireFromRoot("vscode-json-languageservice");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function p95(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}

const ms = (x) => (x === undefined ? "—" : `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`);

/** The server as a child process with a JSON-RPC client on its pipes. */
async function startServer() {
  const child = spawn(process.execPath, [resolve(PROJECT_ROOT, "dist/server.js"), "--stdio"], { stdio: ["pipe", "pipe", "ignore"] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = [];
  connection.onNotification("textDocument/publishDiagnostics", (p) => {
    const now = performance.now();
    for (const w of waiters.slice()) {
      if (w.uri === p.uri && w.version === p.version) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(now);
      }
    }
  });
  connection.onRequest("workspace/configuration", (p) => p.items.map(() => ({})));
  connection.listen();
  await connection.sendRequest("initialize", {
    processId: null,
    rootUri: pathToFileURL(SHARED_BENCH_DIR).href,
    capabilities: { workspace: { configuration: true } },
    initializationOptions: { trusted: false },
  });
  await connection.sendNotification("initialized", {});
  const published = (uri, version) => new Promise((resolve) => waiters.push({ uri, version, resolve }));
  const stop = async () => {
    await Promise.race([connection.sendRequest("shutdown"), sleep(3000)]).catch(() => {});
    await connection.sendNotification("exit").catch(() => {});
    await Promise.race([new Promise((r) => child.once("exit", r)), sleep(3000)]);
    if (child.exitCode === null) child.kill("SIGKILL");
    connection.dispose();
  };
  return { connection, published, stop };
}

function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

/** Offsets of every `"maximum": <n>` value, the numbers the edits change. */
function editableNumbers(text) {
  const out = [];
  for (const m of text.matchAll(/"maximum": (\d+)/g)) out.push({ offset: m.index + m[0].length - m[1].length, length: m[1].length });
  return out;
}

/** vscode-json-languageservice set up to validate against the 2020-12 meta-schema, offline. */
function vscodeJsonService() {
  const base = "https://json-schema.org/draft/2020-12/";
  const files = { schema: "schema.json" };
  for (const v of ["core", "applicator", "unevaluated", "validation", "meta-data", "format-annotation", "content"])
    files[`meta/${v}`] = `meta/${v}.json`;
  const texts = new Map(
    Object.entries(files).map(([k, f]) => [
      base + k,
      readFileSync(resolve(PROJECT_ROOT, "node_modules/ajv/dist/refs/json-schema-2020-12", f), "utf8"),
    ]),
  );
  const service = getLanguageService({
    schemaRequestService: (uri) =>
      texts.has(uri.replace(/#$/, "")) ? Promise.resolve(texts.get(uri.replace(/#$/, ""))) : Promise.reject(new Error(`offline: ${uri}`)),
  });
  service.configure({ validate: true, allowComments: false });
  return async (uri, version, text) => {
    const t0 = performance.now();
    const doc = TextDocument.create(uri, "json", version, text);
    const diagnostics = await service.doValidation(doc, service.parseJSONDocument(doc), { schemaValidation: "error" });
    return { ms: performance.now() - t0, count: diagnostics.length };
  };
}

async function benchOne(file, options, out) {
  const path = benchSchema(resolve(SHARED_BENCH_DIR, file), out);
  if (!path) return undefined;
  const original = readFileSync(path, "utf8");
  const lines = original.split("\n").length - (original.endsWith("\n") ? 1 : 0);
  const uri = pathToFileURL(path).href;
  const server = await startServer();
  const { connection } = server;
  const figures = { file, lines };
  try {
    let text = original;
    let version = 1;
    let t0 = performance.now();
    const first = server.published(uri, version);
    await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "json", version, text } });
    figures.openDiagnostics = (await first) - t0;
    t0 = performance.now();
    await connection.sendRequest("specmint/samples", { uri, pointer: "", count: 1, seed: 1 });
    figures.firstProbe = performance.now() - t0;

    const numbers = editableNumbers(original);
    const nameKeys = [...original.matchAll(/"name": \{/g)].map((m) => m.index + 2);
    const diag = [],
      hover = [],
      probe = [],
      immediate = [];
    const edit = async (k) => {
      // Each edit rewrites one `maximum` (same length, so the offsets stay valid).
      const n = numbers[k % numbers.length];
      const value = String(100 + (k % 9))
        .padStart(n.length, "1")
        .slice(0, n.length);
      const range = { start: positionAt(text, n.offset), end: positionAt(text, n.offset + n.length) };
      text = text.slice(0, n.offset) + value + text.slice(n.offset + n.length);
      version++;
      const published = server.published(uri, version);
      const t = performance.now();
      await connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ range, text: value }],
      });
      return { t, published, hoverAt: positionAt(text, nameKeys[k % nameKeys.length]) };
    };
    const hoverAt = async (position) => {
      const t = performance.now();
      const h = await connection.sendRequest("textDocument/hover", { textDocument: { uri }, position });
      if (!h?.contents?.value?.includes("```json")) throw new Error(`hover without samples: ${JSON.stringify(h).slice(0, 300)}`);
      return performance.now() - t;
    };

    const texts = [];
    for (let k = 0; k < options.edits; k++) {
      await sleep(options.pauseMs);
      const e = await edit(k);
      diag.push((await e.published) - e.t);
      texts.push(text);
      // The probe (and the generator hovers use) is ready when a samples request can be answered.
      await connection.sendRequest("specmint/samples", { uri, pointer: "", count: 1, seed: 1 });
      probe.push(performance.now() - e.t);
      hover.push(await hoverAt(e.hoverAt));
    }
    for (let k = 0; k < options.immediateHovers; k++) {
      await sleep(options.pauseMs);
      const e = await edit(options.edits + k);
      await e.published;
      immediate.push(await hoverAt(e.hoverAt));
    }
    // A burst: edits closer together than the debounce window are validated once, 150 ms after the last.
    await sleep(options.pauseMs);
    let last;
    for (let k = 0; k < options.burst.edits; k++) {
      last = await edit(options.edits + options.immediateHovers + k);
      if (k < options.burst.edits - 1) await sleep(options.burst.gapMs);
    }
    figures.burstLast = (await last.published) - last.t;

    const vscodeJson = vscodeJsonService();
    await vscodeJson(uri, 0, original); // loads the meta-schemas
    const theirs = [];
    let theirDiagnostics = 0;
    for (const [k, t] of texts.entries()) {
      const r = await vscodeJson(uri, k + 1, t);
      theirs.push(r.ms);
      theirDiagnostics = r.count;
    }
    Object.assign(figures, {
      diagnostics: { median: median(diag), p95: p95(diag) },
      hover: { median: median(hover), p95: p95(hover) },
      probe: { median: median(probe), p95: p95(probe) },
      hoverRightAfterEdit: { median: median(immediate), p95: p95(immediate) },
      vscodeJson: { median: median(theirs), p95: p95(theirs), diagnostics: theirDiagnostics },
    });
  } finally {
    await server.stop();
  }
  return figures;
}

export async function benchLsp({ out = console.log, ...overrides } = {}) {
  const options = { ...LSP_DEFAULTS, ...overrides };
  out(`lsp — dist/server.js over stdio; ${options.edits} edits ${options.pauseMs} ms apart (past the 150 ms debounce), median / p95`);
  out(
    `  ${padEnd("schema", 22)}${pad("lines", 6)}${pad("didChange→diagnostics", 24)}${pad("hover", 18)}${pad("probe (on its own)", 22)}${pad("vscode-json validate", 24)}`,
  );
  const results = [];
  for (const file of options.schemas) {
    const f = await benchOne(file, options, out);
    if (!f) continue;
    results.push(f);
    const pair = (x) => `${ms(x.median)} / ${ms(x.p95)}`;
    out(
      `  ${padEnd(f.file, 22)}${pad(f.lines, 6)}${pad(pair(f.diagnostics), 24)}${pad(pair(f.hover), 18)}${pad(pair(f.probe), 22)}${pad(pair(f.vscodeJson), 24)}`,
    );
    out(
      `    open: diagnostics ${ms(f.openDiagnostics)}, first probe ${ms(f.firstProbe)} · hover asked right after an edit (generator rebuilt first): ${pair(f.hoverRightAfterEdit)} · burst of ${options.burst.edits} edits ${options.burst.gapMs} ms apart: last edit → diagnostics ${ms(f.burstLast)}`,
    );
  }
  const big = results.find((r) => r.file.includes("5000"));
  if (big) {
    const okDiag = big.diagnostics.p95 < options.targets.diagnosticsP95;
    const okHover = big.hover.p95 < options.targets.hoverP95;
    out(
      `  targets on 5,000 lines: diagnostics p95 < ${options.targets.diagnosticsP95} ms ${okDiag ? "met" : "MISSED"} (${ms(big.diagnostics.p95)}); hover p95 < ${options.targets.hoverP95} ms ${okHover ? "met" : "MISSED"} (${ms(big.hover.p95)})`,
    );
  }
  return results;
}
