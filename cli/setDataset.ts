// A set's dataset folder for `validate --set` and `inspect --set`: the set file read and planned
// (its schemas loaded as validate loads a schema, with the set file's draft, schema folders and
// limits under the flags), and the folder of each entity (DIR/<entity>/) found or a clear error.
// DIR/manifest.json (written by `generate --set`) is read when present, never required: a set's
// datasets made by hand are checked too.
import * as fs from "node:fs";
import * as path from "node:path";
import { SpecMintError } from "../core/base";
import { planSet, readSetFile, type SetPlan } from "../core/set";
import type { ParsedFlags } from "./args";
import {
  commandLimits,
  draftFlag,
  loadSchemaFileWithin,
  offlineFlags,
  parseDraft,
  parseLimitFlags,
  parseLimitTable,
  parseRefMap,
  parseSchemaDirs,
} from "./settings";

export interface SetDataset {
  plan: SetPlan;
  /** The dataset folder (absolute). */
  dir: string;
  /** Each entity's dataset folder, by name. */
  folders: Map<string, string>;
  /** Records per entity that DIR/manifest.json says were written (absent without a set manifest). */
  manifestCounts: Map<string, number>;
  /** What the reader should know (a manifest that disagrees with the set file). */
  notes: string[];
}

/** The set's plan, its schemas loaded with flags > set file > environment (and [limits] of specmint.toml). */
function planFromFlags(setFile: string, parsed: ParsedFlags, env: NodeJS.ProcessEnv, cwd: string, command: string): SetPlan {
  const spec = readSetFile(setFile);
  const origin = (key: string) => `${path.basename(setFile)}: ${key}`;
  const given = (key: string) => spec.settings.get(key);
  const draft =
    parsed.values.has("draft") || given("draft") === undefined
      ? draftFlag(parsed.values, env, command)
      : parseDraft({ value: given("draft"), origin: origin("draft"), command });
  const offline = offlineFlags(parsed.lists, env, cwd, command);
  if (!parsed.lists.has("schema-dir") && given("schema-dir") !== undefined)
    offline.schemaDirs = parseSchemaDirs({ value: given("schema-dir"), origin: origin("schema-dir"), command }, cwd);
  if (given("refs") !== undefined) offline.refMap = parseRefMap({ value: given("refs"), origin: origin("refs"), command });
  const limits = {
    ...commandLimits(parsed.lists, cwd, command),
    ...(given("limits") === undefined ? {} : parseLimitTable({ value: given("limits"), origin: origin("limits"), command })),
    ...parseLimitFlags(parsed.lists.get("limit"), command),
  };
  return planSet(spec, (entity) => loadSchemaFileWithin(cwd, entity.schema, draft, offline, limits));
}

/** Entity name → record count from DIR/manifest.json when it is a set's manifest; "single" when it is one dataset's. */
function readSetManifest(dir: string): Map<string, number> | "single" | undefined {
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  } catch {
    return undefined; // none, or not JSON: the folders say what there is
  }
  if (typeof manifest !== "object" || manifest === null) return undefined;
  const entities = (manifest as { entities?: unknown }).entities;
  if (!Array.isArray(entities)) return "schema" in manifest ? "single" : undefined;
  const counts = new Map<string, number>();
  for (const e of entities as unknown[]) {
    const { name, count } = (e ?? {}) as { name?: unknown; count?: unknown };
    if (typeof name === "string" && typeof count === "number") counts.set(name, count);
  }
  return counts;
}

/** A path as the reports show it: relative to the working directory when inside it. */
export function shownPath(cwd: string, p: string): string {
  const r = path.relative(cwd, p);
  return r === "" || r.startsWith("..") || path.isAbsolute(r) ? p : r;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** `--set FILE --dataset DIR` of validate or inspect, checked (usage errors, exit 64) and opened. */
export function openSetDataset(parsed: ParsedFlags, env: NodeJS.ProcessEnv, cwd: string, command: "validate" | "inspect"): SetDataset {
  const setArg = parsed.values.get("set");
  if (typeof setArg !== "string" || setArg === "")
    throw new SpecMintError("usage", `--set needs a set file (shop.toml); see specmint ${command} --help`);
  if (parsed.values.has("schema"))
    throw new SpecMintError(
      "usage",
      `--set and --schema do not go together: the set file names each entity's schema; see specmint ${command} --help`,
    );
  const datasetArg = parsed.values.get("dataset");
  if (typeof datasetArg !== "string" || datasetArg === "")
    throw new SpecMintError("usage", `missing --dataset DIR (the folder generate --set wrote); see specmint ${command} --help`);
  const plan = planFromFlags(path.resolve(cwd, setArg), parsed, env, cwd, command);
  const dir = path.resolve(cwd, datasetArg);
  const names = plan.spec.entities.map((e) => e.name);
  const expected = `a folder per entity (${names.map((n) => `${n}/`).join(", ")}), as specmint generate --set writes`;
  if (!fs.existsSync(dir)) throw new SpecMintError("io", `dataset not found: ${dir} (a set's dataset is ${expected})`, { file: dir });
  if (!isDirectory(dir)) throw new SpecMintError("io", `${dir} is a file; a set's dataset is ${expected}`, { file: dir });
  const manifest = readSetManifest(dir);
  const folders = new Map(names.map((n) => [n, path.join(dir, n)]));
  const missing = names.filter((n) => !isDirectory(folders.get(n)!));
  if (missing.length === names.length) {
    const single = manifest === "single" || fs.readdirSync(dir).some((f) => f === "dataset.jsonl" || /^record_\d+\.json$/.test(f));
    throw new SpecMintError(
      "io",
      `${datasetArg} is not the output of the set ${setArg}: expected ${expected}` +
        (single ? `; it holds one schema's dataset (check it with --schema FILE instead of --set)` : ""),
      { file: dir },
    );
  }
  if (missing.length)
    throw new SpecMintError(
      "io",
      `no dataset for entit${missing.length === 1 ? "y" : "ies"} ${missing.map((n) => `"${n}"`).join(", ")} of the set ${setArg}: ` +
        `${missing.map((n) => path.join(datasetArg, n)).join(", ")} ${missing.length === 1 ? "does" : "do"} not exist (expected ${expected})`,
      { file: folders.get(missing[0]) },
    );
  const notes: string[] = [];
  const manifestCounts = manifest instanceof Map ? manifest : new Map<string, number>();
  const strangers = [...manifestCounts.keys()].filter((n) => !folders.has(n));
  if (strangers.length)
    notes.push(
      `${path.join(datasetArg, "manifest.json")} lists entities the set file does not have (${strangers.join(", ")}): was it made from another set?`,
    );
  return { plan, dir, folders, manifestCounts, notes };
}
