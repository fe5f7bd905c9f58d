// `specmint generate --set shop.toml --out DIR`: every entity of a set file (core/set), each its own
// dataset folder under DIR, and the set's manifest. Settings: flags > the set file > specmint.toml >
// environment (cli/settings.ts).
import * as path from "node:path";
import { SpecMintError } from "../core/base";
import { loadSchemaFile, type LoadedSchema } from "../core/schema";
import { AbortedError } from "../core/output";
import { planSet, readSetFile, SetGenerator, writeSet, type EntitySpec } from "../core/set";
import { runTimestamp } from "../common/runTime";
import { runManifest } from "../common/generationRun";
import type { ParsedFlags } from "./args";
import { ProgressLine } from "./progress";
import { EXIT, interruptedExit } from "./failure";
import { allowedRoots, resolveSettings, type GenerateSettings } from "./settings";
import type { CliContext } from "./context";
import { displayPath, noteAssumedDraft, portablePath } from "./generate";

/** Flags that make no sense with --set, and what to do instead. */
const NOT_WITH_SET: [flag: string, instead: string][] = [
  ["schema", 'each entity names its schema in the set file (schema = "…")'],
  ["count", "a root entity has count = N in the set file, a child per = { parent, min, max }"],
  ["stdout", "a set is several datasets: write a folder with --out"],
  ["mirror", "a set is made of valid records"],
  ["violate", "a set is made of valid records"],
];

function usage(message: string): SpecMintError {
  return new SpecMintError("usage", `${message}; see specmint generate --help`);
}

/** An entity's schema, its load errors said of the entity and, when the file itself is the problem, at the set file's `schema =` line. */
function loadEntitySchema(entity: EntitySpec, s: GenerateSettings, ctx: CliContext): LoadedSchema {
  try {
    return loadSchemaFile(entity.schema, {
      draft: s.draft,
      offline: s.offline,
      allowedRoots: [...allowedRoots(ctx.cwd, entity.schema, s.offline), path.dirname(s.schema)],
      limits: s.limits,
    });
  } catch (e) {
    if (!(e instanceof SpecMintError) || e.constructor !== SpecMintError || e.location.line !== undefined) throw e;
    throw new SpecMintError(e.kind, `entity "${entity.name}": ${e.message}`, entity.at.schema ?? entity.location, e.details);
  }
}

export async function runGenerateSet(parsed: ParsedFlags, ctx: CliContext): Promise<number> {
  const flags = parsed.values;
  for (const [flag, instead] of NOT_WITH_SET) if (flags.has(flag)) throw usage(`--${flag} cannot be used with --set: ${instead}`);
  const setFile = path.resolve(ctx.cwd, flags.get("set") as string);
  const spec = readSetFile(setFile);
  const s = resolveSettings(flags, ctx.env, ctx.cwd, parsed.lists, spec);
  if (s.kind !== "valid") throw usage(`--set makes valid records only, but the kind is ${s.kind}; drop --kind (or kind in specmint.toml)`);
  if (s.llm.mode !== "off") throw usage(`--set generates without a model; drop --llm-mode ${s.llm.mode} (or llm-mode in specmint.toml)`);

  const plan = planSet(spec, (e) => {
    const loaded = loadEntitySchema(e, s, ctx);
    noteAssumedDraft(loaded, ctx);
    return loaded;
  });
  const gen = new SetGenerator(plan, { seed: s.seed, referenceDate: s.referenceDate, locale: s.locale });
  for (const e of gen.entities) for (const w of e.generator.warnings()) ctx.stderr.write(`specmint: ${e.plan.spec.name}: ${w}\n`);

  const progress = new ProgressLine("generating the set", ctx.stderr, ctx.stderrIsTTY);
  const started = performance.now();
  const outDir = s.out!;
  const createdAt = runTimestamp();
  let manifest;
  try {
    manifest = await writeSet(gen, {
      outDir,
      formats: s.formats,
      sql: s.formats.includes("sql") ? { dialect: s.sqlDialect } : undefined,
      force: s.force,
      signal: ctx.signal,
      onProgress: (done, total) => progress.update(done, total),
      createdAt,
      manifest: (e, schemaPath) => {
        const input = runManifest({
          createdAt,
          schemaPath,
          loaded: e.plan.loaded,
          generator: e.generator,
          seed: e.generator.options.seed,
          referenceDate: e.generator.options.referenceDate,
        });
        // No boundary coverage for an entity of a set: measuring it makes valid records past the
        // count, and a child's records exist only as its parents' children.
        delete input.coverage;
        return input;
      },
      setPath: portablePath(setFile, ctx.cwd),
      schemaPath: (e) => portablePath(e.plan.spec.schema, ctx.cwd),
    });
  } catch (e) {
    progress.clear();
    if (e instanceof AbortedError) {
      ctx.stderr.write(
        `specmint: interrupted; nothing was written and ${displayPath(outDir, ctx.cwd)} is as it was\nsummary: interrupted, exit ${interruptedExit(ctx.signal)}\n`,
      );
      return interruptedExit(ctx.signal);
    }
    throw e;
  }
  progress.clear();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const what = s.formats.map((f) => (f === "json" ? "record_*.json" : `dataset.${f}`)).join(", ");
  const parts = manifest.entities.map((e) => `${e.name} ${e.count}`).join(", ");
  const records = manifest.stats.records;
  ctx.stderr.write(
    `specmint: wrote ${records} record${records === 1 ? "" : "s"} of ${manifest.entities.length} entit${manifest.entities.length === 1 ? "y" : "ies"} ` +
      `(${parts}) to ${displayPath(outDir, ctx.cwd)} (<entity>/${what}, manifest.json; the set's manifest.json) in ${seconds} s · ${manifest.set_id}\n`,
  );
  return EXIT.ok;
}
