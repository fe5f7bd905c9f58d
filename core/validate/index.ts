// Checking data: the ajv setup records are validated with, reading a dataset back, scores, statistics.
export { readDataset, type Dataset, type RecordSource } from "./dataset";
export { datasetStats, type DatasetStats, type FieldStats } from "./inspect";
export { SchemaValidator, createAjv, allIssues, type ValidationIssue } from "./ajv";
export { addReferenceScore, isPerfect, scoreDataset, type DanglingReference, type ValidateReport, type Violation } from "./score";
