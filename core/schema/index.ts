// Stage 1, the schema: loading (JSON/JSONC with positions), drafts, $ref resolution, flattening a
// conjunction into facts, and walking a document's nodes.
export { chooseDraft, declaredDraft, DRAFT_NAMES, parseDraftName, type DraftChoice, type DraftSource } from "./draft";
export {
  detectDraft,
  type Draft,
  DRAFT_URIS,
  escapePointerSegment,
  isInsideRoots,
  lineStartsOf,
  type LoadedSchema,
  type LoadOptions,
  loadSchemaFile,
  loadSchemaText,
  nodeAtPointer,
  nodeNestedDeeperThan,
  nodeValue,
  pointerToPath,
  positionOf,
  readRegularFile,
  realPath,
  type Schema,
  type SchemaObject,
  stepInto,
} from "./load";
export { isSchemaObject, type PathKind, type PathStepKind, type SchemaNode, schemaNodes, schemaPathKind, schemaPathStep } from "./walk";
export { indexSchemaDirs, mappedFile, topLevelId, type OfflineSources, type RefMapping } from "./offline";
export { ARRAY_WORDS, NUMBER_WORDS, OBJECT_WORDS, STRING_WORDS } from "./facts";
