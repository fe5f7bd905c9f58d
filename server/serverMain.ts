// Entry of dist/server.js (`node dist/server.js --stdio`). Kept apart from server.ts: in a CJS
// bundle every module looks like the main module, so only this file may create the connection.
// The same bundle runs the generation and check worker threads, told apart by their workerData.
import { isMainThread, workerData } from "node:worker_threads";
import { stackOf } from "../core/base";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server";
import { runGenerationWorker } from "./generation/worker";
import { WORKER_ROLE } from "./generation/messages";
import { runCheckWorker } from "./checks/checkWorker";
import { CHECK_WORKER_ROLE } from "./checks/messages";
import { ruleFindings } from "../core/rules";

const role = isMainThread ? undefined : (workerData as { role?: string } | undefined)?.role;
if (role === WORKER_ROLE) {
  runGenerationWorker();
} else if (role === CHECK_WORKER_ROLE) {
  runCheckWorker();
} else {
  const connection = createConnection(ProposedFeatures.all);
  // The server must outlive any bug in a handler: log it and carry on.
  process.on("uncaughtException", (e) => connection.console.error(`specmint: uncaught: ${stackOf(e)}`));
  process.on("unhandledRejection", (e) => connection.console.error(`specmint: unhandled rejection: ${stackOf(e)}`));
  startServer(connection, { workerScript: __filename, rules: { ruleFindings } });
}
