// unknown-keyword: a key in a schema that no draft-`draft` validator will read. Most unknown keys
// are deliberate annotations and are left alone; one that is a near miss of a real keyword
// (maxLenght, Required, x-lm) is almost always a typo that silently removes a constraint.
import { escapePointerSegment, type Draft } from "../schema/load";
import { draftKeywords, draftsDefining, DRAFT_NAMES, isKnownKeyword, keywordNames } from "./keywords";
import { closestName } from "./suggest";
import { deprecatedKeyword } from "./deprecated";
import { at, type Finding } from "./finding";
import type { SchemaNode } from "../schema/walk";

/** Keywords of other drafts that validators of every draft honour in practice: not worth a note. */
const TOLERATED = new Set(["$defs", "definitions", "$comment", "examples", "$id", "id"]);

/** `deprecationsOf`: the draft whose deprecated keywords keyword-deprecated reports (those get no second note here). */
export function unknownKeywordFindings(nodes: readonly SchemaNode[], draft: Draft, deprecationsOf?: Draft): Finding[] {
  const findings: Finding[] = [];
  const names = keywordNames(draft);
  for (const node of nodes) {
    if (typeof node.schema !== "object") continue;
    const schema = node.schema;
    for (const key of Object.keys(schema)) {
      if (isKnownKeyword(draft, key)) continue;
      if (deprecationsOf && deprecatedKeyword(deprecationsOf, key, (k) => Array.isArray(schema[k]))) continue;
      const pointer = `${node.pointer}/${escapePointerSegment(key)}`;
      const others = draftsDefining(key);
      if (others.length) {
        if (TOLERATED.has(key)) continue;
        findings.push({
          code: "unknown-keyword",
          severity: "information",
          message: `"${key}" is not a ${DRAFT_NAMES[draft]} keyword (it is one in ${others.map((d) => DRAFT_NAMES[d]).join(", ")}); ${DRAFT_NAMES[draft]} validators ignore it`,
          ...at.key(pointer),
        });
        continue;
      }
      const meant = closestName(key, names);
      if (meant === undefined) continue;
      // Renaming onto a key the schema already has would make a duplicate: say so, offer nothing.
      const duplicate = meant in node.schema;
      findings.push({
        code: "unknown-keyword",
        severity: "warning",
        message: `Unknown keyword "${key}": did you mean "${meant}"? As written it is ignored${draftKeywords(draft).has(meant) ? ", so its constraint does not apply" : ""}.`,
        ...at.key(pointer),
        fixes: duplicate
          ? undefined
          : [{ title: `Change to "${meant}"`, edits: [{ op: "renameKey", pointer, newKey: meant }], preferred: true }],
      });
    }
  }
  return findings;
}
