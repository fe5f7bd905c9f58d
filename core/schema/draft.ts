// Which draft a schema is read as. `$schema` decides when it names a draft; without it, the
// caller's choice (`--draft`, the `specmint.defaultDraft` setting) does; without that, keywords
// that only one side of the 2019 split has: array-form `items`, `additionalItems`,
// `dependencies`, a plain `id` and an `$id` with a fragment mean the older drafts, `prefixItems`, `$defs`, `unevaluated*`,
// `$dynamicRef` and `dependentSchemas` the newer. Many schemas in the wild carry no `$schema`,
// and reading a draft-07 tuple (`items: [...]`) with 2020-12's rules rejects it outright.
import {
  escapePointerSegment,
  SCHEMA_ARRAY_KEYWORDS as ARRAY_KEYWORDS,
  SCHEMA_KEYWORDS as SINGLE_KEYWORDS,
  SCHEMA_MAP_KEYWORDS as MAP_KEYWORDS,
} from "./keywords";
import type { Draft, Schema, SchemaObject } from "./load";

export type DraftSource = "declared" | "option" | "inferred" | "default";

export interface DraftChoice {
  draft: Draft;
  /** declared by `$schema`; given by the caller; inferred from keywords; or the default (2020-12). */
  source: DraftSource;
  /** For a draft that was not declared: why it was chosen, in words for a note. */
  why?: string;
  /** Keywords of both sides were found (the schema was then read as 2020-12). */
  conflict?: { older: string[]; newer: string[] };
}

export const DRAFT_NAMES: readonly Draft[] = ["2020-12", "2019-09", "07", "06", "04"];

/** "07", "7", "draft-07", "draft7", "2020-12", … → the draft; undefined for anything else. */
export function parseDraftName(text: string): Draft | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/^draft-?/, "");
  if (t === "2020-12" || t === "2019-09") return t;
  const n = /^0?([467])$/.exec(t)?.[1];
  return n ? (`0${n}` as Draft) : undefined;
}

/** The draft `$schema` names, or undefined when it names none we know. */
export function declaredDraft(root: Schema): Draft | undefined {
  const uri = typeof root === "object" && root !== null && typeof root.$schema === "string" ? root.$schema : "";
  if (uri.includes("2020-12")) return "2020-12";
  if (uri.includes("2019-09")) return "2019-09";
  if (/draft-07/.test(uri)) return "07";
  if (/draft-06/.test(uri)) return "06";
  if (/draft-04|draft-03/.test(uri)) return "04";
  return undefined;
}

const NEWER_KEYWORDS = [
  "prefixItems",
  "$defs",
  "unevaluatedProperties",
  "unevaluatedItems",
  "$dynamicRef",
  "$dynamicAnchor",
  "dependentSchemas",
  "dependentRequired",
];
/** Enough to decide; a schema of 100,000 nodes is not read to the end for this. */
const MAX_NODES = 20_000;

interface Signals {
  older: Map<string, string>; // keyword → first pointer
  newer: Map<string, string>;
  draft04: boolean;
}

function scan(root: Schema): Signals {
  const signals: Signals = { older: new Map(), newer: new Map(), draft04: false };
  const note = (side: Map<string, string>, keyword: string, pointer: string) => {
    if (!side.has(keyword)) side.set(keyword, pointer || "/");
  };
  // An explicit stack, not recursion: the nesting of a schema is not bounded.
  const stack: [unknown, string][] = [[root, ""]];
  let seen = 0;
  while (stack.length && seen++ < MAX_NODES) {
    const [node, pointer] = stack.pop()!;
    if (typeof node !== "object" || node === null || Array.isArray(node)) continue;
    const s = node as SchemaObject;
    if (Array.isArray(s.items)) note(signals.older, "items (an array)", `${pointer}/items`);
    if (s.additionalItems !== undefined) note(signals.older, "additionalItems", `${pointer}/additionalItems`);
    if (typeof s.dependencies === "object" && s.dependencies !== null) note(signals.older, "dependencies", `${pointer}/dependencies`);
    if (typeof s.id === "string" && s.$id === undefined) {
      note(signals.older, "id", `${pointer}/id`);
      signals.draft04 = true;
    }
    // "$id": "#foo" (or "…/s.json#foo") is a plain-name anchor up to draft 7; 2019-09 has `$anchor` for it.
    if (typeof s.$id === "string" && /#./.test(s.$id)) note(signals.older, "$id with a fragment", `${pointer}/$id`);
    if (typeof s.exclusiveMinimum === "boolean" || typeof s.exclusiveMaximum === "boolean") {
      note(signals.older, "exclusiveMinimum/Maximum (a boolean)", pointer);
      signals.draft04 = true;
    }
    for (const k of NEWER_KEYWORDS) if (s[k] !== undefined) note(signals.newer, k, `${pointer}/${k}`);
    for (const k of MAP_KEYWORDS) {
      const m = s[k];
      if (typeof m === "object" && m !== null && !Array.isArray(m)) {
        for (const [name, v] of Object.entries(m)) stack.push([v, `${pointer}/${k}/${escapePointerSegment(name)}`]);
      }
    }
    for (const k of ARRAY_KEYWORDS) {
      const a = s[k];
      if (Array.isArray(a)) a.forEach((v, i) => stack.push([v, `${pointer}/${k}/${i}`]));
    }
    for (const k of SINGLE_KEYWORDS) if (typeof s[k] === "object" && !Array.isArray(s[k])) stack.push([s[k], `${pointer}/${k}`]);
  }
  return signals;
}

const listed = (m: Map<string, string>) => [...m].map(([k, p]) => `${k} at ${p}`);

/** The draft to read `root` as, and how it was chosen. `option` is the caller's draft for schemas without `$schema`. */
export function chooseDraft(root: Schema, option?: Draft): DraftChoice {
  const declared = declaredDraft(root);
  if (declared) return { draft: declared, source: "declared" };
  if (option) return { draft: option, source: "option", why: "no $schema; the draft was given" };
  const { older, newer, draft04 } = scan(root);
  if (older.size && newer.size) {
    return {
      draft: "2020-12",
      source: "inferred",
      why: `no $schema, and keywords of both older and newer drafts (${[...older.keys()].join(", ")} / ${[...newer.keys()].join(", ")}): read as 2020-12`,
      conflict: { older: listed(older), newer: listed(newer) },
    };
  }
  if (older.size) {
    const draft = draft04 ? "04" : "07";
    return { draft, source: "inferred", why: `no $schema; read as draft-${draft} because of ${listed(older).slice(0, 3).join(", ")}` };
  }
  if (newer.size)
    return { draft: "2020-12", source: "inferred", why: `no $schema; read as 2020-12 because of ${listed(newer).slice(0, 3).join(", ")}` };
  return { draft: "2020-12", source: "default", why: "no $schema and no keyword that only one draft has: read as 2020-12" };
}
