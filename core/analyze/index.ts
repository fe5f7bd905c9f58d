// Every quick static check of a schema document, in one call: what the language server shows while
// a person types (and what a future `specmint lint` would print). Checks that generate (the probe's
// unsatisfiable, patternGenerationFindings' regex-unsupported) and the rules checks run elsewhere:
// they can take long, or need the rules module.
import type { LoadedSchema } from "../schema/load";
import type { Finding } from "./finding";
import { schemaNodes, type SchemaNode } from "../schema/walk";
import { metaSchemaFindings } from "./metaSchema";
import { unknownKeywordFindings } from "./unknownKeywords";
import { rangeFindings } from "./ranges";
import { requiredFindings } from "./required";
import { valueFindings } from "./values";
import { refFindings, type OfflineHint } from "./refs";
import { patternSyntaxFindings } from "./patterns";
import { formatFindings } from "./formatNames";
import { extensionFindings } from "./extensions";
import { deprecatedKeywordFindings } from "./deprecated";
import { ValueChecker } from "./valueChecker";
import { deprecationDraft } from "./deprecated";

export interface SchemaAnalysis {
  nodes: SchemaNode[];
  findings: Finding[];
}

export interface AnalyzeOptions {
  /** Why referenced files could not be used (absolute path → reason), for ref-unresolved messages. */
  fileProblems?: ReadonlyMap<string, string>;
  /** How to make a URL's document available, in the host's words (default: the CLI's flags). */
  offlineHint?: OfflineHint;
  /** schemaNodes(loaded.main.root, loaded.draft), when the caller has walked the schema already. */
  nodes?: SchemaNode[];
}

export function analyzeSchema(loaded: LoadedSchema, options: AnalyzeOptions = {}): SchemaAnalysis {
  const root = loaded.main.root;
  const nodes = options.nodes ?? schemaNodes(root, loaded.draft);
  const findings: Finding[] = [
    ...metaSchemaFindings(root, loaded.draft, nodes),
    ...unknownKeywordFindings(nodes, loaded.draft, deprecationDraft(loaded.draftChoice)),
    ...deprecatedKeywordFindings(nodes, loaded),
    ...rangeFindings(nodes),
    ...requiredFindings(nodes, loaded),
    ...valueFindings(nodes, new ValueChecker(loaded)),
    ...refFindings(nodes, loaded, options.fileProblems ?? new Map(), options.offlineHint),
    ...patternSyntaxFindings(nodes),
    ...formatFindings(nodes),
    ...extensionFindings(nodes),
  ];
  return { nodes, findings };
}

export type { Finding, FindingCode, FindingPlace, FindingSeverity, FindingTarget, Fix, FixEdit } from "./finding";
export type { SchemaNode } from "../schema/walk";
export { draftKeywords, EXTENSION_KEYWORD_INFO, type KeywordValueKind } from "./keywords";
export { knownFormatNames } from "./formatNames";
export { deprecatedKeyword, deprecationDraft, type Deprecation } from "./deprecated";
export { CLI_OFFLINE_HINT, localDefinitionRefs, urlPrefix, type OfflineHint } from "./refs";
export { describeSchema, type SchemaDescription } from "./describe";
export { patternGenerationFindings } from "./patterns";
