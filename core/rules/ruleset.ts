// The rules of a schema as the engine uses them: every `x-cross-field-rules` entry on an object
// schema that records reach (core/sites.ts), analysed against its schema, evaluated on every
// instance of that object in a record, and repaired when violated.
import { childKey, hashString, type Key, Rng } from "../base/rng";
import { DEFAULT_REFERENCE_DATE } from "../../common/settings";
import type { SourceLocation } from "../base/errors";
import type { LoadedSchema, SchemaObject } from "../schema/load";
import type { SchemaValidator } from "../validate/ajv";
import { findSites, siteInstances, stepsText, type SchemaSite, type SiteStep } from "../schema/sites";
import { escapePointerSegment } from "../schema/load";
import { analyzeRule, type RuleAnalysis, type RuleFinding } from "./check";
import { CompiledExpr, Evaluator } from "./evaluate";
import { Repairer, type RepairHooks } from "./repair";
import { SchemaScope, type NodeInfo } from "./scope";
import { rawRange, ruleLocation, ruleSource, type RuleSource } from "./source";
import { parseInstant } from "./values";
import { dateWindowBounds } from "../generate/formats";
import { refContext, refSitesOf, type RefContext, type RuleReferences } from "./references";

export const KEYWORD = "x-cross-field-rules";
/** Passes over all rules of a record: a repair of one rule may break another that a later pass fixes. */
export const REPAIR_PASSES = 4;

export interface RuleEntry {
  owner: SchemaObject;
  index: number;
  text: string;
  description?: string;
  severity: "error" | "warning";
  source?: RuleSource;
  /** file#pointer line:column of the rule's text (just inside its opening quote). */
  location: SourceLocation;
  analysis: RuleAnalysis;
  /** Set when the rule is enforced (it parses and has no error finding). */
  compiled?: CompiledExpr;
}

/** A finding with where it is in the schema file. */
export interface LocatedFinding extends RuleFinding {
  rule: string;
  /** JSON pointer of the rule string (or of the keyword, for unique-impossible). */
  pointer: string;
  file?: string;
  /** Document offsets [start, end) of the finding in the schema text, when known. */
  range?: { start: number; end: number };
  /** 1-based line and column of the finding's start. */
  line?: number;
  column?: number;
}

export function ownsRules(s: SchemaObject): boolean {
  const r = s[KEYWORD];
  return Array.isArray(r) && r.length > 0;
}

/** Does any document of the schema mention rules at all (a cheap test before any walk)? */
export function mentionsRules(loaded: LoadedSchema): boolean {
  return loaded.documents.some((d) => d.text.includes(KEYWORD));
}

/**
 * The rules written on one schema object, analysed. `refs` (default: the schema's x-ref sites,
 * no set) says what ref(…) can reach.
 */
export function rulesOf(
  loaded: LoadedSchema,
  owner: SchemaObject,
  scope: SchemaScope,
  referenceDate?: string,
  refs?: RefContext,
): RuleEntry[] {
  const list = owner[KEYWORD];
  if (!Array.isArray(list)) return [];
  const out: RuleEntry[] = [];
  list.forEach((item, index) => {
    let text: string;
    let description: string | undefined;
    let severity: "error" | "warning" = "error";
    if (typeof item === "string") text = item;
    else if (typeof item === "object" && item !== null && typeof (item as { rule?: unknown }).rule === "string") {
      const o = item as { rule: string; description?: unknown; severity?: unknown };
      text = o.rule;
      if (typeof o.description === "string") description = o.description;
      if (o.severity === "warning") severity = "warning";
    } else return;
    const source = ruleSource(loaded, owner, index);
    const analysis = analyzeRule(text, scope, [owner], referenceDate, loaded.limits, refs);
    const entry: RuleEntry = {
      owner,
      index,
      text,
      description,
      severity,
      source,
      location: source ? ruleLocation(source, 0) : loaded.locate(owner),
      analysis,
    };
    if (analysis.enforced && analysis.ast) entry.compiled = new CompiledExpr(text, analysis.ast, analysis.nodes, analysis.refs);
    out.push(entry);
  });
  return out;
}

