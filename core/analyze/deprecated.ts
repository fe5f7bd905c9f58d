// keyword-deprecated: keywords that the file's draft replaced (`definitions` → `$defs` and the split
// of `dependencies` in 2019-09; `$recursiveRef`/`$recursiveAnchor` → `$dynamicRef`/`$dynamicAnchor`
// and array-form `items` → `prefixItems` in 2020-12). Editors strike them through; the fix moves
// the schema to the current keyword and rewrites the `$ref`s that lead into what was renamed, so
// that nothing the schema references goes missing. Not in draft-07 and older, where they are current.
import { escapePointerSegment, percentDecoded, pointerToPath, type Draft, type LoadedSchema, type SchemaObject } from "../schema/load";
import type { DraftChoice } from "../schema/draft";
import type { SchemaNode } from "../schema/walk";
import { DRAFT_NAMES } from "./keywords";
import { at, type Finding, type FixEdit } from "./finding";

const NEWER: readonly Draft[] = ["2019-09", "2020-12"];
const LATEST: readonly Draft[] = ["2020-12"];

export interface Deprecation {
  keyword: string;
  /** The keyword(s) that replace it, in words. */
  replacement: string;
  /** Whether validators of the draft still read it (definitions, dependencies) or not. */
  stillRead: boolean;
  /** What validators of the draft make of it, in words. */
  effect: string;
}

interface Row extends Deprecation {
  drafts: readonly Draft[];
  /** Deprecated only in this shape; `isArray(key)` tells whether the sibling `key` holds an array. */
  when?: (isArray: (key: string) => boolean) => boolean;
}

const STILL_READ = "validators still read it, a later draft may not";
const ROWS: readonly Row[] = [
  { keyword: "definitions", drafts: NEWER, replacement: "$defs", stillRead: true, effect: STILL_READ },
  { keyword: "dependencies", drafts: NEWER, replacement: "dependentRequired / dependentSchemas", stillRead: true, effect: STILL_READ },
  { keyword: "$recursiveRef", drafts: LATEST, replacement: "$dynamicRef", stillRead: false, effect: "2020-12 validators do not follow it" },
  { keyword: "$recursiveAnchor", drafts: LATEST, replacement: "$dynamicAnchor", stillRead: false, effect: "2020-12 has no such keyword" },
  {
    keyword: "items",
    drafts: LATEST,
    replacement: "prefixItems",
    stillRead: false,
    effect: "in 2020-12 items is one schema, for the items after prefixItems",
    when: (isArray) => isArray("items"),
  },
  {
    keyword: "additionalItems",
    drafts: LATEST,
    replacement: "items",
    stillRead: false,
    effect: "2020-12 validators ignore it",
    when: (isArray) => isArray("items"),
  },
];

/**
 * The deprecation of `keyword` in a schema object of `draft`, if it is one. `isArray(key)`: whether
 * the object's member `key` holds an array (array-form `items` is the deprecated shape).
 */
export function deprecatedKeyword(draft: Draft, keyword: string, isArray: (key: string) => boolean): Deprecation | undefined {
  const row = ROWS.find((r) => r.keyword === keyword);
  if (!row || !row.drafts.includes(draft) || (row.when && !row.when(isArray))) return undefined;
  return row;
}

/**
 * The draft whose deprecations apply, or undefined when the draft was not chosen for a reason: a
 * schema without `$schema` and without any keyword of one side of the 2019 split is read as 2020-12
 * by default, and its `definitions` are more likely draft-07 habits than a 2020-12 mistake.
 */
export function deprecationDraft(choice: DraftChoice): Draft | undefined {
  return choice.source === "default" ? undefined : choice.draft;
}

/** A `$ref`/`$dynamicRef` of the document that leads to a schema object of the document. */
interface LocalRef {
  /** Pointer of the member holding the reference. */
  pointer: string;
  ref: string;
  /** Pointer of the schema it leads to. */
  target: string;
}

