// The workspace the extension tests open: fixture schemas written fresh for every run.
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";

export function writeWorkspace(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "good.schema.json"),
    JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: { name: { type: "string" } } }, null, 2) + "\n",
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
  return dir;
}
