// Checking data: the ajv setup records are validated with, reading a dataset back, scores, statistics.
export { readDataset } from "./dataset";
export { datasetStats, type DatasetStats, type FieldStats } from "./inspect";
export { SchemaValidator, createAjv, allIssues, type ValidationIssue } from "./ajv";
export { isPerfect, scoreDataset, type ValidateReport, type Violation } from "./score";
