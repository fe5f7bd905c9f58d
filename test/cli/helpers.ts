// Shared by the CLI tests: they run the built bundle (dist/cli.js) as a user would, in temporary
// folders, with a clean environment so that a developer's SPECMINT_* variables cannot leak in.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
/** SPECMINT_CLI lets a developer point the tests at another build of the same entry. */
export const CLI = process.env.SPECMINT_CLI ?? path.join(ROOT, "dist", "cli.js");

export function assertBuilt(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith("SPECMINT_") || k === "OLLAMA_HOST" || k === "SOURCE_DATE_EPOCH" || k.startsWith("NODE_")) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

export function runCli(args: string[], opts: { cwd: string; env?: Record<string, string> }): RunResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    env: cleanEnv(opts.env),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function spawnCli(args: string[], opts: { cwd: string; env?: Record<string, string> }) {
  return spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: cleanEnv(opts.env), stdio: ["ignore", "pipe", "pipe"] });
}

/** The built CLI run asynchronously (for tests whose servers live in this process), killed after timeoutMs. */
export interface AsyncRun extends RunResult {
  signal: NodeJS.Signals | null;
}

export function runCliAsync(
  args: string[],
  opts: { cwd: string; env?: Record<string, string>; onStart?: (child: ReturnType<typeof spawnCli>) => void; timeoutMs?: number },
): Promise<AsyncRun> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, { cwd: opts.cwd, env: opts.env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const limit = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(limit);
      resolve({ status, signal, stdout, stderr });
    });
    opts.onStart?.(child);
  });
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "specmint-cli-"));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A small schema with the shapes the writers care about: scalars, an enum, a nested object, an array. */
export const USER_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "user",
  type: "object",
  required: ["id", "name", "role", "age", "address", "tags"],
  properties: {
    id: { type: "integer", minimum: 1, maximum: 1_000_000_000, "x-unique": true },
    name: { type: "string", minLength: 3, maxLength: 30 },
    role: { enum: ["admin", "editor", "viewer"] },
    age: { type: "integer", minimum: 18, maximum: 99 },
    address: {
      type: "object",
      required: ["city", "zip"],
      properties: {
        city: { type: "string", minLength: 1, maxLength: 20 },
        zip: { type: "string", pattern: "^[0-9]{5}$" },
      },
      additionalProperties: false,
    },
    tags: { type: "array", items: { type: "string", minLength: 1, maxLength: 10 }, maxItems: 4 },
    nickname: { type: "string", maxLength: 12 },
  },
  additionalProperties: false,
};

export function writeSchema(dir: string, name = "user.schema.json", schema: unknown = USER_SCHEMA): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(schema, null, 2) + "\n");
  return file;
}

export function readLines(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  return text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
}

/** RFC 4180 parser for the assertions (quoted fields, doubled quotes, CRLF records). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let k = 0;
  let quoted = false;
  while (k < text.length) {
    const c = text[k];
    if (quoted) {
      if (c === '"' && text[k + 1] === '"') {
        field += '"';
        k += 2;
      } else if (c === '"') {
        quoted = false;
        k++;
      } else {
        field += c;
        k++;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
      k++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      k++;
    } else if (c === "\r" && text[k + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      k += 2;
    } else {
      field += c;
      k++;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
