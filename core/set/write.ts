// Writing a set (`specmint generate --set shop.toml --out DIR`): DIR/<entity>/ is the usual dataset
// folder of each entity (record_*.json, dataset.jsonl, dataset.csv, its manifest.json), parents
// first, and DIR/manifest.json the set's (docs/sets.md). The whole set is written into one temporary
// folder that takes DIR's place at the end (core/output writeOutputFolder): an interrupted or failed
// run leaves nothing half-written and an earlier set whole.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { TOOL_VERSION, writeDatasetFiles, writeOutputFolder, type ManifestInput, type OutputFormat } from "../output";
import { TOOL_NAME, datasetId } from "../output/writer";
import { entitySeed, type EntityGenerator, type SetGenerator } from "./generate";
import { writableSink, writeSql, type SqlDialect } from "../output/sql";
import { setSqlTables } from "./sqlTables";
import type { RefDistribution } from "./references";

export interface SetManifestEntity {
  name: string;
  /** The entity's schema, as its own manifest records it. */
  schema: string;
  count: number;
  /** The seed the entity's records are made with (entitySeed of the set's seed and the name). */
  seed: number;
  per: { parent: string; min: number; max: number } | null;
  key: string | null;
  refs: { path: string; entity: string; field: string; distribution: RefDistribution }[];
  dataset_id: string;
}

export interface SetManifest {
  /** `smnt_` + 16 hex of the sha256 of the entities' names and dataset ids, in order. */
  set_id: string;
  kind: "set";
  tool: { name: string; version: string };
  set: { path: string; sha256: string };
  gen: { seed: number; locale: string; reference_date: string; formats: string[] };
  /** Parents first: the order they were made and written in. */
  entities: SetManifestEntity[];
  stats: { duration_ms: number; records: number };
  created_at: string;
}

export interface WriteSetOptions {
  outDir: string;
  /** Formats of each entity's folder (json, jsonl, csv). SQL is one script for the whole set: see `sql`. */
  formats: OutputFormat[];
  force: boolean;
  signal: AbortSignal;
  /** Records written over all entities, of all of them. */
  onProgress(done: number, total: number): void;
  /** The manifests' created_at (the caller reads the clock: common/runTime.ts). */
  createdAt: string;
  /** The set file as the manifest records it (relative to the working directory). */
  setPath: string;
  /** An entity's schema path as its manifest records it (default: absolute). */
  schemaPath?(entity: EntityGenerator): string;
  /** What an entity's own manifest.json says (common/generationRun.ts runManifest, as for one dataset). */
  manifest(entity: EntityGenerator, schemaPath: string): ManifestInput;
  /** DIR/dataset.sql for the whole set: a table per entity, parents first, keys and foreign keys declared. */
  sql?: { dialect: SqlDialect };
}

/** Writes every entity of `gen` and the set's manifest into `options.outDir`; returns the set's manifest. */
export async function writeSet(gen: SetGenerator, options: WriteSetOptions): Promise<SetManifest> {
  const started = performance.now();
  const total = gen.total;
  const setText = fs.readFileSync(gen.plan.spec.file);
  // SQL is one script for the whole set; each entity's folder keeps its other formats (jsonl when
  // sql was the only one asked for, so that validate --set can read the entities).
  const own = options.formats.filter((f) => f !== "sql");
  const formats: OutputFormat[] = own.length ? own : ["jsonl"];
  const { result } = await writeOutputFolder({ outDir: options.outDir, force: options.force, signal: options.signal }, async (dir) => {
    const entities: SetManifestEntity[] = [];
    let done = 0;
    for (const e of gen.entities) {
      const name = e.plan.spec.name;
      const folder = path.join(dir, name);
      fs.mkdirSync(folder);
      const offset = done;
      const schemaPath = options.schemaPath?.(e) ?? e.plan.spec.schema;
      const written = await writeDatasetFiles(folder, {
        outDir: folder,
        count: e.count,
        formats,
        // Straight from the generator: the entity's cache is for records looked up by references, and
        // keeping every written record in it a while would only make garbage outlive the young generation.
        record: (i) => e.generator.record(i),
        signal: options.signal,
        onProgress: (n) => options.onProgress(offset + n, total),
        manifest: options.manifest(e, schemaPath),
      });
      done += e.count;
      entities.push(manifestEntity(e, gen.options.seed, schemaPath, written.manifest.dataset_id));
    }
    if (options.sql) {
      const stream = fs.createWriteStream(path.join(dir, "dataset.sql"), { flags: "wx" });
      const closed = new Promise<void>((resolve, reject) => {
        stream.on("finish", resolve);
        stream.on("error", reject);
      });
      await writeSql(setSqlTables(gen), options.sql.dialect, writableSink(stream), options.signal);
      stream.end();
      await closed;
    }
    const manifest: SetManifest = {
      set_id: setId(entities),
      kind: "set",
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      set: { path: options.setPath, sha256: createHash("sha256").update(setText).digest("hex") },
      gen: {
        seed: gen.options.seed,
        locale: gen.entities[0]?.generator.options.locale ?? "",
        reference_date: gen.entities[0]?.generator.options.referenceDate ?? "",
        formats: [...formats],
      },
      entities,
      stats: { duration_ms: Math.round(performance.now() - started), records: total },
      created_at: options.createdAt,
    };
    // The set's manifest last: a folder holding it is a complete set.
    fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n", { flag: "wx" });
    return { names: [...entities.map((m) => m.name), ...(options.sql ? ["dataset.sql"] : []), "manifest.json"], result: manifest };
  });
  return result;
}

function manifestEntity(e: EntityGenerator, setSeed: number, schema: string, id: string): SetManifestEntity {
  const { spec, key, refs } = e.plan;
  return {
    name: spec.name,
    schema,
    count: e.count,
    seed: entitySeed(setSeed, spec.name),
    per: spec.per ? { parent: spec.per.parent, min: spec.per.min, max: spec.per.max } : null,
    key: key ?? null,
    refs: refs.map((r) => ({ path: r.path, entity: r.target!.entity, field: r.target!.field.join("."), distribution: r.distribution })),
    dataset_id: id,
  };
}

/** The set's id: its parts' ids in order, hashed. */
export function setId(entities: readonly Pick<SetManifestEntity, "name" | "dataset_id">[]): string {
  const hash = createHash("sha256");
  for (const e of entities) hash.update(`${e.name}\t${e.dataset_id}\n`);
  return datasetId(hash.digest("hex"));
}
