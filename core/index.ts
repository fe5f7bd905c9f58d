// The engine as a library (dist/core.js): what the CLI, the server and benchmarks use.
export { loadSchemaFile, loadSchemaText, type LoadedSchema, type Draft } from "./schema/load";
export { Generator, RECORD_ATTEMPTS } from "./engine/generator";
export { DEFAULT_OPTIONS, LIMITS, type GenerationOptions } from "./plan/plan";
export { SchemaValidator, createAjv, allIssues, type ValidationIssue } from "./validate/ajv";
export { SpecMintError, formatLocation, type SourceLocation } from "./base/errors";
export { writeDataset } from "./output/writer";
export { readDataset } from "./validate/dataset";
export { scoreDataset } from "./validate/score";
export { Enricher, EnrichedRecords, enrichRecords, checkProvider, providerProblem, llmSeed, findLlmTargets } from "./enrich";
export { RuleSet, ruleFindings, rulePaths, parseRule, analyzeRule, type RuleStats, type LocatedFinding } from "./rules";
export { uniqueSites, UniqueAssigner } from "./generate/unique";
