// A schema the check worker checks a few times when it starts, before any document asks: the
// checks of a large document run about three times faster once V8 has optimised them (measured
// on the 5,000-line benchmark schema: 100-300 ms for the first checks in a fresh worker, 30-50 ms
// from the fifth), and the first edits of a session should not pay for that.

/** About 600 schema nodes using the keywords real schemas use most. */
export function warmUpSchema(): string {
  const defs: Record<string, unknown> = {};
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < 40; i++) {
    properties[`entity${i}`] = { $ref: `#/$defs/entity${i}` };
    defs[`entity${i}`] = {
      type: "object",
      description: `Entity ${i}`,
      required: ["id", "name"],
      additionalProperties: false,
      properties: {
        id: { type: "string", format: "uuid" },
        name: { type: "string", minLength: 1, maxLength: 80, pattern: "^[A-Za-z][A-Za-z0-9 ]*$" },
        count: { type: "integer", minimum: 0, maximum: 1000, default: 1 },
        price: { type: "number", exclusiveMinimum: 0, multipleOf: 0.01 },
        status: { enum: ["active", "inactive", "pending"] },
        created: { type: "string", format: "date-time" },
        tags: { type: "array", items: { type: "string" }, maxItems: 10, uniqueItems: true },
        parent: i > 0 ? { $ref: `#/$defs/entity${i - 1}` } : { type: "null" },
        address: {
          type: "object",
          properties: { city: { type: "string" }, zip: { type: "string", pattern: "^[0-9]{5}$" } },
          required: ["city"],
        },
        kind: { oneOf: [{ const: "a" }, { const: "b" }] },
      },
      "x-cross-field-rules": ["count >= 0"],
    };
  }
  return JSON.stringify({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    required: ["entity0"],
    properties,
    $defs: defs,
  });
}

/** Checks of the warm-up schema a new worker makes while no document is waiting. */
export const WARM_UP_RUNS = 5;
