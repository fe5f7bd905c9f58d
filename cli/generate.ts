// `specmint generate`: the settings (cli/settings.ts), then either a dataset folder (core/output) or
// JSON Lines on stdout.
import * as path from "node:path";
import { SpecMintError } from "../core/base";
import { loadSchemaFile, type LoadedSchema } from "../core/schema";
import { Generator } from "../core/engine";
import { recordsOfKind, type RecordsOfKind } from "../core/kinds";
import { AbortedError, writeDataset, writeMirror } from "../core/output";
import { runTimestamp } from "../common/runTime";
import { parseFlags, type FlagSpec } from "./args";
import { GENERATE_HELP, printHelp } from "./help";
import { ProgressLine } from "./progress";
import { EXIT, interruptedExit } from "./failure";
import { allowedRoots, resolveSettings, type GenerateSettings } from "./settings";
import type { CliContext } from "./context";
import { labelledRecords, recordSource, runManifest, type LabelledRecords } from "../common/generationRun";
import type { CliEnrichment } from "./enrichment";

export const GENERATE_FLAGS: FlagSpec[] = [
  { name: "schema", type: "string" },
  { name: "set", type: "string" },
  { name: "count", type: "string" },
  { name: "seed", type: "string" },
  { name: "out", type: "string" },
  { name: "stdout", type: "boolean" },
  { name: "kind", type: "string" },
  { name: "violate", type: "string" },
  { name: "mirror", type: "boolean" },
  { name: "format", type: "string" },
  { name: "sql-dialect", type: "string" },
  { name: "force", type: "boolean" },
  { name: "config", type: "string" },
  { name: "reference-date", type: "string" },
  { name: "locale", type: "string" },
  { name: "draft", type: "string" },
  { name: "schema-dir", type: "string", repeatable: true },
  { name: "limit", type: "string", repeatable: true },
  { name: "llm-mode", type: "string" },
  { name: "ollama-host", type: "string" },
  { name: "model", type: "string" },
  { name: "temperature", type: "string" },
  { name: "llm-workers", type: "string" },
  { name: "max-rps", type: "string" },
  { name: "timeout-ms", type: "string" },
  { name: "context", type: "string" },
  { name: "cache-dir", type: "string" },
  { name: "no-cache", type: "boolean" },
];

/** Path as the manifest records it: relative to the working directory, with forward slashes. */
export function portablePath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel === "" || path.isAbsolute(rel) ? file : rel).split(path.sep).join("/");
}

export function displayPath(p: string, cwd: string): string {
  const rel = path.relative(cwd, p);
  return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? p : rel;
}

/** A schema without `$schema`: say which draft it is read as and why (a warning when its keywords disagree). */
export function noteAssumedDraft(loaded: LoadedSchema, ctx: CliContext): void {
  const c = loaded.draftChoice;
  if (c.source === "declared" || c.source === "option") return;
  const kind = c.conflict ? "warning: draft-conflict" : "note: draft-assumed";
  ctx.stderr.write(`specmint: ${kind}: ${c.why ?? ""} (${loaded.main.file ?? "schema"}; add "$schema" or pass --draft to choose)\n`);
}

