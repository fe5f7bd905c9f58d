// Helpers of the extension tests: waiting, workspace files, the CLI of the extension under test.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import * as vscode from "vscode";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export function workspaceFile(...parts: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...parts);
}

export async function specmint(): Promise<vscode.Extension<{ statusText(): string }>> {
  const ext = await until("the SpecMint extension", () => vscode.extensions.getExtension<{ statusText(): string }>("specmint.specmint"));
  if (!ext.isActive) await ext.activate();
  return ext;
}

/** `specmint generate --stdout` of the extension under test: the records the CLI makes. */
export async function cliRecords(schema: vscode.Uri, count: number, seed: number, extra: string[] = []): Promise<unknown[]> {
  const ext = await specmint();
  const out = execFileSync(
    process.execPath,
    [
      path.join(ext.extensionPath, "dist", "cli.js"),
      "generate",
      "--schema",
      schema.fsPath,
      "--count",
      String(count),
      "--seed",
      String(seed),
      "--stdout",
      ...extra,
    ],
    {
      encoding: "utf8",
      env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" },
      // Kind invalid writes its labels to stderr: not this test's output.
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as unknown);
}

export async function openSchema(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}
