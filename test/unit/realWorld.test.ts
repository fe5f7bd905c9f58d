// Shapes that real schemas have and keyword-by-keyword suites do not: each test is a small schema of
// one class seen in public configuration-file schemas, generated and checked by a stock validator.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadSchemaText } from "../../core/schema";
import { Generator } from "../../core/engine";
import { stockValidator } from "../support/stockValidator";

function assertAllValid(schema: object, count = 40): unknown[] {
  const loaded = loadSchemaText(JSON.stringify(schema, null, 2), undefined);
  const generator = new Generator(loaded, { seed: 1 });
  const validate = stockValidator(loaded.draft).ajv.compile(schema);
  const records = Array.from({ length: count }, (_, k) => generator.record(k + 1));
  for (const [k, r] of records.entries())
    assert.ok(validate(r), `record ${k + 1} ${JSON.stringify(r)}: ${JSON.stringify(validate.errors)}`);
  return records;
}

test("a $ref into a plain object of schemas (not under a schema keyword) resolves that schema's own $refs", () => {
  // As in travis.json: definitions/notifications is a plain object whose members are schemas, reached
  // by "#/definitions/notifications/webhooks"; inside, a oneOf branch refers back to the root.
  const records = assertAllValid({
    $schema: "http://json-schema.org/draft-07/schema#",
    definitions: {
      secret: {
        type: "object",
        properties: { secure: { type: "string", minLength: 1 } },
        required: ["secure"],
        additionalProperties: false,
      },
      notifications: {
        webhooks: {
          type: "object",
          properties: {
            urls: {
              oneOf: [
                { type: "string", format: "uri" },
                { $ref: "#/definitions/secret" },
                { type: "array", minItems: 1, items: { oneOf: [{ type: "string", format: "uri" }, { $ref: "#/definitions/secret" }] } },
              ],
            },
          },
          required: ["urls"],
        },
      },
    },
    type: "object",
    properties: { webhooks: { $ref: "#/definitions/notifications/webhooks" } },
    required: ["webhooks"],
  });
  const kinds = new Set(
    records.map((r) =>
      Array.isArray((r as { webhooks: { urls: unknown } }).webhooks.urls)
        ? "array"
        : typeof (r as { webhooks: { urls: unknown } }).webhooks.urls,
    ),
  );
  assert.ok(kinds.size >= 2, `the oneOf branches are all used, not only one: ${[...kinds].join(", ")}`);
});