export async function runGenerate(argv: string[], ctx: CliContext): Promise<number> {
  const parsed = parseFlags("generate", argv, GENERATE_FLAGS);
  if (parsed.help) return printHelp(ctx, GENERATE_HELP);
  // A set of entities (issue 15): its own path, cli/generateSet.ts (loaded here: it imports this file's helpers).
  if (parsed.values.has("set")) return (await import("./generateSet")).runGenerateSet(parsed, ctx);
  const s = resolveSettings(parsed.values, ctx.env, ctx.cwd, parsed.lists);
  const loaded = loadSchemaFile(s.schema, {
    draft: s.draft,
    offline: s.offline,
    allowedRoots: allowedRoots(ctx.cwd, s.schema, s.offline),
    limits: s.limits,
  });
  noteAssumedDraft(loaded, ctx);
  const generator = new Generator(loaded, { seed: s.seed, referenceDate: s.referenceDate, locale: s.locale });
  // x-unique values come from the record index: a count beyond a node's value space is refused up front.
  generator.assertUniqueCapacity(s.count);
  for (const w of generator.warnings()) ctx.stderr.write(`specmint: ${w}\n`);
  const ofKind = recordsOfKind(generator, s.kind, { violate: s.violate });
  const labelled = s.kind === "invalid" ? labelledRecords(ofKind) : undefined;
  let llm: CliEnrichment | undefined;
  if (s.llm.mode !== "off") {
    try {
      // Loaded only when asked for: with --llm-mode off nothing of the LLM code runs.
      llm = await (await import("./enrichment")).prepareEnrichment(s, loaded, generator, ctx);
    } catch (e) {
      if (!(e instanceof AbortedError)) throw e;
      ctx.stderr.write(`specmint: interrupted before anything was written\nsummary: interrupted, exit ${interruptedExit(ctx.signal)}\n`);
      return interruptedExit(ctx.signal);
    }
  }
  // With --stdout, an invalid run's labels are stderr's content: no progress line among them.
  const progress = new ProgressLine(
    llm ? "generating (with the model)" : "generating",
    ctx.stderr,
    ctx.stderrIsTTY && !(labelled && s.stdout),
  );

  try {
    if (s.stdout) return await streamToStdout(ofKind, s, ctx, progress, llm, labelled);
    return await writeFolder(generator, ofKind, loaded, s, ctx, progress, llm, labelled);
  } finally {
    llm?.stop();
  }
}

async function writeFolder(
  generator: Generator,
  ofKind: RecordsOfKind,
  loaded: LoadedSchema,
  s: GenerateSettings,
  ctx: CliContext,
  progress: ProgressLine,
  llm: CliEnrichment | undefined,
  labelled: LabelledRecords | undefined,
): Promise<number> {
  const started = performance.now();
  let result;
  const manifest = (kind: GenerateSettings["kind"]) =>
    runManifest({
      createdAt: runTimestamp(),
      schemaPath: portablePath(s.schema, ctx.cwd),
      loaded,
      generator,
      seed: s.seed,
      referenceDate: s.referenceDate,
      enrichment: llm,
      kind,
      violate: kind === "invalid" ? s.violate : undefined,
    });
  try {
    if (s.mirror && labelled) {
      // valid/ is exactly what --kind valid writes; invalid/ the same records each with its one change.
      const mirror = await writeMirror({
        outDir: s.out!,
        force: s.force,
        signal: ctx.signal,
        valid: {
          count: s.count,
          formats: s.formats,
          record: recordSource(generator, undefined),
          onProgress: (done, total) => progress.update(done, 2 * total),
          manifest: manifest("valid"),
        },
        invalid: {
          count: s.count,
          formats: s.formats,
          record: (i) => labelled.record(i),
          violation: (i) => labelled.violation(i),
          onProgress: (done, total) => progress.update(total + done, 2 * total),
          manifest: manifest("invalid"),
        },
      });
      result = { outDir: mirror.outDir, manifest: mirror.invalid.manifest };
    } else
      result = await writeDataset({
        outDir: s.out!,
        count: s.count,
        formats: s.formats,
        force: s.force,
        record: labelled ? (i) => labelled.record(i) : s.kind === "valid" ? recordSource(generator, llm) : (i) => ofKind.record(i).record,
        violation: labelled ? (i) => labelled.violation(i) : undefined,
        sql: { loaded, dialect: s.sqlDialect },
        signal: ctx.signal,
        onProgress: (done, total) => progress.update(done, total),
        manifest: manifest(s.kind),
      });
  } catch (e) {
    progress.clear();
    if (e instanceof AbortedError) {
      ctx.stderr.write(
        `specmint: interrupted; nothing was written and ${displayPath(s.out!, ctx.cwd)} is as it was\nsummary: interrupted, exit ${interruptedExit(ctx.signal)}\n`,
      );
      return interruptedExit(ctx.signal);
    }
    throw e;
  }
  progress.clear();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const what = [...s.formats.map((f) => (f === "json" ? "record_*.json" : `dataset.${f}`)), ...(labelled ? ["violations.jsonl"] : [])].join(
    ", ",
  );
  const where = s.mirror
    ? `${displayPath(path.join(result.outDir, "invalid"), ctx.cwd)} (${what}, manifest.json), each beside its valid twin in ${displayPath(path.join(result.outDir, "valid"), ctx.cwd)},`
    : `${displayPath(result.outDir, ctx.cwd)} (${what}, manifest.json)`;
  ctx.stderr.write(
    `specmint: wrote ${s.count}${s.kind === "valid" ? "" : ` ${s.kind}`} record${s.count === 1 ? "" : "s"} to ${where} in ${seconds} s · ${result.manifest.dataset_id}${llm?.summary() ?? ""}\n`,
  );
  if (llm) ctx.stderr.write(llm.report());
  const c = result.manifest.coverage;
  if (s.kind === "boundary" && c)
    ctx.stderr.write(
      `specmint: coverage: ${c.covered} of ${c.reachable} reachable boundary items (${c.percent.toFixed(2)}%)` +
        `${c.covered > 0 ? ` in the first ${c.records_needed} records` : ""}, ${c.items - c.reachable} unreachable; specmint coverage lists them\n`,
    );
  return EXIT.ok;
}

