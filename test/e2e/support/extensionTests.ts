// Runs an extension test module (`export function run(): Promise<void>`, the @vscode/test-electron
// contract) inside code-server's real extension host, through the smoke-test driver: the page
// reports the result through `codeAutomationExit`.
import { format } from "node:util";
import type { E2eTools } from "./tools";
import { startCodeServer, type CodeServerOptions } from "./codeServer";
import { openBrowser } from "./browser";

export interface ExtensionTestRun {
  exitCode: number;
  output: string[];
}

const NOISE =
  /AgentHost|ChatModelSelection|AccountPolicyGate|open-vsx\.org|authentication provider 'github'|socket|connection token|grace time|builtin extensions cache|Service Worker/;

export async function runExtensionTests(
  tools: E2eTools,
  opts: {
    workspace: string;
    extensionPath: string;
    testsPath: string;
    env?: Record<string, string>;
    timeoutMs?: number;
  } & CodeServerOptions,
): Promise<ExtensionTestRun> {
  const server = await startCodeServer(tools, { ...opts, testDriver: true });
  const browser = await openBrowser(tools.chromium);
  const output: string[] = [];
  try {
    const { page } = browser;
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (resolveExit = r));
    await page.exposeFunction("codeAutomationExit", (code: number) => resolveExit(code));
    await page.exposeFunction("codeAutomationLog", (type: string, args: unknown[]) => {
      const line = format(...((args ?? []) as [unknown, ...unknown[]]));
      if (!NOISE.test(line)) output.push(`[${type}] ${line}`);
    });
    const authority = `127.0.0.1:${server.port}`;
    const payload: [string, string][] = [
      ["extensionDevelopmentPath", `vscode-remote://${authority}${opts.extensionPath}`],
      ["extensionTestsPath", `vscode-remote://${authority}${opts.testsPath}`],
      ["skipWelcome", "true"],
    ];
    if (opts.env) payload.push(["extensionEnvironment", JSON.stringify(opts.env)]);
    await page.goto(
      `${server.origin}/?folder=${encodeURIComponent(opts.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    const timeout = new Promise<number>((r) =>
      setTimeout(() => {
        output.push(`timeout: no result after ${opts.timeoutMs ?? 180_000} ms`);
        r(2);
      }, opts.timeoutMs ?? 180_000).unref(),
    );
    const exitCode = await Promise.race([exited, timeout]);
    return { exitCode, output };
  } catch (e) {
    output.push(`harness error: ${(e as Error).stack}`, server.log().slice(-3000));
    return { exitCode: 3, output };
  } finally {
    await browser.close();
    await server.stop();
  }
}
