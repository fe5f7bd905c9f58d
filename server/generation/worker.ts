// The generation worker: builds Generators (cached by everything records depend on), runs the
// probe, answers samples and writes datasets. Runs in a worker thread of the server process.
import { createHash } from "node:crypto";
import { parentPort } from "node:worker_threads";
import { Generator } from "../../core/engine";
import { LimitError, SpecMintError, stackOf } from "../../core/base";
import { AbortedError, writeDataset } from "../../core/output";
import { runTimestamp } from "../../common/runTime";
import { labelledRecords, recordSource, runManifest, startEnrichment, type Enrichment } from "../../common/generationRun";
import { kindSamplesAt, recordsOfKind, type KindRecord, type RecordsOfKind } from "../../core/kinds";
import { brokenNodes, withoutBrokenNodes, type BrokenNode } from "../../core/engine";
import { loadSchemaText, type LoadedSchema } from "../../core/schema";
import { patternGenerationFindings } from "../../core/analyze";
import { schemaNodes } from "../../core/schema";
import type { Finding } from "../../core/analyze";
import { overlayReader } from "../schemaLoader";
import { EDITOR_OFFLINE_HINT } from "../offlineHint";

/** Generators made here name the editor's settings when a URL reference is not found. */
const GENERATOR_EXTRAS = { offlineHint: EDITOR_OFFLINE_HINT };
import type { GenerationFailure, GenerationInput, KindChoice, WorkerRequest, WorkerResponse } from "./messages";

interface Prepared {
  loaded?: LoadedSchema;
  generator?: Generator;
  /** Findings that need trial generation (regex-unsupported), computed once. */
  findings?: Finding[];
  failure?: GenerationFailure;
  records: Map<number, unknown>;
  /** Records that could not be made: asking again would only repeat every attempt. */
  recordErrors: Map<number, unknown>;
  /** Records of the other kinds (invalid, boundary), by kind and --violate: made once, like the valid ones. */
  kinds: Map<string, KindCache>;
  /**
   * When nodes do not compile (the failure): the schema without them, for samples of the rest.
   * The probe (and so the diagnostics and `generate`) still fail; only samples use it.
   */
  degraded?: Prepared & { broken: BrokenNode[] };
}

interface KindCache {
  /** The kind's records, or why the schema gives none of the kind (a SpecMintError). */
  ofKind?: RecordsOfKind;
  error?: unknown;
  records: Map<number, KindRecord>;
  recordErrors: Map<number, unknown>;
}

/** Generators kept for the most recent inputs: the current version of a few open schemas. */
const KEEP = 4;
/** Records kept per generator (hovers and the probe ask for the first few again and again). */
const RECORDS_KEPT = 50;
const prepared = new Map<string, Prepared>();
const aborts = new Map<number, AbortController>();

function keyOf(input: GenerationInput): string {
  const h = createHash("sha256");
  h.update(
    JSON.stringify([
      input.file ?? "",
      input.seed,
      input.referenceDate,
      input.draft ?? "",
      input.offline ?? null,
      input.access ?? null,
      input.limits ?? null,
    ]),
  );
  h.update("\0").update(input.text);
  for (const [f, t] of input.overlay) h.update("\0").update(f).update("\0").update(t);
  return h.digest("hex");
}

export function failureOf(e: unknown): GenerationFailure {
  if (e instanceof SpecMintError) {
    const failure: GenerationFailure = { message: e.message, kind: e.kind, file: e.location.file, pointer: e.location.pointer };
    if (e instanceof LimitError) failure.limit = e.limit;
    return failure;
  }
  if (e instanceof RangeError && /call stack/.test(e.message)) {
    return { message: "generation overflowed the stack: a $ref cycle that never reaches a value?", kind: "bug" };
  }
  return { message: `internal error: ${stackOf(e)}`, kind: "bug" };
}

function load(input: GenerationInput) {
  const overlay = new Map(input.overlay);
  return loadSchemaText(input.text, input.file, {
    readFile: overlayReader((f) => overlay.get(f), new Map(), input.access),
    draft: input.draft,
    offline: input.offline,
    limits: input.limits,
  });
}