export function locateFinding(entry: RuleEntry, f: RuleFinding): LocatedFinding {
  const out: LocatedFinding = { ...f, rule: entry.text, pointer: entry.location.pointer ?? "", file: entry.location.file };
  if (entry.source) {
    const loc = ruleLocation(entry.source, f.offset);
    out.line = loc.line;
    out.column = loc.column;
    out.range = rawRange(entry.source, f.offset, f.length);
  }
  return out;
}

/** What the engine gives the repairer: validity, fresh values, the date window. */
// Function-valued properties, not methods: the rules pass them on detached from the object.
export interface EngineHooks {
  valid: (node: NodeInfo, value: unknown) => boolean;
  /** A fresh value for the node, from the stream of `key`. */
  fresh: (node: NodeInfo, name: string | undefined, key: Key) => unknown;
}

/**
 * Per rule, over the records returned so far: instances checked, how many held before repair,
 * repairs made, and how many hold in the records returned (less than `checked` only for rules
 * with severity "warning" that could not be repaired).
 */
export interface RuleStats {
  rule: string;
  pointer: string;
  checked: number;
  heldBefore: number;
  repaired: number;
  heldAfter: number;
}

/** checked, held before repair, repaired, left violated (warnings). */
type Tally = [number, number, number, number];

export type EnforceResult =
  { ok: true; repairs: number; tally: Map<RuleEntry, Tally> } | { ok: false; entry: RuleEntry; pointer: string; why: string };

export interface RuleSetOptions {
  /**
   * The records the schema's x-refs point to, when it is generated (or validated) as an entity of
   * a set: rules with ref(…) are then enforced, and the x-ref fields are never changed by a repair.
   * Without it such rules are noted (`rule-ref`) and not enforced.
   */
  references?: RuleReferences;
}

interface SiteRules {
  site: SchemaSite;
  text: string;
  rules: { entry: RuleEntry; ev: Evaluator }[];
}

export class RuleSet {
  readonly scope: SchemaScope;
  /** Every rule written on a schema object that records reach, enforced or not. */
  readonly entries: RuleEntry[] = [];
  readonly sites: SiteRules[] = [];
  /** The schema has so many paths that rules deep in it were not looked for (core/sites.ts). */
  readonly truncated: boolean;
  private readonly stats = new Map<RuleEntry, RuleStats>();
  private readonly window: { start: number; end: number };
  /** Where the x-ref fields are in a record, when references are given (they are set from the parent: frozen). */
  private readonly refSteps: SchemaSite["steps"][] = [];

  constructor(
    readonly loaded: LoadedSchema,
    private readonly validator: SchemaValidator,
    readonly referenceDate: string,
    options: RuleSetOptions = {},
  ) {
    const { references } = options;
    const refs = refContext(loaded, references);
    this.scope = new SchemaScope(loaded);
    const today = parseInstant(referenceDate) ?? parseInstant(DEFAULT_REFERENCE_DATE)!;
    this.window = dateWindowBounds(referenceDate);
    const byOwner = new Map<SchemaObject, RuleEntry[]>();
    const sites = findSites(loaded, ownsRules);
    this.truncated = sites.truncated === true;
    for (const site of sites) {
      let entries = byOwner.get(site.schema);
      if (!entries) {
        entries = rulesOf(loaded, site.schema, this.scope, referenceDate, refs);
        byOwner.set(site.schema, entries);
        this.entries.push(...entries);
      }
      const rules = entries.filter((e) => e.compiled).map((entry) => ({ entry, ev: new Evaluator(entry.compiled!, today, references) }));
      if (rules.length) this.sites.push({ site, text: stepsText(site.steps), rules });
    }
    if (references && this.sites.length) {
      for (const { steps } of refSitesOf(loaded)) {
        this.refSteps.push(steps);
        // The array that holds references (`product_ids[*]`, `lines[*].product_id`) keeps its
        // length too: an element a repair added would reference nothing.
        const wildcard = steps.findIndex((s) => s.kind === "wildcard");
        if (wildcard > 0) this.refSteps.push(steps.slice(0, wildcard));
      }
    }
    for (const e of this.entries)
      if (e.compiled)
        this.stats.set(e, { rule: e.text, pointer: e.location.pointer ?? "", checked: 0, heldBefore: 0, repaired: 0, heldAfter: 0 });
  }

