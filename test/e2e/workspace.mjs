// The workspace the extension tests open: fixture schemas written fresh for every run.
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";

export function writeWorkspace(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "good.schema.json"),
    JSON.stringify(
      { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: { name: { type: "string" } } },
      null,
      2,
    ) + "\n",
  );
  writeFileSync(
    path.join(dir, "bad.schema.json"),
    `{
  "type": "object",
  "required": ["bad"],
  "properties": {
    "bad": { "type": "integer", "minimum": 10, "maximum": 5 }
  }
}
`,
  );
  writeFileSync(
    path.join(dir, "people.schema.json"),
    JSON.stringify(
      {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "object",
        required: ["id", "name", "age"],
        properties: {
          id: { type: "integer", minimum: 1, maximum: 100000 },
          name: { type: "string", minLength: 2, maxLength: 30 },
          age: { type: "integer", minimum: 0, maximum: 120 },
          plan: { enum: ["free", "pro", "team"] },
        },
        additionalProperties: false,
      },
      null,
      2,
    ) + "\n",
  );
  writeFileSync(
    path.join(dir, "story.schema.json"),
    JSON.stringify(
      {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "object",
        required: ["id", "bio"],
        properties: {
          id: { type: "integer", minimum: 1, maximum: 1000 },
          bio: { type: "string", minLength: 5, maxLength: 80, "x-llm": true, description: "a one-line biography" },
        },
      },
      null,
      2,
    ) + "\n",
  );
  mkdirSync(path.join(dir, "data"), { recursive: true });
  // A planted bad dataset: record 2 has a string age, record 3 an unknown key and no name.
  writeFileSync(
    path.join(dir, "data", "people-bad.jsonl"),
    [
      { id: 1, name: "Ada", age: 36, plan: "pro" },
      { id: 2, name: "Bob", age: "old", plan: "free" },
      { id: 3, age: 40, nickname: "cc" },
      { id: 4, name: "Dee", age: 51, plan: "team" },
    ]
      .map((r) => JSON.stringify(r))
      .join("\n") + "\n",
  );
  // One pattern that is no regular expression (an optional property): the rest still has samples.
  writeFileSync(
    path.join(dir, "regex-broken.schema.json"),
    JSON.stringify(
      {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "object",
        required: ["name", "age"],
        properties: {
          name: { type: "string", minLength: 2, maxLength: 30 },
          age: { type: "integer", minimum: 18, maximum: 99 },
          code: { type: "string", pattern: "[a-" },
        },
      },
      null,
      2,
    ) + "\n",
  );
  // A 2020-12 schema written the draft-07 way, with a rule: highlighting and the deprecated-keyword fix.
  writeFileSync(
    path.join(dir, "legacy.schema.json"),
    JSON.stringify(
      {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "object",
        "x-cross-field-rules": ["len(name) <= 30"],
        properties: { name: { type: "string" }, id: { $ref: "#/definitions/Id" } },
        definitions: { Id: { type: "integer", minimum: 1 } },
      },
      null,
      2,
    ) + "\n",
  );
  // Somebody else's folder: Generate Fixtures must not write into it.
  mkdirSync(path.join(dir, "foreign"), { recursive: true });
  writeFileSync(path.join(dir, "foreign", "notes.txt"), "not SpecMint output\n");
  return dir;
}
