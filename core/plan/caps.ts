// The size caps of generated values (string-length, items, object-properties): a schema whose
// minimum is above a cap is refused before any record is made, naming the node, the cap and the
// flag. Without this, `minLength: 1e9` builds a 4 GB string before it fails, and
// `minProperties: 1e6` runs for a minute before the record budget ends it.
import { LimitError, groupDigits, type LimitName } from "../base/limits";
import type { LoadedSchema, SchemaObject } from "../schema/load";
import { schemaNodes } from "../schema/walk";

/** Keywords whose subschemas are tested against values but never make one. */
const NOT_GENERATED_UNDER = new Set(["not", "if"]);

function minimumOf(s: SchemaObject, keyword: string): number {
  const v = s[keyword];
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

/** Throws LimitError for the first schema node (in document order) whose minimum exceeds its cap. */
export function checkGenerationCaps(loaded: LoadedSchema): void {
  const caps: [keyword: string, limit: LimitName, value: string, unit: string][] = [
    ["minLength", "string-length", "a string", "characters"],
    ["minItems", "items", "an array", "elements"],
    ["minContains", "items", "an array", "matching elements"],
    ["minProperties", "object-properties", "an object", "properties"],
  ];
  for (const doc of loaded.documents) {
    if (!doc.tree) continue; // a meta-schema built in: nothing in it asks for large values
    const skipped = new Set<unknown>();
    for (const node of schemaNodes(doc.root, loaded.draft)) {
      const via = node.via;
      if (via && (skipped.has(via.parent) || NOT_GENERATED_UNDER.has(via.keyword))) {
        skipped.add(node.schema);
        continue;
      }
      if (typeof node.schema !== "object") continue;
      for (const [keyword, limit, value, unit] of caps) {
        const min = minimumOf(node.schema, keyword);
        const cap = loaded.limits[limit];
        if (min > cap) {
          const loc = loaded.locate(node.schema);
          throw new LimitError(
            limit,
            cap,
            `\`${keyword}: ${groupDigits(min)}\` asks for ${value} of at least ${groupDigits(min)} ${unit}`,
            {
              ...loc,
              pointer: `${node.pointer}/${keyword}`,
            },
          );
        }
      }
    }
  }
}
