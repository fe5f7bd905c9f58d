// Entry of dist/server.js (`node dist/server.js --stdio`). Kept apart from server.ts: in a CJS
// bundle every module looks like the main module, so only this file may create the connection.
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server";

startServer(createConnection(ProposedFeatures.all));
