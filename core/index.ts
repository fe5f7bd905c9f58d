// The engine as a library (dist/core.js): what the CLI, the server and benchmarks use.
export { loadSchemaFile, loadSchemaText, type LoadedSchema, type Draft } from "./schema";
export { Generator, RECORD_ATTEMPTS } from "./engine";
export { DEFAULT_OPTIONS, LIMITS, type GenerationOptions } from "./plan";
export { SchemaValidator, createAjv, allIssues, type ValidationIssue } from "./validate";
export { SpecMintError, formatLocation, type SourceLocation } from "./errors";
export { writeDataset } from "./output";
export { readDataset } from "./dataset";
export { scoreDataset } from "./report";
export { Enricher, EnrichedRecords, enrichRecords, checkProvider, providerProblem, llmSeed, findLlmTargets } from "./llm";
export { RuleSet, ruleFindings, rulePaths, parseRule, analyzeRule, type RuleStats, type LocatedFinding } from "./rules";
export { uniqueSites, UniqueAssigner } from "./unique";
