// Stage 3c, the kinds of records: valid, invalid and boundary record i behind one door.
export {
  RECORD_KINDS,
  isRecordKind,
  recordsOfKind,
  type RecordKind,
  type KindRecord,
  type RecordsOfKind,
  type KindOptions,
} from "./records";
export { kindSamplesAt, constraintsOfNode, type KindSamples, type KindSamplesOptions } from "./samples";
