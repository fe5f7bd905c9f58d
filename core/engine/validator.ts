// The validator of a loaded schema, or an error that names what keeps it from compiling: a
// reference that leads nowhere is reported at its own place (with how to make a URL's document
// available), not as ajv's message at the root.
import { SpecMintError } from "../base/errors";
import { refFindings, type OfflineHint } from "../analyze/refs";
import type { LoadedSchema } from "../schema/load";
import { schemaNodes } from "../schema/walk";
import { checkRefCycles } from "../schema/cycles";
import { SchemaValidator } from "../validate/ajv";
import { brokenNodes } from "./broken";

/** A high surrogate without its low half, or a low one without its high half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function compileSchemaValidator(loaded: LoadedSchema, offlineHint?: OfflineHint): SchemaValidator {
  // Before ajv: its validator would recurse on such a cycle until the stack overflows.
  checkRefCycles(loaded);
  try {
    return new SchemaValidator(loaded);
  } catch (e) {
    // ajv percent-encodes the pointer of every subschema, and encodeURIComponent refuses half a
    // surrogate pair: a property name with one cannot be compiled; say which it is.
    const unencodable =
      e instanceof URIError ? schemaNodes(loaded.main.root, loaded.draft).find((n) => LONE_SURROGATE.test(n.pointer)) : undefined;
    if (unencodable) {
      const at = unencodable.pointer;
      throw new SpecMintError(
        "schema",
        `the schema at ${JSON.stringify(at)} cannot be compiled: a name in its pointer holds half of a UTF-16 surrogate pair, which is not Unicode text and has no URI form (ajv addresses every subschema by URI)`,
        loaded.locate(at),
      );
    }
    const unresolved = refFindings(schemaNodes(loaded.main.root, loaded.draft), loaded, loaded.refused, offlineHint)[0];
    if (unresolved) throw new SpecMintError("schema", unresolved.message, loaded.locate(unresolved.pointer));
    // Name the node that does not compile (a pattern that is no regular expression), not the root.
    const broken = brokenNodes(loaded)[0];
    if (broken) throw new SpecMintError("schema", broken.message, loaded.locate(broken.pointer));
    throw new SpecMintError("schema", `the schema cannot be compiled: ${(e as Error).message}`, loaded.locate(""));
  }
}
