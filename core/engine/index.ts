// Stage 3, the record: record i from (plan, seed, i), with rules applied and the result validated;
// also the samples of one node that the editor shows.
export { Generator, RECORD_ATTEMPTS } from "./generator";
export { samplesAt } from "./samples";
export { compileSchemaValidator } from "./validator";
export { brokenNodes, withoutBrokenNodes, type BrokenNode } from "./broken";