/** Every reference of the document into the document, each resolved once, sorted by target (see refsUnder). */
function localRefs(nodes: readonly SchemaNode[], loaded: LoadedSchema): LocalRef[] {
  const out: LocalRef[] = [];
  for (const node of nodes) {
    const s = node.schema;
    if (typeof s !== "object") continue;
    for (const keyword of ["$ref", "$dynamicRef"]) {
      const ref = s[keyword];
      if (typeof ref !== "string") continue;
      const target = loaded.resolveRef(s, ref);
      const origin = typeof target === "object" ? loaded.origin(target) : undefined;
      if (origin?.doc === loaded.main)
        out.push({ pointer: `${node.pointer}/${escapePointerSegment(keyword)}`, ref, target: origin.pointer });
    }
  }
  return out.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

/** The references (of `refs`, sorted by target) that lead to `pointer` or inside it: a binary search, not a scan per finding. */
function refsUnder(refs: readonly LocalRef[], pointer: string): LocalRef[] {
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (refs[mid].target < pointer) lo = mid + 1;
    else hi = mid;
  }
  const out: LocalRef[] = [];
  for (let k = lo; k < refs.length && refs[k].target.startsWith(pointer); k++) {
    const t = refs[k].target;
    if (t.length === pointer.length || t[pointer.length] === "/") out.push(refs[k]);
  }
  return out;
}

/** The text of a reference that leads into `rename`'s member with the segment of its fragment that names the key changed; undefined when its fragment does not name it. */
function refRewritten({ ref, target }: LocalRef, rename: { pointer: string; newKey: string }): string | undefined {
  const hash = ref.indexOf("#");
  const raw = hash < 0 ? [] : ref.slice(hash + 1).split("/");
  const decoded = percentDecoded(ref.slice(hash + 1));
  if (raw[0] !== "" || "problem" in decoded) return undefined;
  const fragment = pointerToPath(decoded.decoded);
  if (fragment.length !== raw.length - 1) return undefined;
  // The fragment is the end of the target's pointer (what precedes it is where the ref's resource is).
  const renamed = pointerToPath(rename.pointer);
  const index = renamed.length - 1 - (pointerToPath(target).length - fragment.length);
  if (index < 0 || fragment[index] !== renamed.at(-1)) return undefined;
  raw[index + 1] = escapePointerSegment(rename.newKey);
  return `${ref.slice(0, hash)}#${raw.join("/")}`;
}

/** `renames`, and a new value for every reference of the document that leads into a renamed member. */
function renamesWithRefs(renames: { pointer: string; newKey: string }[], refs: readonly LocalRef[]): FixEdit[] {
  const edits: FixEdit[] = renames.map((r) => ({ op: "renameKey", ...r }));
  // The renamed members are apart (items and additionalItems of one schema): a reference leads into one at most.
  for (const rename of renames) {
    for (const ref of refsUnder(refs, rename.pointer)) {
      const value = refRewritten(ref, rename);
      if (value !== undefined) edits.push({ op: "setValue", pointer: ref.pointer, value });
    }
  }
  return edits;
}

const isSchema = (v: unknown) => typeof v === "boolean" || (typeof v === "object" && v !== null && !Array.isArray(v));

/** The anchor name the $recursive* fix gives: "node", or "node2", … when the document uses that name already. */
function freshAnchor(nodes: readonly SchemaNode[]): string {
  const used = new Set<unknown>();
  for (const n of nodes) if (typeof n.schema === "object") used.add(n.schema.$anchor).add(n.schema.$dynamicAnchor);
  let name = "node";
  for (let k = 2; used.has(name); k++) name = `node${k}`;
  return name;
}

/**
 * 2019-09's recursion in 2020-12 terms, for the whole document at once (the anchor and the
 * references go together): `$recursiveAnchor: true` → `$dynamicAnchor: "node"`; a `$recursiveRef:
 * "#"` whose resource root has that anchor → `$dynamicRef: "#node"`; one whose root has none meant
 * the root itself, a plain `$ref`; `$recursiveAnchor: false` said nothing and goes.
 */
function recursionEdits(nodes: readonly SchemaNode[]): FixEdit[] {
  const byPointer = new Map(nodes.map((n) => [n.pointer, n]));
  const anchor = freshAnchor(nodes);
  const resourceRoot = (node: SchemaNode): SchemaObject | undefined => {
    for (let n: SchemaNode | undefined = node; n; n = n.via ? byPointer.get(n.via.parentPointer) : undefined)
      if (typeof n.schema === "object" && (typeof n.schema.$id === "string" || !n.via)) return n.schema;
    return undefined;
  };
  const edits: FixEdit[] = [];
  for (const node of nodes) {
    const s = node.schema;
    if (typeof s !== "object") continue;
    if ("$recursiveAnchor" in s) {
      const pointer = `${node.pointer}/$recursiveAnchor`;
      if (s.$recursiveAnchor === true) {
        // Renaming onto a key the schema has would make a duplicate: then no fix (they go together).
        if ("$dynamicAnchor" in s) return [];
        edits.push({ op: "renameKey", pointer, newKey: "$dynamicAnchor" }, { op: "setValue", pointer, value: anchor });
      } else edits.push({ op: "remove", pointer });
    }
    if (typeof s.$recursiveRef === "string") {
      const pointer = `${node.pointer}/$recursiveRef`;
      const dynamic = s.$recursiveRef === "#" && resourceRoot(node)?.$recursiveAnchor === true;
      if ((dynamic ? "$dynamicRef" : "$ref") in s) return [];
      edits.push({ op: "renameKey", pointer, newKey: dynamic ? "$dynamicRef" : "$ref" });
      if (dynamic) edits.push({ op: "setValue", pointer, value: `#${anchor}` });
    }
  }
  return edits;
}

