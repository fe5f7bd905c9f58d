// x-unique as a constraint an invalid record can break: each x-unique node whose values the engine
// makes unique (not inside a branch), broken by a duplicate of an earlier record's value.
import type { LoadedSchema } from "../schema/load";
import { stepsText } from "../schema/sites";
import { UNIQUE_KEYWORD, type UniqueAssigner } from "../generate/unique";
import type { ViolableConstraint } from "./constraints";

export const UNIQUE_LABEL_KEYWORD = UNIQUE_KEYWORD;

export function uniqueConstraints(loaded: LoadedSchema, unique: UniqueAssigner): ViolableConstraint[] {
  const out: ViolableConstraint[] = [];
  for (const s of unique.active) {
    if (s.site.guards.length > 0) continue;
    const origin = loaded.origin(s.site.schema);
    const base = origin ? origin.resourcePointer : (loaded.locate(s.site.schema).pointer ?? "");
    out.push({
      keyword: UNIQUE_LABEL_KEYWORD,
      schema: s.site.schema,
      steps: s.site.steps,
      instanceTemplate: stepsText(s.site.steps),
      schemaPath: `${base}/${UNIQUE_KEYWORD}`,
      expected: true,
    });
  }
  return out;
}
