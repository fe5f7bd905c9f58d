// Which schema a dataset goes with, decided from plain facts (no `vscode` import, so that
// test/unit/schemaPairing.test.ts checks every decision in-process). The order: the command's
// argument, the schema the person chose for this dataset earlier, the schema named by the dataset's
// manifest.json (Generate Fixtures and `specmint generate` write it), the active editor when it is a
// schema; else nobody knows and the extension asks. A wrong pairing is not silent: a dataset with
// (nearly) no valid record says so and offers to choose another schema.
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** How the schema was chosen. */
export type SchemaSource = "argument" | "remembered" | "manifest" | "active-editor" | "picked";

/** What the summary and the log say after the schema's path, for each source. */
export const SOURCE_WORDS: Record<SchemaSource, string> = {
  argument: "given by the caller",
  remembered: "chosen earlier for this dataset",
  manifest: "from manifest.json",
  "active-editor": "the active editor",
  picked: "chosen",
};

/** What manifest.json says about the schema a dataset was generated from. */
export interface ManifestSchema {
  /** `schema.path`: relative to the folder the run started in (the CLI's working directory, the editor's workspace folder), or absolute. */
  path: string;
  sha256?: string;
  datasetId?: string;
}

/** A schema the person chose for a dataset (kept in the workspace state), with the dataset it was chosen for. */
export interface RememberedSchema {
  /** The schema's file path. */
  schema: string;
  /** The manifest's dataset_id at the time: a dataset generated again since then goes back to its manifest. */
  datasetId?: string;
}

export interface PairingFacts {
  /** A schema file from the command's arguments. */
  argument?: string;
  remembered?: RememberedSchema;
  manifest?: ManifestSchema;
  /** Where manifest.json's relative schema path may start from, nearest first (manifestSchemaCandidates). */
  manifestBases?: string[];
  /** The active editor's file, when it is a schema. */
  activeSchema?: string;
  /** A regular file exists at the path. */
  isFile: (file: string) => boolean;
  /** The sha256 of a file's bytes (to tell which of two candidates the dataset was made from). */
  sha256?: (file: string) => string | undefined;
}

export interface SchemaChoice {
  file: string;
  source: SchemaSource;
}

/** Output folders hold these files next to manifest.json (core/output/writer.ts). */
const OWN_FILE = /^(?:dataset\.jsonl|dataset\.csv|record_\d+\.json)$/;

/** The folder whose manifest.json describes the dataset: the folder itself, or the output folder of one of its own files. */
export function manifestFolderOf(dataset: string, isDirectory: boolean): string | undefined {
  if (isDirectory) return dataset;
  return OWN_FILE.test(path.basename(dataset)) ? path.dirname(dataset) : undefined;
}

/** The fields of a parsed manifest.json that pair it with a schema; undefined when it names none. */
export function manifestSchemaOf(manifest: unknown): ManifestSchema | undefined {
  const m = manifest as { schema?: { path?: unknown; sha256?: unknown }; dataset_id?: unknown } | null;
  const p = m?.schema?.path;
  if (typeof p !== "string" || p === "") return undefined;
  return {
    path: p,
    sha256: typeof m?.schema?.sha256 === "string" ? m.schema.sha256 : undefined,
    datasetId: typeof m?.dataset_id === "string" ? m.dataset_id : undefined,
  };
}

/**
 * The folders a relative `schema.path` may be relative to, nearest first: the output folder's
 * ancestors (a run started anywhere above its default `fixtures/<name>`), then the workspace folders.
 */
export function manifestBases(manifestFolder: string, workspaceFolders: readonly string[]): string[] {
  const out: string[] = [];
  for (let dir = path.dirname(manifestFolder); ; dir = path.dirname(dir)) {
    out.push(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const w of workspaceFolders) if (!out.includes(w)) out.push(w);
  return out;
}

/** The files manifest.json's schema path may mean, in the order they are tried. */
export function manifestSchemaCandidates(schemaPath: string, bases: readonly string[]): string[] {
  if (/^file:/i.test(schemaPath)) {
    try {
      return [fileURLToPath(schemaPath)];
    } catch {
      return [];
    }
  }
  // The URI of a document that was never saved (untitled:…): no file to validate against.
  if (/^[a-z][a-z0-9+.-]+:/i.test(schemaPath) && !/^[a-z]:[\\/]/i.test(schemaPath)) return [];
  const native = schemaPath.split("/").join(path.sep);
  if (path.isAbsolute(native)) return [native];
  return [...new Set(bases.map((b) => path.join(b, native)))];
}

/** The schema manifest.json names, when it is on disk: the candidate with the recorded sha256 first, else the nearest. */
export function manifestSchemaFile(facts: Pick<PairingFacts, "manifest" | "manifestBases" | "isFile" | "sha256">): string | undefined {
  if (!facts.manifest) return undefined;
  const existing = manifestSchemaCandidates(facts.manifest.path, facts.manifestBases ?? []).filter((f) => facts.isFile(f));
  const sha = facts.manifest.sha256;
  return (sha && facts.sha256 ? existing.find((f) => facts.sha256!(f) === sha) : undefined) ?? existing[0];
}

/** The schema to use, or undefined: ask the person. */
export function chooseSchema(facts: PairingFacts): SchemaChoice | undefined {
  if (facts.argument) return { file: facts.argument, source: "argument" };
  const r = facts.remembered;
  // A choice made for this very dataset; a dataset generated again since (another dataset_id) follows its new manifest.
  if (r && facts.isFile(r.schema) && r.datasetId === facts.manifest?.datasetId) return { file: r.schema, source: "remembered" };
  const fromManifest = manifestSchemaFile(facts);
  if (fromManifest) return { file: fromManifest, source: "manifest" };
  if (facts.activeSchema) return { file: facts.activeSchema, source: "active-editor" };
  return undefined;
}

/** The scores the summary needs (core/validate's ValidateReport). */
export interface ReportScores {
  records: number;
  schema: number;
  rules: number;
  uniqueness: number;
  total: number;
}

/** Fewer than 1 % of the records are valid: most likely the wrong schema for this dataset. */
export function looksMispaired(r: ReportScores): boolean {
  return r.records > 0 && r.schema < 1;
}

/** The message after a validation: the scores, the schema used and how it was chosen; a likely wrong pairing first. */
export function validationSummary(r: ReportScores, schemaLabel: string, source: SchemaSource): string {
  const scores = `${r.records} records · schema ${r.schema.toFixed(2)} · rules ${r.rules.toFixed(2)} · uniqueness ${r.uniqueness.toFixed(2)} · total ${r.total.toFixed(2)}`;
  const against = `against ${schemaLabel} (${SOURCE_WORDS[source]})`;
  if (looksMispaired(r)) {
    const none = r.schema === 0 ? "no record is valid" : "almost no record is valid";
    return `SpecMint: ${none} ${against} — is it this dataset's schema? ${scores}`;
  }
  return `SpecMint: ${scores} ${against}`;
}
