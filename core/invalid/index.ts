// Stage 3b, invalid records (`--kind invalid`): the constraints of a schema a record can break, the
// values that break each one, and record i as valid record i with one constraint broken, labelled.
export { VIOLABLE_KEYWORDS, violableConstraints, type ViolableConstraint, type ViolableKeyword } from "./constraints";
export { InvalidRecords, type InvalidRecord, type Violation } from "./invalidRecords";
export { checkLabelledRecords, labelText, type ExpectReport, type LabelMismatch } from "./expect";