  /** Rules that are checked and repaired. */
  get enforced(): RuleEntry[] {
    return this.entries.filter((e) => e.compiled);
  }

  /** Number of enforced rules (RuleChecker). */
  get size(): number {
    return this.stats.size;
  }

  /** Findings of the rules records reach, located in the schema file. */
  findings(): LocatedFinding[] {
    return this.entries.flatMap((e) => e.analysis.findings.map((f) => locateFinding(e, f)));
  }

  ruleStats(): RuleStats[] {
    return [...this.stats.values()].map((s) => ({ ...s }));
  }

  private applies(site: SchemaSite, value: unknown): boolean {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    return site.guards.every((g) => this.validator.forSchema(g)(value));
  }

  /**
   * Whether the enforced rules hold for a record: failing(record) is empty, without its messages.
   * `changed`: the record is one made by the engine (every rule held) with the value at this pointer
   * changed and nothing else, so only the rules that read that place are checked (readersOf).
   */
  allHold(record: unknown, changed?: string): boolean {
    for (const s of changed === undefined ? this.sites : this.readersOf(changed))
      for (const inst of siteInstances(record, s.site.steps)) {
        if (!this.applies(s.site, inst.value)) continue;
        for (const { ev } of s.rules) if (!ev.holds(inst.value)) return false;
      }
    return true;
  }

  /**
   * The rules that may hold differently once the value at `pointer` changes and nothing else does,
   * by site. A rule reads its paths from its object, so a change that is neither on nor under one of
   * them (nor at or above the object) leaves it as it was; a site with guards is read as a whole (a
   * change inside it may decide whether it applies). Every rule of a record made by the engine holds
   * except a warning's: with one, all rules are.
   */
  private readersOf(pointer: string): SiteRules[] {
    let readers = this.readers.get(pointer);
    if (!readers) {
      const segments = pointer
        .split("/")
        .slice(1)
        .map((x) => x.replace(/~1/g, "/").replace(/~0/g, "~"));
      const warned = this.sites.some((s) => s.rules.some(({ entry }) => entry.severity === "warning"));
      readers = warned
        ? this.sites
        : this.sites
            .map((s) => ({
              ...s,
              rules:
                s.site.guards.length > 0
                  ? overlaps(s.site.steps, segments)
                    ? s.rules
                    : []
                  : s.rules.filter(({ entry }) => entry.compiled!.paths.some((p) => overlaps([...s.site.steps, ...p.segments], segments))),
            }))
            .filter((s) => s.rules.length > 0);
      this.readers.set(pointer, readers);
    }
    return readers;
  }

  /** readersOf, by pointer. */
  private readonly readers = new Map<string, SiteRules[]>();

  /** The enforced rules that do not hold for a record: one entry per rule (RuleChecker). */
  failing(record: unknown): { rule: string; pointer: string; message: string }[] {
    const out: { rule: string; pointer: string; message: string }[] = [];
    const reported = new Set<RuleEntry>();
    for (const s of this.sites) {
      for (const inst of siteInstances(record, s.site.steps)) {
        if (!this.applies(s.site, inst.value)) continue;
        for (const { entry, ev } of s.rules) {
          if (reported.has(entry) || ev.holds(inst.value)) continue;
          reported.add(entry);
          out.push({
            rule: entry.text,
            pointer: inst.pointer + firstPathPointer(entry),
            message: `rule "${entry.text}" does not hold: ${ev.explain(inst.value)}`,
          });
        }
      }
    }
    return out;
  }