function prepare(input: GenerationInput): Prepared {
  const key = keyOf(input);
  let p = prepared.get(key);
  if (p) {
    prepared.delete(key); // re-inserted below: most recently used last
  } else {
    p = { records: new Map(), recordErrors: new Map(), kinds: new Map() };
    try {
      p.loaded = load(input);
      p.generator = new Generator(p.loaded, { seed: input.seed, referenceDate: input.referenceDate }, GENERATOR_EXTRAS);
    } catch (e) {
      p.failure = failureOf(e);
      if (p.loaded && p.failure.kind === "schema") p.degraded = degrade(input, p.loaded);
    }
  }
  prepared.set(key, p);
  while (prepared.size > KEEP) prepared.delete(prepared.keys().next().value!);
  return p;
}

/** The schema without its broken nodes, ready for samples; undefined when no node is broken or it still fails. */
function degrade(input: GenerationInput, loaded: LoadedSchema): Prepared["degraded"] {
  try {
    const broken = brokenNodes(loaded);
    if (!broken.length) return undefined;
    const text = JSON.stringify(withoutBrokenNodes(loaded.main.root, broken), null, 2);
    const d = load({ ...input, text });
    const generator = new Generator(d, { seed: input.seed, referenceDate: input.referenceDate }, GENERATOR_EXTRAS);
    return { loaded: d, generator, broken, records: new Map(), recordErrors: new Map(), kinds: new Map() };
  } catch {
    return undefined;
  }
}

/** Why the node at `pointer` has no samples in the degraded schema: it, or the optional property holding it, does not compile. */
function brokenAt(broken: BrokenNode[], pointer: string): BrokenNode | undefined {
  return broken.find((b) => b.pointer === pointer || (b.omittable && pointer.startsWith(b.pointer + "/")));
}

function cachedRecord(p: Prepared): (i: number) => unknown {
  return (i) => {
    if (p.recordErrors.has(i)) throw p.recordErrors.get(i);
    if (!p.records.has(i)) {
      try {
        const r = p.generator!.record(i);
        if (i > RECORDS_KEPT) return r;
        p.records.set(i, r);
      } catch (e) {
        p.recordErrors.set(i, e);
        throw e;
      }
    }
    return p.records.get(i);
  };
}

/**
 * Record i of a kind, made through recordsOfKind as the CLI makes it and kept like the valid ones
 * (a hover asks for the same few again and again). Throws what recordsOfKind throws for a kind the
 * schema cannot give (or one not made yet).
 */
function cachedKindRecord(p: Prepared, choice: KindChoice): { ofKind: RecordsOfKind; record: (i: number) => KindRecord } {
  if (choice.kind === "valid") {
    const valid = cachedRecord(p);
    return { ofKind: recordsOfKind(p.generator!, "valid"), record: (i) => ({ record: valid(i) }) };
  }
  const key = JSON.stringify([choice.kind, choice.violate ?? null]);
  let c = p.kinds.get(key);
  if (!c) {
    c = { records: new Map(), recordErrors: new Map() };
    try {
      c.ofKind = recordsOfKind(p.generator!, choice.kind, { violate: choice.violate });
    } catch (e) {
      c.error = e;
    }
    p.kinds.set(key, c);
  }
  if (!c.ofKind) throw c.error;
  const cache = c;
  const ofKind = c.ofKind;
  return {
    ofKind,
    record(i) {
      if (cache.recordErrors.has(i)) throw cache.recordErrors.get(i);
      const kept = cache.records.get(i);
      if (kept) return kept;
      try {
        const made = ofKind.record(i);
        if (i <= RECORDS_KEPT) cache.records.set(i, made);
        return made;
      } catch (e) {
        cache.recordErrors.set(i, e);
        throw e;
      }
    },
  };
}

