// A JSON-RPC client for the built language server (dist/server.js over stdio), as an editor would
// drive it: initialize, open/change documents, collect published diagnostics, send requests.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  SemanticTokensRefreshRequest,
  ShutdownRequest,
  WorkDoneProgressCreateRequest,
  type Diagnostic,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol";

export const ROOT = path.resolve(__dirname, "../..");
export const SERVER = path.join(ROOT, "dist/server.js");
export const FIXTURES = path.join(ROOT, "test/fixtures/lsp");

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}
export function fixtureUri(name: string): string {
  return pathToFileURL(fixturePath(name)).href;
}
export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), "utf8");
}

export interface ClientOptions {
  trusted?: boolean;
  /** `specmint` section returned for workspace/configuration. */
  settings?: Record<string, unknown>;
  workspaceFolder?: string;
  /** `llmCacheDir` of the initialization options (where the server caches model answers). */
  llmCacheDir?: string;
  /** `jsonKeywordCompletion` of the initialization options (the client completes standard keywords). */
  jsonKeywordCompletion?: boolean;
  /** The client supports workspace/semanticTokens/refresh (each one the server sends is counted in `refreshes`). */
  semanticTokensRefresh?: boolean;
  /** Milliseconds before any single wait gives up. */
  timeoutMs?: number;
}

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly progress: unknown[] = [];
  readonly log: string[] = [];
  /** workspace/semanticTokens/refresh requests received. */
  semanticTokensRefreshes = 0;
  /** What the server answered to initialize (its capabilities). */
  initializeResult?: InitializeResult;
  settings: Record<string, unknown>;
  private listeners: (() => void)[] = [];
  private versions = new Map<string, number>();

  private constructor(
    readonly child: ChildProcess,
    readonly options: ClientOptions,
  ) {
    this.settings = options.settings ?? {};
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push(p);
      this.diagnostics.set(p.uri, list);
      this.notify();
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === "specmint" ? this.settings : null)));
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => {});
    this.connection.onRequest(SemanticTokensRefreshRequest.type, () => {
      this.semanticTokensRefreshes++;
      this.notify();
    });
    this.connection.onNotification("$/progress", (p) => {
      this.progress.push(p);
      this.notify();
    });
    this.connection.onNotification("window/logMessage", (p: { message: string }) => {
      this.log.push(p.message);
    });
    this.connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    child.stderr.on("data", () => {});
    const client = new LspClient(child, options);
    const folder = options.workspaceFolder ?? FIXTURES;
    client.initializeResult = await client.request<unknown, InitializeResult>(InitializeRequest.type, {
      processId: null,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: "fixtures" }],
      capabilities: {
        workspace: { configuration: true, semanticTokens: { refreshSupport: options.semanticTokensRefresh === true } },
        window: { workDoneProgress: true },
        textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: { versionSupport: true } },
      },
      initializationOptions: {
        trusted: options.trusted ?? true,
        llmCacheDir: options.llmCacheDir,
        jsonKeywordCompletion: options.jsonKeywordCompletion,
      },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  get timeoutMs(): number {
    return this.options.timeoutMs ?? 20_000;
  }

  /** A request that fails the test instead of hanging when the server does not answer. */
  async request<P, R>(type: { method: string } & object, params: P, timeoutMs = this.timeoutMs): Promise<R> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${type.method} got no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.connection.sendRequest<R>(type as never, params), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private notify() {
    for (const l of this.listeners.slice()) l();
  }

  /** Resolves when `check()` returns a value other than undefined; rejects after the timeout. */
  waitFor<T>(what: string, check: () => T | undefined, timeoutMs = this.timeoutMs): Promise<T> {
    return new Promise((resolve, reject) => {
      const first = check();
      if (first !== undefined) return resolve(first);
      const listener = () => {
        const v = check();
        if (v === undefined) return;
        cleanup();
        resolve(v);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
      };
      this.listeners.push(listener);
    });
  }

  async open(uri: string, text: string, languageId = "json"): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async openFixture(name: string): Promise<{ uri: string; text: string }> {
    const uri = fixtureUri(name),
      text = fixtureText(name);
    await this.open(uri, text);
    return { uri, text };
  }

  /** Replace the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The first diagnostics published for `version` of `uri` (that satisfy `accept`). */
  diagnosticsFor(uri: string, version = 1, accept: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics of ${uri} v${version}`, () => {
      const hit = (this.diagnostics.get(uri) ?? []).filter((p) => p.version === version).find((p) => accept(p.diagnostics));
      return hit?.diagnostics;
    });
  }

  async stop(): Promise<void> {
    try {
      await this.request(ShutdownRequest.type, undefined, 5000);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the server is gone already; the kill below makes sure
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.child.kill("SIGKILL");
        resolve();
      }, 3000);
      this.child.once("exit", () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

/** Position (0-based) of the n-th occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, occurrence = 1): { line: number; character: number } {
  let at = -1;
  for (let k = 0; k < occurrence; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found (occurrence ${k + 1})`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

export { applyTextEdits, textAt } from "../support/textAt";