export function deprecatedKeywordFindings(nodes: readonly SchemaNode[], loaded: LoadedSchema): Finding[] {
  const draft = deprecationDraft(loaded.draftChoice);
  if (!draft) return [];
  const findings: Finding[] = [];
  let recursion: FixEdit[] | undefined;
  // Resolved once, when a fix first needs them: every finding's fix looks through the same references.
  let refs: LocalRef[] | undefined;
  const refsOf = () => (refs ??= localRefs(nodes, loaded));
  for (const node of nodes) {
    const s = node.schema;
    if (typeof s !== "object") continue;
    for (const keyword of Object.keys(s)) {
      const deprecation = deprecatedKeyword(draft, keyword, (k) => Array.isArray(s[k]));
      if (!deprecation) continue;
      const pointer = `${node.pointer}/${escapePointerSegment(keyword)}`;
      const has = (k: string) => k in s;
      let edits: FixEdit[] | undefined;
      let title = `Change to "${deprecation.replacement}"`;
      switch (keyword) {
        case "definitions":
          if (!has("$defs")) edits = renamesWithRefs([{ pointer, newKey: "$defs" }], refsOf());
          break;
        case "dependencies": {
          const value = s.dependencies;
          if (typeof value !== "object" || value === null || Array.isArray(value) || has("dependentRequired") || has("dependentSchemas"))
            break;
          const entries = Object.entries(value as Record<string, unknown>);
          const lists = entries.filter(([, v]) => Array.isArray(v));
          const schemas = entries.filter(([, v]) => isSchema(v));
          if (lists.length + schemas.length !== entries.length) break;
          if (!schemas.length) {
            title = 'Change to "dependentRequired"';
            edits = [{ op: "renameKey", pointer, newKey: "dependentRequired" }];
          } else {
            // The schemas keep their text (and the $refs into them follow); the lists move out.
            title = lists.length ? 'Split into "dependentSchemas" and "dependentRequired"' : 'Change to "dependentSchemas"';
            edits = renamesWithRefs([{ pointer, newKey: "dependentSchemas" }], refsOf());
            if (lists.length) {
              for (const [name] of lists) edits.push({ op: "remove", pointer: `${pointer}/${escapePointerSegment(name)}` });
              edits.push({ op: "insert", pointer: `${node.pointer}/dependentRequired`, value: Object.fromEntries(lists) });
            }
          }
          break;
        }
        case "$recursiveRef":
        case "$recursiveAnchor":
          title = 'Change $recursiveRef/$recursiveAnchor to "$dynamicRef"/"$dynamicAnchor"';
          edits = recursion ??= recursionEdits(nodes);
          break;
        case "items":
        case "additionalItems":
          if (has("prefixItems")) break;
          title = has("additionalItems") ? 'Change to "prefixItems" (and "additionalItems" to "items")' : 'Change to "prefixItems"';
          edits = renamesWithRefs(
            [
              { pointer: `${node.pointer}/items`, newKey: "prefixItems" },
              ...(has("additionalItems") ? [{ pointer: `${node.pointer}/additionalItems`, newKey: "items" }] : []),
            ],
            refsOf(),
          );
          break;
      }
      const shape = keyword === "items" ? " in its array form" : keyword === "additionalItems" ? " beside an array of items" : "";
      findings.push({
        code: "keyword-deprecated",
        severity: deprecation.stillRead ? "hint" : "information",
        deprecated: true,
        message: `"${keyword}"${shape} is deprecated in ${DRAFT_NAMES[draft]}: use "${deprecation.replacement}" (${deprecation.effect})`,
        ...at.key(pointer),
        fixes: edits?.length ? [{ title, edits, preferred: true }] : undefined,
      });
    }
  }
  return findings;
}
