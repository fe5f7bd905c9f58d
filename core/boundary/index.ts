// Stage 3d, boundary records (`--kind boundary`) and coverage: the schema's edges as items, record i
// as valid record i with a group of items set, and which items any dataset hits.
export { boundaryItems, type BoundaryItem } from "./items";
export { BoundaryRecords, boundaryRecordsOf, datasetCoverage } from "./boundaryRecords";
export { CoverageCounter, type CoverageCounts, type CoverageEntry, type CoverageReport, type CoverageStatus } from "./coverage";