/**
 * Records as JSON Lines, with backpressure, so that `| head` and slow readers work. Invalid records'
 * labels go to stderr, one violations.jsonl line each (stdout stays byte-identical to dataset.jsonl).
 */
async function streamToStdout(
  ofKind: RecordsOfKind,
  s: GenerateSettings,
  ctx: CliContext,
  progress: ProgressLine,
  llm?: CliEnrichment,
  labelled?: LabelledRecords,
): Promise<number> {
  const out = ctx.stdout;
  let closed = false;
  let failure: NodeJS.ErrnoException | undefined;
  const onError = (e: NodeJS.ErrnoException) => {
    closed = true;
    // The reader went away (`| head -n 3`): that is its choice, not our failure.
    if (e.code !== "EPIPE") failure = e;
  };
  out.on("error", onError);
  try {
    let chunk = "";
    let lastYield = performance.now();
    for (let i = 1; i <= s.count && !closed; i++) {
      if (ctx.signal.aborted) break;
      let rec: unknown;
      if (llm) {
        try {
          rec = await llm.records.get(i);
        } catch (e) {
          if (e instanceof AbortedError) break;
          throw e;
        }
      } else if (labelled) {
        rec = labelled.record(i);
        ctx.stderr.write(JSON.stringify(labelled.violation(i)) + "\n");
      } else rec = ofKind.record(i).record;
      chunk += JSON.stringify(rec) + "\n";
      // With a model each record takes a while: send it on at once (a reader sees progress, `| head` ends the run).
      if (chunk.length >= 65536 || i === s.count || llm) {
        const ok = out.write(chunk);
        chunk = "";
        if (!ok && !closed)
          await new Promise<void>((resolve) => {
            const done = () => {
              out.off("drain", done);
              out.off("close", done);
              resolve();
            };
            out.on("drain", done);
            out.on("close", done);
          });
      }
      progress.update(i, s.count);
      const now = performance.now();
      if (now - lastYield >= 50) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
    progress.clear();
    if (failure) throw new SpecMintError("io", `cannot write to stdout: ${failure.message}`);
    if (llm) ctx.stderr.write(llm.report());
    if (ctx.signal.aborted && !closed) {
      ctx.stderr.write(
        `specmint: interrupted; the records printed so far are complete lines\nsummary: interrupted, exit ${interruptedExit(ctx.signal)}\n`,
      );
      return interruptedExit(ctx.signal);
    }
    return EXIT.ok;
  } finally {
    // The listener stays: an EPIPE can still arrive after the last write was queued.
    progress.clear();
  }
}
