// The engine as a library (dist/core.js): the one door through which the CLI, the language server
// and benchmarks reach core. Each stage's own index.ts is its public face; this file gathers them.
export { loadSchemaFile, loadSchemaText, type LoadedSchema, type Draft } from "./schema";
export { Generator, RECORD_ATTEMPTS } from "./engine";
export { InvalidRecords, VIOLABLE_KEYWORDS, type Violation } from "./invalid";
export { RECORD_KINDS, isRecordKind, recordsOfKind, type RecordKind, type KindRecord, type RecordsOfKind } from "./kinds";
export { DEFAULT_OPTIONS, LIMITS, type GenerationOptions } from "./plan";
export { SchemaValidator, createAjv, allIssues, type ValidationIssue } from "./validate";
export { SpecMintError, formatLocation, type SourceLocation } from "./base";
export { writeDataset, writeSql } from "./output";
export { readDataset, scoreDataset } from "./validate";
export { Enricher, EnrichedRecords, enrichRecords, checkProvider, providerProblem, llmSeed, findLlmTargets } from "./enrich";
export { RuleSet, ruleFindings, rulePaths, parseRule, analyzeRule, type RuleStats, type LocatedFinding } from "./rules";
export { uniqueSites, UniqueAssigner } from "./generate";
