// The records a specmint/samples or specmint/generate request asks for: `kind` (default "valid") and,
// for kind invalid, `violate`, checked as the CLI checks --kind and --violate; a bad one is refused
// with the request's own error (InvalidParams), never guessed at.
import { ErrorCodes, ResponseError } from "vscode-languageserver";
import { RECORD_KINDS, isRecordKind } from "../core/kinds";
import { VIOLABLE_KEYWORDS } from "../core/invalid";
import type { KindChoice } from "./generation/messages";

export function kindChoiceOf(params: { kind?: unknown; violate?: unknown }): KindChoice {
  const kind = params.kind ?? "valid";
  if (!isRecordKind(kind))
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `SpecMint: unknown kind ${JSON.stringify(kind)}; expected ${RECORD_KINDS.join(", ")}`,
    );
  if (params.violate === undefined || params.violate === null) return { kind };
  const list: unknown = params.violate;
  if (!Array.isArray(list))
    throw new ResponseError(ErrorCodes.InvalidParams, `SpecMint: violate is a list of keywords (${VIOLABLE_KEYWORDS.join(", ")})`);
  const unknown = (list as unknown[]).find((k) => typeof k !== "string" || !(VIOLABLE_KEYWORDS as readonly string[]).includes(k));
  if (unknown !== undefined)
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `SpecMint: unknown keyword ${JSON.stringify(unknown)} in violate; keywords invalid records can break are ${VIOLABLE_KEYWORDS.join(", ")}`,
    );
  if (list.length === 0) return { kind };
  if (kind !== "invalid")
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `SpecMint: violate chooses the constraints invalid records break; ask for kind "invalid"`,
    );
  return { kind, violate: [...new Set(list as string[])] };
}
