// Where the real-VS-Code tools are, and whether this machine has them. Locally a missing tool
// means "skipped: <why>"; under CI it is a failure (test/support/tiers.ts).
import { existsSync } from "node:fs";
import * as path from "node:path";
// The cache folders of Node 24 and code-server, as scripts/e2e-setup.mjs (also run by .ci/run) makes them.
import { e2eDirs } from "../../../scripts/e2e-setup.mjs";

export const CHROMIUM = process.env.SPECMINT_CHROMIUM ?? "/usr/bin/chromium";

export interface E2eTools {
  node24: string;
  codeServerBin: string;
  chromium: string;
}

/** The tools, or a reason they are missing. */
export function findE2eTools(): E2eTools | string {
  const dirs = e2eDirs();
  const codeServerBin = path.join(dirs.codeServer, "node_modules", ".bin", "code-server");
  if (!existsSync(CHROMIUM)) return `chromium not found at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(path.join(dirs.node24, "bin", "node")) || !existsSync(codeServerBin)) {
    return `code-server not cached under ${path.dirname(dirs.codeServer)} (run node scripts/e2e-setup.mjs)`;
  }
  return { node24: dirs.node24, codeServerBin, chromium: CHROMIUM };
}
