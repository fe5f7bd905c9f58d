// Where the real-VS-Code tools are, and whether this machine has them. Locally a missing tool
// means "skipped: <why>"; under CI it is a failure (test/support/tiers.ts).
import { existsSync } from "node:fs";
import * as path from "node:path";
// @ts-expect-error: a plain .mjs script without type declarations, shared with .ci/run
import * as e2eSetup from "../../../scripts/e2e-setup.mjs";

/** The part of scripts/e2e-setup.mjs read here: the cache folders of Node 24 and code-server. */
const { e2eDirs } = e2eSetup as { e2eDirs: () => { root: string; node24: string; codeServer: string } };

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
