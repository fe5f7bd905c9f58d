// Registers the extension's requests beyond samples/generate (server/server.ts calls this once).
import type { Connection } from "vscode-languageserver";
import { registerDatasetRequests } from "./datasetRequests";
import { registerOllamaRequests } from "./ollamaRequests";
import type { ExtensionRequestContext } from "./extensionContext";

export function registerExtensionRequests(connection: Connection, ctx: ExtensionRequestContext): void {
  registerDatasetRequests(connection, ctx);
  registerOllamaRequests(connection, ctx);
}
