// Writing a dataset folder: record files, dataset.jsonl/.csv and the manifest, atomically.
export {
  AbortedError,
  type Manifest,
  type ManifestCoverage,
  type ManifestDraft,
  type ManifestInput,
  OUTPUT_FORMATS,
  type OutputFormat,
  type OutputGuard,
  setOutputGuard,
  TOOL_VERSION,
  writeDataset,
  writeMirror,
  MIRROR_FOLDERS,
  type WriteMirrorResult,
} from "./writer";