  /**
   * Check every rule on every instance and repair what fails, in place. Repair streams derive from
   * `key` (the record attempt's key): see docs/determinism.md.
   */
  enforce(record: unknown, key: Key, hooks: EngineHooks, frozen: (container: object, k: string | number) => boolean): EnforceResult {
    const repairBase = childKey(key, hashString("$repair"));
    frozen = this.withReferencesFrozen(record, frozen);
    const tally = new Map<RuleEntry, Tally>();
    let repairs = 0;
    for (let pass = 0; pass < REPAIR_PASSES; pass++) {
      let violated: { entry: RuleEntry; pointer: string } | undefined;
      const unrepaired = new Map<RuleEntry, number>();
      for (const s of this.sites) {
        for (const inst of siteInstances(record, s.site.steps)) {
          if (!this.applies(s.site, inst.value)) continue;
          for (const { entry, ev } of s.rules) {
            let t = tally.get(entry);
            if (!t) tally.set(entry, (t = [0, 0, 0, 0]));
            const held = ev.holds(inst.value);
            if (pass === 0) {
              t[0]++;
              if (held) t[1]++;
            }
            if (held) continue;
            const rng = new Rng(childKey(repairBase, hashString(`${entry.text}@${inst.pointer}#${pass}`)));
            const repairHooks: RepairHooks = {
              rng,
              scope: this.scope,
              valid: hooks.valid,
              fresh: (node, name, r) => hooks.fresh(node, name, r.key),
              window: this.window,
              frozen,
            };
            const repairer = new Repairer(ev, repairHooks, inst.value);
            if (!repairer.repair()) {
              // A rule with severity "warning" is repaired when it can be, and left when it cannot.
              if (entry.severity === "warning") {
                unrepaired.set(entry, (unrepaired.get(entry) ?? 0) + 1);
                continue;
              }
              const why = repairer.notes.length ? repairer.notes[repairer.notes.length - 1] : "no change within the schema makes it hold";
              return { ok: false, entry, pointer: inst.pointer, why };
            }
            t[2]++;
            repairs++;
            violated = { entry, pointer: inst.pointer };
          }
        }
      }
      if (!violated) {
        for (const [entry, n] of unrepaired) tally.get(entry)![3] = n;
        return { ok: true, repairs, tally };
      }
      if (pass === REPAIR_PASSES - 1) {
        return { ok: false, entry: violated.entry, pointer: violated.pointer, why: "repairing one rule keeps breaking another" };
      }
    }
    return { ok: true, repairs, tally };
  }

  /** `frozen`, plus the record's x-ref fields when references are given: a repair never changes a reference. */
  private withReferencesFrozen(
    record: unknown,
    frozen: (container: object, k: string | number) => boolean,
  ): (container: object, k: string | number) => boolean {
    if (!this.refSteps.length) return frozen;
    const refFields = new Map<object, Set<string | number>>();
    for (const steps of this.refSteps)
      for (const inst of siteInstances(record, steps)) {
        if (!inst.container || inst.key === undefined) continue;
        let keys = refFields.get(inst.container);
        if (!keys) refFields.set(inst.container, (keys = new Set()));
        keys.add(inst.key);
      }
    if (!refFields.size) return frozen;
    return (c, k) => refFields.get(c)?.has(k) === true || frozen(c, k);
  }

  /** Add the tallies of an accepted record to the rule statistics. */
  commit(tally: Map<RuleEntry, Tally>): void {
    for (const [entry, [checked, held, repaired, left]] of tally) {
      const s = this.stats.get(entry);
      if (!s) continue;
      s.checked += checked;
      s.heldBefore += held;
      s.repaired += repaired;
      s.heldAfter += checked - left;
    }
  }
}

/**
 * Whether a place of the record (`segments`, a pointer's) is on or under a place `template` names,
 * or above it: `*` stands for any segment, and a name and an index of the same text are taken alike.
 */
function overlaps(template: readonly SiteStep[], segments: readonly string[]): boolean {
  const n = Math.min(template.length, segments.length);
  for (let k = 0; k < n; k++) {
    const t = template[k];
    if (t.kind === "name" ? t.name !== segments[k] : t.kind === "index" ? String(t.index) !== segments[k] : false) return false;
  }
  return true;
}

/** Pointer (relative to the rule's object) of the first plain path of a rule (a field of its own before a reference), for reports. */
function firstPathPointer(entry: RuleEntry): string {
  const plain = entry.compiled?.paths.filter((x) => !x.segments.some((s) => s.kind === "wildcard")) ?? [];
  const p = plain.find((x) => !entry.compiled!.refTargets.has(x)) ?? plain[0];
  if (!p) return "";
  return p.segments.map((s) => `/${s.kind === "name" ? escapePointerSegment(s.name) : s.kind === "index" ? s.index : "*"}`).join("");
}
