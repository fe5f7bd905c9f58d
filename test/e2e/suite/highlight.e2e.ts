// Semantic highlighting and deprecated keywords inside a real VS Code: the language client takes
// the server's semantic tokens with no code of the extension's own, a deprecated keyword comes as
// a diagnostic tagged Deprecated (struck through), and its quick fix leaves a schema whose $ref
// still resolves.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { openSchema, specmint, until } from "./util";

interface Token {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
}

function decode(tokens: vscode.SemanticTokens, legend: vscode.SemanticTokensLegend): Token[] {
  const out: Token[] = [];
  let line = 0;
  let character = 0;
  for (let k = 0; k < tokens.data.length; k += 5) {
    const [dLine, dChar, length, type, bits] = Array.from(tokens.data.slice(k, k + 5));
    line += dLine;
    character = dLine === 0 ? character + dChar : dChar;
    out.push({
      line,
      character,
      length,
      type: legend.tokenTypes[type],
      modifiers: legend.tokenModifiers.filter((_, i) => bits & (1 << i)),
    });
  }
  return out;
}

suite("highlighting and deprecated keywords", () => {
  suiteSetup(async () => {
    await specmint();
  });

  test("VS Code gets the server's semantic tokens: keywords, x- keywords, deprecated keywords, rule functions", async () => {
    const doc = await openSchema("legacy.schema.json");
    const legend = await until(
      "the semantic tokens legend",
      async () =>
        await vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>(
          "vscode.provideDocumentSemanticTokensLegend",
          doc.uri,
        ),
    );
    const tokens = await until("semantic tokens", async () => {
      const t = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>("vscode.provideDocumentSemanticTokens", doc.uri);
      return t && t.data.length ? decode(t, legend) : undefined;
    });
    const at = (needle: string) => {
      const p = doc.positionAt(doc.getText().indexOf(needle));
      return tokens.find((t) => t.line === p.line && t.character === p.character);
    };
    assert.deepEqual(at('"type"'), { ...at('"type"')!, type: "keyword", modifiers: [] });
    assert.deepEqual(at('"definitions"'), { ...at('"definitions"')!, type: "keyword", modifiers: ["deprecated"] });
    assert.deepEqual(at('"x-cross-field-rules"'), { ...at('"x-cross-field-rules"')!, type: "keyword", modifiers: ["specmint"] });
    assert.deepEqual(at('"name"'), { ...at('"name"')!, type: "property", modifiers: ["declaration"] });
    assert.equal(at("len(")?.type, "function");
  });

  test("a deprecated keyword is struck through, and its quick fix keeps the $ref resolving", async () => {
    const doc = await openSchema("legacy.schema.json");
    const deprecated = await until("the keyword-deprecated diagnostic", () =>
      vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === "keyword-deprecated"),
    );
    assert.deepEqual(deprecated.tags, [vscode.DiagnosticTag.Deprecated]);
    assert.equal(doc.getText(deprecated.range), '"definitions"');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      doc.uri,
      deprecated.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.isPreferred && a.title.includes("$defs"));
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /"\$ref": "#\/\$defs\/Id"/);
    const after = await until("the diagnostics of the fixed schema", () => {
      const all = vscode.languages.getDiagnostics(doc.uri);
      return all.some((d) => d.code === "keyword-deprecated") ? undefined : all;
    });
    assert.deepEqual(
      after.filter((d) => d.code === "ref-unresolved"),
      [],
    );
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  });
});
