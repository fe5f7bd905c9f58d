// The drafts' own meta-schemas, as shipped by ajv, so that a `$ref` to a meta-schema resolves
// offline, exactly as ajv (which has them built in) resolves it.
import draft07 from "ajv/dist/refs/json-schema-draft-07.json";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json";
import s2019 from "ajv/dist/refs/json-schema-2019-09/schema.json";
import s2019core from "ajv/dist/refs/json-schema-2019-09/meta/core.json";
import s2019applicator from "ajv/dist/refs/json-schema-2019-09/meta/applicator.json";
import s2019validation from "ajv/dist/refs/json-schema-2019-09/meta/validation.json";
import s2019metadata from "ajv/dist/refs/json-schema-2019-09/meta/meta-data.json";
import s2019format from "ajv/dist/refs/json-schema-2019-09/meta/format.json";
import s2019content from "ajv/dist/refs/json-schema-2019-09/meta/content.json";
import s2020 from "ajv/dist/refs/json-schema-2020-12/schema.json";
import s2020core from "ajv/dist/refs/json-schema-2020-12/meta/core.json";
import s2020applicator from "ajv/dist/refs/json-schema-2020-12/meta/applicator.json";
import s2020validation from "ajv/dist/refs/json-schema-2020-12/meta/validation.json";
import s2020metadata from "ajv/dist/refs/json-schema-2020-12/meta/meta-data.json";
import s2020format from "ajv/dist/refs/json-schema-2020-12/meta/format-annotation.json";
import s2020content from "ajv/dist/refs/json-schema-2020-12/meta/content.json";
import s2020unevaluated from "ajv/dist/refs/json-schema-2020-12/meta/unevaluated.json";

const ALL: object[] = [
  draft07,
  draft06,
  s2019,
  s2019core,
  s2019applicator,
  s2019validation,
  s2019metadata,
  s2019format,
  s2019content,
  s2020,
  s2020core,
  s2020applicator,
  s2020validation,
  s2020metadata,
  s2020format,
  s2020content,
  s2020unevaluated,
];

const byUri = new Map<string, object>();
for (const s of ALL) byUri.set(String((s as { $id: string }).$id).replace(/#$/, ""), s);

/** The meta-schema published at `uri` (without fragment), or undefined. */
export function metaSchemaFor(uri: string): object | undefined {
  return byUri.get(uri.replace(/#$/, ""));
}
