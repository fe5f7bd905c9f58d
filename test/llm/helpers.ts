// Shared by the LLM tests: the built CLI run asynchronously (the stand-in lives in this process, so a
// synchronous spawn would block it), a schema with marked fields, and checks on output folders.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Manifest } from "../../core/output/writer";
import { loadSchemaFile } from "../../core/schema/load";
import { SchemaValidator } from "../../core/validate/ajv";
import { readLines } from "../cli/helpers";

export { assertBuilt, removeDir, runCliAsync, tempDir, readLines, type AsyncRun } from "../cli/helpers";

/** Four marked values of every kind the model writes (string, described string, number, array) and unmarked ones. */
export const LLM_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "customer",
  type: "object",
  "x-llm-context": "Customers of a small independent bookshop in Lisbon.",
  "x-cross-field-rules": ["age >= 18"],
  required: ["id", "name", "bio", "score", "tags", "age", "plan", "address"],
  properties: {
    id: { type: "integer", minimum: 1, maximum: 1_000_000, "x-unique": true },
    name: { type: "string", minLength: 3, maxLength: 40, "x-llm": true },
    bio: { type: "string", maxLength: 120, description: "llm: a one-sentence biography of the customer" },
    score: { type: "number", minimum: 0, maximum: 100, multipleOf: 0.5, "x-llm": true },
    tags: { type: "array", maxItems: 3, items: { type: "string", minLength: 1, maxLength: 12 }, "x-llm": true },
    age: { type: "integer", minimum: 18, maximum: 99 },
    plan: { enum: ["free", "pro", "team"] },
    address: {
      type: "object",
      required: ["city", "zip"],
      properties: {
        city: { type: "string", minLength: 1, maxLength: 30 },
        zip: { type: "string", pattern: "^[0-9]{4}-[0-9]{3}$" },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

export const MARKED_FIELDS = 4;

/** A record of LLM_SCHEMA, as the tests read it back from an output folder. */
export interface Customer {
  id: number;
  name: string;
  bio: string;
  score: number;
  tags: string[];
  age: number;
  plan: "free" | "pro" | "team";
  address: { city: string; zip: string };
}

export function writeJson(file: string, value: unknown): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + "\n");
  return file;
}

/** An output folder read back; `R` is what the caller knows its records to be (checked by invalidRecords). */
export interface Output<R = unknown> {
  records: R[];
  lines: string[];
  manifest: Manifest;
  files: string[];
}

export function readOutput<R = unknown>(dir: string): Output<R> {
  const lines = readLines(path.join(dir, "dataset.jsonl"));
  return {
    lines,
    records: lines.map((l) => JSON.parse(l) as R),
    manifest: JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest,
    files: fs.readdirSync(dir).sort(),
  };
}

/** Every record valid against the schema, with the project's validator. */
export function invalidRecords(schemaFile: string, records: unknown[]): string[] {
  const validator = new SchemaValidator(loadSchemaFile(schemaFile));
  const problems: string[] = [];
  records.forEach((r, k) => {
    const issues = validator.issues(r);
    if (issues.length) problems.push(`record ${k + 1}: ${issues[0].pointer} ${issues[0].message}`);
  });
  return problems;
}

/** Keys, JSON types and (for arrays the model does not write whole) lengths: what the model may not change. */
export function structure(v: unknown, wholeArrays: string[] = [], at = ""): unknown {
  if (Array.isArray(v)) return wholeArrays.includes(at) ? "array" : v.map((x, k) => structure(x, wholeArrays, `${at}/${k}`));
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, structure(x, wholeArrays, `${at}/${k}`)]));
  }
  return v === null ? "null" : typeof v;
}

/** Every file of a folder by name → bytes, for byte-identity checks. */
export function snapshot(dir: string, except: string[] = []): Map<string, Buffer> {
  const m = new Map<string, Buffer>();
  for (const f of fs.readdirSync(dir).sort()) if (!except.includes(f)) m.set(f, fs.readFileSync(path.join(dir, f)));
  return m;
}

/** Manifest without what may differ between identical runs. */
export function stableManifest(m: Manifest): Omit<Manifest, "stats" | "created_at"> {
  const { stats: _stats, created_at: _created, ...rest } = m;
  return rest;
}

export function llmArgs(host: string, cacheDir: string | undefined, extra: string[] = []): string[] {
  return [
    "--llm-mode",
    "fields",
    "--ollama-host",
    host,
    "--max-rps",
    "1000",
    ...(cacheDir ? ["--cache-dir", cacheDir] : ["--no-cache"]),
    ...extra,
  ];
}
