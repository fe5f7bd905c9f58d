// The language server: adapts the engine to LSP. This first version reports whether a schema
// loads and generates (syntax, unresolved refs, unsatisfiable nodes) and answers specmint/samples
// for the root; the full editor features come with their own issue.
import { DiagnosticSeverity, TextDocumentSyncKind, type Connection, type Diagnostic } from "vscode-languageserver";
import { TextDocuments } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { URI_TO_PATH } from "./paths";
import { loadSchemaText } from "../core/schema";
import { Generator } from "../core/engine";
import { SpecMintError } from "../core/errors";
import { SamplesRequest } from "../common/protocol";

const DIAGNOSTIC_CODE: Record<string, string> = { schema: "schema-invalid", io: "schema-invalid", usage: "schema-invalid", validation: "schema-invalid" };

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);

  connection.onInitialize(() => ({
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: "specmint" },
  }));

  const check = (doc: TextDocument): Diagnostic[] => {
    try {
      const gen = new Generator(loadSchemaText(doc.getText(), URI_TO_PATH(doc.uri)), { seed: 1 });
      for (let i = 1; i <= 3; i++) gen.record(i);
      return [];
    } catch (e) {
      if (!(e instanceof SpecMintError)) {
        connection.console.error(`specmint: check failed: ${(e as Error).stack}`);
        return [];
      }
      const line = (e.location.line ?? 1) - 1;
      const character = (e.location.column ?? 1) - 1;
      const syntax = e.message.startsWith("the schema is not valid JSON");
      const unsatisfiable = e.message.includes("cannot be satisfied") || e.message.includes("cannot generate");
      return [{
        range: { start: { line, character }, end: { line, character: character + 1 } },
        severity: DiagnosticSeverity.Error,
        source: "specmint",
        code: syntax ? "json-syntax" : unsatisfiable ? "unsatisfiable" : e.message.includes("resolve") ? "ref-unresolved" : DIAGNOSTIC_CODE[e.kind],
        message: e.message,
      }];
    }
  };

  documents.onDidChangeContent(({ document }) => {
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: check(document) });
  });

  connection.onRequest(SamplesRequest, ({ uri, count, seed }) => {
    const doc = documents.get(uri);
    if (!doc) return { samples: [] };
    try {
      const gen = new Generator(loadSchemaText(doc.getText(), URI_TO_PATH(uri)), { seed });
      return { samples: Array.from({ length: Math.min(count, 100) }, (_, k) => gen.record(k + 1)) };
    } catch {
      return { samples: [] };
    }
  });

  documents.listen(connection);
  connection.listen();
}