async function handle(req: WorkerRequest, post: (m: WorkerResponse) => void): Promise<void> {
  switch (req.kind) {
    case "probe": {
      const p = prepare(req.input);
      if (p.loaded) p.findings ??= patternGenerationFindings(schemaNodes(p.loaded.main.root, p.loaded.draft));
      const findings = p.findings ?? [];
      if (p.failure) return post({ id: req.id, kind: "probe", failure: p.failure, findings });
      try {
        const record = cachedRecord(p);
        for (let i = 1; i <= req.records; i++) record(i);
        post({ id: req.id, kind: "probe", findings });
      } catch (e) {
        post({ id: req.id, kind: "probe", failure: failureOf(e), findings });
      }
      return;
    }
    case "samples": {
      const p = prepare(req.input);
      const d = p.degraded;
      if (p.failure && !d) return post({ id: req.id, kind: "samples", failure: p.failure });
      if (d) {
        // Samples of the root are whole records: only when every broken node could be left out.
        const hit = brokenAt(d.broken, req.pointer) ?? (req.pointer === "" ? d.broken.find((b) => !b.omittable) : undefined);
        if (hit)
          return post({
            id: req.id,
            kind: "samples",
            failure: { message: hit.message, kind: "schema", file: req.input.file, pointer: hit.pointer },
          });
      }
      const from = d ?? p;
      const omitted = d?.broken.map((b) => ({ pointer: b.pointer, message: b.message }));
      try {
        const { ofKind, record } = cachedKindRecord(from, req.records);
        const made = kindSamplesAt(from.generator!, ofKind, req.pointer, req.count, { record, ownConstraints: req.ownConstraints });
        post({ id: req.id, kind: "samples", samples: made.samples, violations: made.violations, omitted });
      } catch (e) {
        post({ id: req.id, kind: "samples", failure: failureOf(e) });
      }
      return;
    }
    case "generate": {
      // The run `specmint generate` makes (common/generationRun.ts), in every LLM mode.
      const abort = new AbortController();
      aborts.set(req.id, abort);
      const { seed, referenceDate } = req.input;
      let enrichment: Enrichment | undefined;
      try {
        const loaded = load(req.input);
        const generator = new Generator(loaded, { seed, referenceDate }, GENERATOR_EXTRAS);
        generator.assertUniqueCapacity(req.count);
        if (req.llm) {
          const warn = (message: string) => post({ id: req.id, kind: "log", message: `specmint: warning: ${message}` });
          enrichment = await startEnrichment(req.llm, { loaded, generator, seed, count: req.count }, abort.signal, warn);
        }
        // Records through the door the CLI uses: record i of a kind is the same from either front.
        const { kind, violate } = req.records;
        const ofKind = recordsOfKind(generator, kind, { violate });
        const labelled = kind === "invalid" ? labelledRecords(ofKind) : undefined;
        const result = await writeDataset({
          outDir: req.outDir,
          count: req.count,
          formats: req.formats,
          record: labelled
            ? (i) => labelled.record(i)
            : kind === "valid"
              ? recordSource(generator, enrichment)
              : (i) => ofKind.record(i).record,
          violation: labelled ? (i) => labelled.violation(i) : undefined,
          sql: { loaded },
          signal: abort.signal,
          onProgress: (done, total) => post({ id: req.id, kind: "progress", done, total }),
          manifest: runManifest({
            createdAt: runTimestamp(),
            schemaPath: req.manifestPath,
            loaded,
            generator,
            seed,
            referenceDate,
            enrichment,
            kind,
            violate,
          }),
        });
        post({ id: req.id, kind: "generate", result });
      } catch (e) {
        if (e instanceof AbortedError) post({ id: req.id, kind: "generate", cancelled: true });
        else post({ id: req.id, kind: "generate", failure: failureOf(e) });
      } finally {
        enrichment?.stop();
        aborts.delete(req.id);
      }
      return;
    }
    case "cancel":
      aborts.get(req.id)?.abort();
      return;
  }
}

export function runGenerationWorker(): void {
  const port = parentPort;
  if (!port) return;
  const post = (m: WorkerResponse) => port.postMessage(m);
  port.on("message", (req: WorkerRequest) => {
    handle(req, post).catch((e) => post({ id: req.id, kind: "crash", message: stackOf(e) }));
  });
}
