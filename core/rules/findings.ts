// Rule and x-unique checks for the editor, in the shape of core/analyze findings: what the
// language server's RuleFindingsHook asks for (server/ruleFindings.ts). A finding about a token
// of a rule points at the rule string with a `string` target (offset and length in the decoded
// text); the quick fix for an unknown path rewrites the rule string with the nearest path.
import type { Finding } from "../analyze/finding";
import type { LoadedSchema, SchemaObject } from "../schema/load";
import { FactsBuilder } from "../schema/facts";
import { DEFAULT_OPTIONAL_PROBABILITY, DEFAULT_REFERENCE_DATE } from "../../common/settings";
import { SchemaScope, type FieldPath } from "./scope";
import { KEYWORD, rulesOf } from "./ruleset";
import { UNIQUE_KEYWORD, formatCount, uniqueSites, valueSpace, type UniqueSite } from "../generate/unique";

export interface RuleCheckOptions {
  /** Records the user generates (settings `specmint.count`); unique-impossible compares with it. Default 10. */
  count?: number;
  /** "today" for rules (default: the default reference date). */
  referenceDate?: string;
}

const scopes = new WeakMap<LoadedSchema, SchemaScope>();
const sitesCache = new WeakMap<LoadedSchema, Map<string, UniqueSite[]>>();

function scopeOf(loaded: LoadedSchema): SchemaScope {
  let s = scopes.get(loaded);
  if (!s) scopes.set(loaded, (s = new SchemaScope(loaded)));
  return s;
}

/**
 * Findings for one schema object that carries `x-cross-field-rules` or `x-unique` (pointers are
 * absolute in the object's document). Never throws.
 */
export function ruleFindings(loaded: LoadedSchema, schemaObj: SchemaObject, options: RuleCheckOptions = {}): Finding[] {
  const out: Finding[] = [];
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  if (Array.isArray(schemaObj[KEYWORD])) {
    for (const entry of rulesOf(loaded, schemaObj, scopeOf(loaded), referenceDate)) {
      const pointer = entry.location.pointer ?? "";
      for (const f of entry.analysis.findings) {
        const finding: Finding = {
          code: f.code,
          severity: f.severity,
          message: f.message,
          pointer,
          target: { part: "string", offset: f.offset, length: f.length },
        };
        if (f.fix) {
          const text = entry.text.slice(0, f.fix.offset) + f.fix.text + entry.text.slice(f.fix.offset + f.fix.length);
          finding.fixes = [{ title: f.fix.title, edits: [{ op: "setValue", pointer, value: text }], preferred: true }];
        }
        out.push(finding);
      }
    }
  }
  if (schemaObj[UNIQUE_KEYWORD] === true) {
    const u = uniqueImpossible(loaded, schemaObj, options.count ?? 10, referenceDate);
    if (u) out.push(u);
  }
  return out;
}

function uniqueImpossible(loaded: LoadedSchema, schemaObj: SchemaObject, count: number, referenceDate: string): Finding | undefined {
  const origin = loaded.origin(schemaObj);
  const pointer = `${origin?.pointer ?? ""}/${UNIQUE_KEYWORD}`;
  let byDate = sitesCache.get(loaded);
  if (!byDate) sitesCache.set(loaded, (byDate = new Map<string, UniqueSite[]>()));
  let sites = byDate.get(referenceDate);
  if (!sites) {
    try {
      sites = uniqueSites(loaded, 1, referenceDate);
    } catch {
      sites = [];
    }
    byDate.set(referenceDate, sites);
  }
  const mine = sites.filter((s) => s.site.schema === schemaObj && s.capacity !== undefined);
  let capacity: bigint | undefined;
  let what = "";
  let perRecord = 1n;
  for (const s of mine) {
    if (capacity === undefined || s.capacity! < capacity) {
      capacity = s.capacity!;
      what = s.space!.what;
      perRecord = s.perRecord;
    }
  }
  if (capacity === undefined && !mine.length) {
    // Not reached from the root (a $defs entry): judge the node on its own.
    try {
      const space = valueSpace(
        new FactsBuilder(loaded, loaded.draft, DEFAULT_OPTIONAL_PROBABILITY).build([schemaObj], new Set()),
        referenceDate,
        () => true,
      );
      if (typeof space !== "string") {
        capacity = space.size;
        what = space.what;
      }
    } catch {
      return undefined;
    }
  }
  if (capacity === undefined || BigInt(count) <= capacity) return undefined;
  return {
    code: "unique-impossible",
    severity: "error",
    message:
      `x-unique cannot hold for ${formatCount(BigInt(count))} records: this node has only ${what}` +
      (perRecord > 1n ? ` for up to ${perRecord} values per record` : "") +
      `, enough for ${formatCount(capacity)} records`,
    pointer,
    target: { part: "key" },
  };
}

/**
 * Field paths a rule on `schemaObj` can use, with their kinds (for completion inside rule strings):
 * `claim_dates.service_date` (date), `service_lines[*].charge` (number 0…8000), …
 */
export function rulePaths(loaded: LoadedSchema, schemaObj: SchemaObject, depth = 4): FieldPath[] {
  return scopeOf(loaded).fieldPaths([schemaObj], depth);
}
