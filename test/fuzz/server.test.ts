// Fuzz of the language server (issue 12). In process: the service layer (analysis and every
// feature) on random documents with random edits, each case in a worker thread with a time budget
// (cases.ts). Then a smaller number of documents typed into the real server (dist/server.js over
// stdio): every request is answered within its budget, the final diagnostics arrive, the server
// stays alive and logs no failure, and no answer quotes the file outside the workspace.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { BUDGET, RUNS } from "./config";
import { CasePool } from "./pool";
import { applyEdits, documentCaseArb, schemaCaseArb, shapeOf, type DocumentCase, type SchemaCase } from "./arbitraries";
import { fuzzTier } from "./driver";
import { around, leaks, makeLayout, normalize, writeCaseFiles } from "./cases";
import { RequestType } from "vscode-languageserver-protocol";
import { LspClient } from "../lsp/lspClient";
import { pathToUri } from "../../common/paths";

const pool = new CasePool(2);
after(() => pool.close());

const serverCaseArb = fc.record({
  doc: documentCaseArb,
  schema: schemaCaseArb,
  trusted: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)),
});
/** The shape of every version of the document (an edit may type `"minLength": 1e9`). */
const shape = (c: { doc: DocumentCase; schema: SchemaCase }) => {
  const texts = [c.doc.text];
  for (const edits of c.doc.versions) texts.push(applyEdits(texts.at(-1)!, edits));
  return shapeOf([...texts, c.schema.sibling, c.schema.other]);
};

test(`server service layer: ${RUNS.server} random documents with random edits; analysis and every feature answer`, async () => {
  await fuzzTier({
    tier: "server",
    arbitrary: serverCaseArb,
    runs: RUNS.server,
    parallel: 2,
    shape,
    run: (c) => pool.run("server", c, BUDGET.serverCase),
  });
});

const REQUESTS = [
  "textDocument/hover",
  "textDocument/completion",
  "textDocument/codeAction",
  "textDocument/definition",
  "textDocument/codeLens",
  "textDocument/documentSymbol",
  "textDocument/semanticTokens/full",
];

function positionAt(text: string, offset: number): { line: number; character: number } {
  const at = offset % (text.length + 1);
  const lines = text.slice(0, at).split("\n");
  return { line: lines.length - 1, character: lines.at(-1)!.length };
}

test(`real server: ${RUNS.lsp} documents typed into dist/server.js; it answers every request and stays alive`, async (t) => {
  if (RUNS.lsp === 0) return t.skip("SPECMINT_FUZZ_LSP=0");
  assert.ok(fs.existsSync(path.join(__dirname, "../../dist/server.js")), "run `npm run build` first (npm test does)");
  const layout = makeLayout("specmint-fuzz-lsp-");
  let client = await LspClient.start({
    workspaceFolder: layout.project,
    settings: { hover: { samples: 2 } },
    timeoutMs: BUDGET.lspRequest,
  });
  let n = 0;
  try {
    await fuzzTier({
      tier: "lsp",
      arbitrary: serverCaseArb,
      runs: RUNS.lsp,
      parallel: 1,
      shape,
      run: async (c: { doc: DocumentCase; schema: SchemaCase }) => {
        const started = Date.now();
        const dir = path.join(layout.project, `d${n++}`);
        writeCaseFiles(layout, dir, c.schema);
        const uri = pathToUri(path.join(dir, "doc.schema.json"));
        const answers: string[] = [];
        client.log.length = 0;
        const fail = (klass: string, detail: string) => ({ failure: { klass, detail }, ms: Date.now() - started });
        try {
          let text = c.doc.text;
          await client.open(uri, text);
          let version = 1;
          for (let v = 0; v <= c.doc.versions.length; v++) {
            if (v > 0) {
              text = applyEdits(text, c.doc.versions[v - 1]);
              version = await client.change(uri, text);
            }
            for (const offset of c.doc.positions) {
              const position = positionAt(text, offset);
              for (const method of REQUESTS) {
                const params =
                  method === "textDocument/codeAction"
                    ? { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }
                    : { textDocument: { uri }, position };
                try {
                  answers.push(JSON.stringify(await client.request(new RequestType<unknown, unknown, unknown>(method), params)) ?? "");
                } catch (e) {
                  return fail(`real server: ${method} ${normalize((e as Error).message)}`, String(e));
                }
              }
            }
          }
          try {
            const diagnostics = await client.diagnosticsFor(uri, version);
            answers.push(JSON.stringify(diagnostics));
          } catch (e) {
            return fail("real server: no diagnostics for the last version", String(e));
          }
          if (client.child.exitCode !== null || client.child.signalCode !== null)
            return fail("real server died", `exit ${client.child.exitCode} ${client.child.signalCode}`);
          const logged = client.log.filter((l) => /failed|uncaught|unhandled|internal error/i.test(l));
          client.log.length = 0;
          if (logged.length) return fail(`real server logged: ${normalize(logged[0].split("\n")[0])}`, logged.join("\n").slice(0, 3000));
          const leak = leaks(answers.join("\n"));
          if (leak) return fail(`real server answer quotes ${leak}`, around(answers.join("\n")));
          return { ms: Date.now() - started };
        } finally {
          if (client.child.exitCode === null && client.child.signalCode === null) await client.close(uri);
          else {
            client = await LspClient.start({
              workspaceFolder: layout.project,
              settings: { hover: { samples: 2 } },
              timeoutMs: BUDGET.lspRequest,
            });
          }
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    });
  } finally {
    await client.stop();
    fs.rmSync(layout.root, { recursive: true, force: true });
  }
});
