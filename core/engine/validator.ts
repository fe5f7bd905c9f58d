// The validator of a loaded schema, or an error that names what keeps it from compiling: a
// reference that leads nowhere is reported at its own place (with how to make a URL's document
// available), not as ajv's message at the root.
import { SpecMintError } from "../base/errors";
import { refFindings, type OfflineHint } from "../analyze/refs";
import type { LoadedSchema } from "../schema/load";
import { schemaNodes } from "../schema/walk";
import { checkRefCycles } from "../schema/cycles";
import { SchemaValidator } from "../validate/ajv";

export function compileSchemaValidator(loaded: LoadedSchema, offlineHint?: OfflineHint): SchemaValidator {
  // Before ajv: its validator would recurse on such a cycle until the stack overflows.
  checkRefCycles(loaded);
  try {
    return new SchemaValidator(loaded);
  } catch (e) {
    const unresolved = refFindings(schemaNodes(loaded.main.root, loaded.draft), loaded, loaded.refused, offlineHint)[0];
    if (unresolved) throw new SpecMintError("schema", unresolved.message, loaded.locate(unresolved.pointer));
    throw new SpecMintError("schema", `the schema cannot be compiled: ${(e as Error).message}`, loaded.locate(""));
  }
}
