// CodeLenses on the schema root: preview its samples, or write fixtures. The client implements both
// commands (it owns the UI); the argument is the document URI.
import type { CodeLens } from "vscode-languageserver";
import { Commands } from "../../common/protocol";
import type { JsonDocument } from "../jsonDocument";

export function codeLensesFor(doc: JsonDocument): CodeLens[] {
  if (doc.tree?.type !== "object") return [];
  const start = doc.positionAt(doc.tree.offset);
  const range = { start, end: { line: start.line, character: start.character + 1 } };
  return [
    { range, command: { title: "Preview samples", command: Commands.previewSamples, arguments: [doc.uri] } },
    { range, command: { title: "Generate fixtures", command: Commands.generateFixtures, arguments: [doc.uri] } },
  ];
}

/** A set file's lens: generate the whole set (the same command; the client sees a set file). */
export function setFileCodeLenses(uri: string): CodeLens[] {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  return [{ range, command: { title: "Generate fixtures for this set", command: Commands.generateFixtures, arguments: [uri] } }];
}
