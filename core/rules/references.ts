// Rules across entities: what `ref(path)` needs from outside the schema it is written in. Inside a
// set (core/set) the generator knows, for every x-ref of a child schema, the referenced entity's
// schema and the record a value points to; on its own a schema knows neither, and a rule that
// uses ref() is then kept (noted, not enforced) rather than guessed at.
import type { LoadedSchema } from "../schema/load";
import { refSites, type RefSite } from "../set/references";
import { SchemaScope, type NodeInfo } from "./scope";

/** What a set tells the rules of one entity about the entities it references. */
export interface RuleReferences {
  /**
   * The record referenced by `value`, the child's value at the x-ref site `path` (rule-style, from
   * the record's root: `customer_id`, `lines[*].product_id`); undefined when it does not resolve.
   * Called whenever a rule is evaluated (several times per record while repairing): cache there.
   */
  resolve(path: string, value: unknown): unknown;
  /** The referenced entity's schema for the x-ref at `path` (to check `ref(path).field` names and types), undefined when unknown. */
  schemaAt(path: string): LoadedSchema | undefined;
}

/** What the analysis of a rule knows about ref(): the child's x-ref sites, and the set's answers when in one. */
export interface RefContext {
  /** The x-ref sites of the schema the rules are written in. */
  sites(): readonly RefSite[];
  /** Undefined outside a set: ref() rules are then not enforced. */
  references?: RuleReferences;
}

/** What analysis found for one `ref(…)` of a rule. */
export interface RefInfo {
  /** The x-ref site the target path lands on (its `path` is what `resolve` and `schemaAt` take). */
  site: RefSite;
  /** What the referenced schema says about the field read, when known. */
  node?: NodeInfo;
}

const sitesCache = new WeakMap<LoadedSchema, RefSite[]>();
const scopeCache = new WeakMap<LoadedSchema, SchemaScope>();

/** A schema's x-ref sites, found once per loaded schema. */
export function refSitesOf(loaded: LoadedSchema): RefSite[] {
  let sites = sitesCache.get(loaded);
  if (!sites) sitesCache.set(loaded, (sites = refSites(loaded)));
  return sites;
}

/** The rule scope of a referenced schema (its root), shared by every rule that reads it. */
export function referencedScope(loaded: LoadedSchema): SchemaScope {
  let scope = scopeCache.get(loaded);
  if (!scope) scopeCache.set(loaded, (scope = new SchemaScope(loaded)));
  return scope;
}

/** The context of the rules of `loaded`, with the set's references when there are any. */
export function refContext(loaded: LoadedSchema, references?: RuleReferences): RefContext {
  return { sites: () => refSitesOf(loaded), references };
}

/**
 * The x-ref site whose schema governs a value: `node` is what the rule's path `written` (relative
 * to the rule's object) resolved to; the site's schema is one of its schemas, met through $ref and
 * allOf too. When one definition is used at several places, the place whose path ends like the
 * written one is taken (`billing_id` and `shipping_id` both `$ref` one x-ref definition).
 */
export function siteOfNode(sites: readonly RefSite[], node: NodeInfo, written: string): RefSite | undefined {
  const governing = new Set<object>([...node.facts.sources, ...node.schemas.filter((s) => typeof s === "object")]);
  const candidates = sites.filter((s) => governing.has(s.schema));
  const tail = written.replace(/^\$\.?/, "").replace(/\[\d+\]/g, "[*]");
  return candidates.find((s) => s.path === tail || s.path.endsWith(`.${tail}`)) ?? candidates[0];
}
