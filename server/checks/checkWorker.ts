// The check worker: analyzeDocument for each version the server sends, with the rules module's
// checks. Runs in a worker thread of the server process; the server ends it when a check runs past
// its time budget or a newer version makes a long one pointless.
import { parentPort } from "node:worker_threads";
import { stackOf } from "../../core/base";
import { ruleFindings } from "../../core/rules";
import { analyzeDocument } from "../analysis";
import type { CheckRequest, CheckResponse } from "./messages";
import { WARM_UP_RUNS, warmUpSchema } from "./warmUp";

const WARM_UP_CONTEXT = { count: 100, referenceDate: "2026-01-01" };

export function runCheckWorker(): void {
  const port = parentPort!;
  // One warm-up check per turn of the event loop, so that a document's check is never queued
  // behind more than one; the first request ends the warm-up (its own checks warm the rest).
  let warmUps = WARM_UP_RUNS;
  const text = warmUpSchema();
  const warmUp = () => {
    if (warmUps-- <= 0) return;
    analyzeDocument({
      uri: "untitled:warm-up.schema.json",
      version: 1,
      text,
      overlay: () => undefined,
      rules: { ruleFindings },
      ruleContext: WARM_UP_CONTEXT,
    });
    setImmediate(warmUp);
  };
  setImmediate(warmUp);
  port.on("message", (req: CheckRequest) => {
    warmUps = 0;
    let response: CheckResponse;
    try {
      const overlay = new Map(req.input.overlay);
      const a = analyzeDocument({ ...req.input, overlay: (file) => overlay.get(file), rules: { ruleFindings } });
      response = {
        id: req.id,
        kind: "checked",
        findings: a.findings,
        diagnostics: a.diagnostics,
        internalErrors: a.internalErrors,
        elapsedMs: a.elapsedMs,
      };
    } catch (e) {
      response = { id: req.id, kind: "crash", message: stackOf(e) };
    }
    port.postMessage(response);
  });
}
