// specmint/generateSet: a set file's fixtures, written by the CLI bundled beside the server
// (`specmint generate --set FILE --out DIR`) in a child process, so that the editor's run is the
// command line's — the same settings order, the same folders and manifest — and a cancel ends it
// (the CLI leaves the output folder as it was on SIGTERM). Refused in an untrusted workspace.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from "vscode-languageserver";
import { GenerateSetRequest, type GenerateSetParams, type GenerateSetResult } from "../common/protocol";
import { uriToPath } from "../common/paths";

export interface SetGenerationContext {
  isTrusted: () => boolean;
  /** The CLI bundle (dist/cli.js). */
  cliScript: string;
  log: (message: string) => void;
}

/** The CLI's arguments for a set run. */
export function setGenerateArgs(file: string, outDir: string, seed: number | undefined): string[] {
  return ["generate", "--set", file, "--out", outDir, ...(seed !== undefined ? ["--seed", String(seed)] : [])];
}

/** Each entity's name and record count from a set's manifest.json, read leniently (its shape is the set writer's). */
export function manifestEntities(manifest: unknown): { name: string; records?: number }[] {
  const list = (manifest as { entities?: unknown } | null)?.entities;
  const rows = Array.isArray(list)
    ? list
    : list && typeof list === "object"
      ? Object.entries(list).map(([name, v]) => ({ name, ...(v as object) }))
      : [];
  return rows.flatMap((e: Record<string, unknown>) => {
    if (typeof e?.name !== "string") return [];
    const n = [e.records, e.count].find((v): v is number => typeof v === "number");
    return [{ name: e.name, ...(n !== undefined ? { records: n } : {}) }];
  });
}

export function registerSetGeneration(connection: Connection, ctx: SetGenerationContext): void {
  connection.onRequest(GenerateSetRequest, async (params: GenerateSetParams, token: CancellationToken): Promise<GenerateSetResult> => {
    if (!ctx.isTrusted())
      throw new ResponseError(LSPErrorCodes.RequestFailed, "SpecMint: this workspace is not trusted; writing fixtures is refused");
    const file = uriToPath(params.uri);
    if (!file) throw new ResponseError(LSPErrorCodes.RequestFailed, `SpecMint: ${params.uri} is not a file; save the set file first`);
    const outDir = path.resolve(path.dirname(file), params.outDir);
    const seed = Number.isSafeInteger(params.seed) && params.seed! >= 0 ? params.seed : undefined;
    const progress = params.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined;
    progress?.begin(`SpecMint: generating the set ${path.basename(file)}`, undefined, undefined, true);
    try {
      const run = await runCli(ctx.cliScript, setGenerateArgs(file, outDir, seed), path.dirname(file), token);
      if (run.cancelled)
        throw new ResponseError(LSPErrorCodes.RequestCancelled, "SpecMint: generation cancelled; the output folder is as it was");
      if (run.code !== 0) {
        ctx.log(`specmint: generating the set ${file} failed (exit ${run.code}): ${run.stderr}`);
        const said = run.stderr.trim().split("\n").slice(0, 6).join("\n") || `exit code ${run.code}`;
        throw new ResponseError(LSPErrorCodes.RequestFailed, `SpecMint: ${said.replace(/^specmint: /, "")}`, { exitCode: run.code });
      }
      let manifest: unknown;
      try {
        manifest = JSON.parse(readFileSync(path.join(outDir, "manifest.json"), "utf8"));
      } catch {
        manifest = undefined;
      }
      const lines = `${run.stderr}\n${run.stdout}`.split("\n").filter((l) => l.trim() !== "");
      const summary = (lines.find((l) => /^specmint: wrote/.test(l)) ?? lines.at(-1) ?? `wrote ${outDir}`).replace(/^specmint: /, "");
      return { outDir, entities: manifestEntities(manifest), summary };
    } finally {
      progress?.done();
    }
  });
}

function runCli(
  script: string,
  args: string[],
  cwd: string,
  token: CancellationToken,
): Promise<{ code: number | null; stdout: string; stderr: string; cancelled: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: process.env });
    let stdout = "";
    let stderr = "";
    let cancelled = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    const sub = token.onCancellationRequested(() => {
      cancelled = true;
      child.kill("SIGTERM");
    });
    child.on("error", (e) => {
      sub.dispose();
      reject(e);
    });
    child.on("close", (code) => {
      sub.dispose();
      resolve({ code, stdout, stderr, cancelled });
    });
  });
}
