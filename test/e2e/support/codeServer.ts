// code-server (a real VS Code with a Node extension host) started in its own folders and its own
// process group, so that stopping it also stops the extension host and file watchers.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { E2eTools } from "./tools";

export interface CodeServer {
  port: number;
  origin: string;
  dir: string;
  log(): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** Leave Workspace Trust on (for the untrusted-workspace test). */
  trust?: boolean;
  /** Allow extension tests to run through the smoke-test driver. */
  testDriver?: boolean;
  settings?: Record<string, unknown>;
  /** .vsix files to install before starting. */
  install?: string[];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startCodeServer(tools: E2eTools, opts: CodeServerOptions = {}): Promise<CodeServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "specmint-cs-"));
  mkdirSync(path.join(dir, "user-data", "User"), { recursive: true });
  writeFileSync(
    path.join(dir, "user-data", "User", "settings.json"),
    JSON.stringify({
      "workbench.startupEditor": "none",
      "extensions.autoCheckUpdates": false,
      "extensions.autoUpdate": false,
      "telemetry.telemetryLevel": "off",
      "chat.disableAIFeatures": true,
      "workbench.tips.enabled": false,
      ...(opts.trust ? { "security.workspace.trust.enabled": true } : {}),
      ...opts.settings,
    }),
  );
  const env = {
    ...process.env,
    PATH: `${path.join(tools.node24, "bin")}:${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(dir, "xdg"),
    XDG_DATA_HOME: path.join(dir, "xdg-data"),
  };
  const dirs = [
    "--user-data-dir",
    path.join(dir, "user-data"),
    "--extensions-dir",
    path.join(dir, "extensions"),
    "--config",
    path.join(dir, "config.yaml"),
  ];
  for (const vsix of opts.install ?? []) {
    await run(tools.codeServerBin, [...dirs, "--install-extension", vsix], env);
  }
  const port = await freePort();
  const args = [
    ...dirs,
    "--bind-addr",
    `127.0.0.1:${port}`,
    "--auth",
    "none",
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-getting-started-override",
    ...(opts.trust ? [] : ["--disable-workspace-trust"]),
    ...(opts.testDriver ? ["--vscode-option", "enable-smoke-test-driver"] : []),
  ];
  const logFile = path.join(dir, "code-server.log");
  writeFileSync(logFile, "");
  const { openSync } = await import("node:fs");
  const out = openSync(logFile, "a");
  const child: ChildProcess = spawn(tools.codeServerBin, args, { env, detached: true, stdio: ["ignore", out, out] });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
      await new Promise((r) => setTimeout(r, 300));
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      const log = readFileSync(logFile, "utf8");
      await stop();
      throw new Error(`code-server did not start:\n${log.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { port, origin, dir, log: () => readFileSync(logFile, "utf8"), stop };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    c.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => c.kill("SIGKILL"), 120_000);
    c.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(" ")} exited ${code}: ${err}`));
    });
  });
}
