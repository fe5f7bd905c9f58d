// Loading a schema as the editor sees it: referenced files come from open documents first (their
// unsaved text), then from disk; a referenced file that is missing or broken is recorded with the
// reason, so that the $ref pointing at it can say why.
import * as jsonc from "jsonc-parser";
import type { Limits } from "../common/settings";
import {
  loadSchemaText,
  lineStartsOf,
  positionOf,
  readRegularFile,
  type Draft,
  type LoadedSchema,
  type OfflineSources,
} from "../core/schema";
import { accessProblem, UNTRUSTED_PROBLEM, type FileAccess } from "./fileAccess";

/** Text of an open document by file path, if it is open. */
export type Overlay = (file: string) => string | undefined;

export interface EditorLoad {
  loaded: LoadedSchema;
  /** Referenced files that could not be used: absolute path → reason. */
  fileProblems: Map<string, string>;
}

/**
 * Reads referenced files: open documents first, then the disk. With `access`, a file outside its
 * roots is refused unopened (open or not), and when the workspace is not trusted only open documents
 * are read; the reason goes to `problems`.
 */
export function overlayReader(overlay: Overlay, problems: Map<string, string>, access?: FileAccess): (file: string) => string {
  return (file: string) => {
    const refused = accessProblem(file, access);
    if (refused) {
      problems.set(file, refused);
      throw Object.assign(new Error(refused), { code: "EREFUSED" });
    }
    let text = overlay(file);
    if (text === undefined && access && !access.trusted) {
      problems.set(file, UNTRUSTED_PROBLEM);
      throw Object.assign(new Error(UNTRUSTED_PROBLEM), { code: "EUNTRUSTED" });
    }
    if (text === undefined) {
      try {
        // Not readFileSync: a FIFO would block the server until a writer comes.
        text = readRegularFile(file);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        problems.set(
          file,
          code === "ENOENT"
            ? "the file does not exist"
            : code === "ENOTREG"
              ? "it is not a regular file"
              : `it cannot be read (${code ?? (e as Error).message})`,
        );
        throw e;
      }
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const errors: jsonc.ParseError[] = [];
    jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    if (errors.length) {
      const p = positionOf(lineStartsOf(text), errors[0].offset);
      problems.set(file, `it is not valid JSON (${jsonc.printParseErrorCode(errors[0].error)} at ${p.line}:${p.column})`);
      // Treated as unreadable: the $ref is reported instead of the whole document failing to load.
      throw new Error(problems.get(file));
    }
    return text;
  };
}

/**
 * Throws what loadSchemaText throws for the main text itself (a SpecMintError). `draft`: the draft of
 * a schema without `$schema` (`specmint.defaultDraft`); undefined: inferred from its keywords.
 */
export function loadForEditor(
  text: string,
  file: string | undefined,
  overlay: Overlay,
  draft?: Draft,
  offline?: OfflineSources,
  access?: FileAccess,
  limits?: Partial<Limits>,
): EditorLoad {
  const fileProblems = new Map<string, string>();
  const loaded = loadSchemaText(text, file, { readFile: overlayReader(overlay, fileProblems, access), draft, offline, limits });
  return { loaded, fileProblems };
}
